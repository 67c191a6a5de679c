/**
 * Location markers: private-use characters the template rewrite puts into
 * the template's literal text (file index and line), removed again before
 * the markup is parsed, so that markup errors can name the template file
 * and line they come from.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export function marker(fileIndex: number, line: number): string {
  return `${MARK_START}${fileIndex}:${line}${MARK_END}`;
}

export interface SourceMark {
  /** Offset in the cleaned output. */
  readonly offset: number;
  readonly fileIndex: number;
  readonly line: number;
}

/** Removes the markers from rendered output, remembering where each stood. */
export function stripMarkers(output: string): { text: string; marks: SourceMark[] } {
  const marks: SourceMark[] = [];
  let text = '';
  let from = 0;
  for (;;) {
    const start = output.indexOf(MARK_START, from);
    if (start < 0) break;
    const end = output.indexOf(MARK_END, start);
    if (end < 0) break;
    text += output.slice(from, start);
    const [f, l] = output.slice(start + 1, end).split(':');
    marks.push({ offset: text.length, fileIndex: Number(f), line: Number(l) });
    from = end + 1;
  }
  text += output.slice(from);
  return { text, marks };
}
