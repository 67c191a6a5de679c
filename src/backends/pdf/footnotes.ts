/**
 * Footnotes in the PDF, the parts that are not page flow (note-area.ts):
 * the marker in the line (the number, smaller and raised, as a bidi isolate
 * in the direction of the text around, so the engine shapes and places it
 * like any text), and the notes' area of a page (a short rule at the start
 * side, right in a right-to-left document, then the notes).
 */
import type { LaidOutLine, PlacedGlyph, PlacedRun } from '../../text/index.js';
import type { RFootnote, RInline } from '../../resolve/index.js';
import type { Diagnostic } from '../types.js';


/** A marker's number in the paragraph's text: UTF-16 range of its digits, and the note. */
export interface MarkerSpan {
  readonly start: number;
  readonly end: number;
  readonly number: number;
  /** Points the marker's baseline is raised. */
  readonly rise: number;
}

/**
 * The line with its markers' glyphs raised (a glyph's `yOffset`, font units;
 * see RaisedGlyph for how it is drawn). A run lies inside a marker or
 * outside it: the marker is an isolate of its own size.
 */
export function raiseMarkers(line: LaidOutLine, markers: readonly MarkerSpan[]): LaidOutLine {
  const inside = (start: number, end: number): MarkerSpan | undefined => markers.find((m) => start >= m.start && end <= m.end && start < end);
  if (!line.runs.some((r) => inside(r.start, r.end))) return line;
  return { ...line, runs: line.runs.map((r) => raised(r, inside(r.start, r.end)?.rise ?? 0)) };
}

/**
 * A glyph of a raised number. It is drawn as a shifted variant (its outline
 * raised, at the pen on the line's baseline, glyph-runs.ts), not at a
 * baseline of its own: pdf.js ended the line at the number and read the
 * punctuation after it on a line of its own (`10/44-س١ ؛`).
 */
export type RaisedGlyph = PlacedGlyph & { readonly raised: true };
export const isRaised = (g: PlacedGlyph): g is RaisedGlyph => (g as Partial<RaisedGlyph>).raised === true;

/** A run with its glyphs' baseline raised `rise` points (font units in `yOffset`). */
function raised(r: PlacedRun, rise: number): PlacedRun {
  if (rise === 0) return r;
  const up = (rise * r.font.upem) / r.size;
  return { ...r, glyphs: r.glyphs.map((g): RaisedGlyph => ({ ...g, yOffset: g.yOffset + up, raised: true })) };
}

/**
 * A note's first line with its number (the paragraph's label, runs of
 * start -1, in its hanging indent) raised `rise` points, as in the text.
 */
export function raiseLabel(line: LaidOutLine, rise: number): LaidOutLine {
  return { ...line, runs: line.runs.map((r) => (r.start >= 0 ? r : raised(r, rise))) };
}

/** The footnote numbers whose markers are on a line. */
export function markersOn(line: LaidOutLine, markers: readonly MarkerSpan[]): number[] {
  return markers.filter((m) => m.start >= line.start && m.start < line.end).map((m) => m.number);
}

/**
 * Notes which lines hold markers, by the run key of each line's first pdfmake
 * inline (`nodes[i]` is the pdfmake line of `lines[i]`): the page a line lands
 * on is the page of its notes (note-area.ts).
 */
export function noteMarkerLines(out: Map<string, readonly number[]>, lines: readonly LaidOutLine[], nodes: readonly Record<string, unknown>[], markers: readonly MarkerSpan[]): void {
  if (markers.length === 0) return;
  lines.forEach((line, i) => {
    const numbers = markersOn(line, markers);
    const first = (nodes[i]?.['text'] as Record<string, unknown>[] | undefined)?.[0];
    const key = (first?.['fontFeatures'] as string[] | undefined)?.[0];
    if (numbers.length > 0 && key !== undefined) out.set(key, numbers);
  });
}

/** The short rule above a page's notes: a third of the text width, at the start side. */
export function separatorNode(width: number, rtl: boolean): Record<string, unknown> {
  const length = width / 3;
  const x1 = rtl ? width - length : 0;
  return { canvas: [{ type: 'line', x1, y1: 0, x2: x1 + length, y2: 0, lineWidth: 0.5 }], margin: [0, 6, 0, 4] };
}

/** The data field a note's text comes from (its first data isolate), e.g. `/preamble/3/notes/0/text`. */
function noteSource(note: RFootnote): { file?: string; pointer?: string } | undefined {
  const find = (xs: readonly RInline[]): { file?: string; pointer?: string } | undefined => {
    for (const x of xs) {
      if (x.kind !== 'isolate') continue;
      if (x.data?.source.pointer !== undefined) return x.data.source;
      const inner = find(x.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return find(note.paragraph.inlines) ?? note.paragraph.source;
}

const textLength = (xs: readonly RInline[]): number => xs.reduce((n, x) => n + (x.kind === 'text' ? x.text.length : x.kind === 'isolate' ? textLength(x.children) : 0), 0);

/**
 * Warnings for pages whose notes do not fit at their foot (note-area.ts): a
 * note is not continued on the next page (as Word would), so the notes
 * overlap the page's text. Each names the page, its notes' data fields, and
 * the longest of them (the one to shorten or split).
 */
export function overflowWarnings(notes: readonly RFootnote[], pages: ReadonlyMap<number, number>, overflow: readonly number[]): Diagnostic[] {
  return overflow.map((page): Diagnostic => {
    const here = notes.filter((n) => pages.get(n.number) === page);
    const longest = here.reduce<RFootnote | undefined>((a, b) => (a && textLength(a.paragraph.inlines) >= textLength(b.paragraph.inlines) ? a : b), undefined);
    const name = (n: RFootnote): string => `footnote ${n.number}${noteSource(n)?.pointer !== undefined ? ` (${noteSource(n)!.pointer})` : ''}`;
    const source = longest ? noteSource(longest) : undefined;
    return {
      severity: 'warning', code: 'FOOTNOTE',
      message: `the footnotes of page ${page} (${here.map(name).join(', ')}) take more than half of the page's text area and do not fit at its foot: they overlap its text (a footnote is not continued on the next page); shorten ${longest ? name(longest) : 'them'}, or split it into two notes`,
      ...(source ? { source } : {}),
    };
  });
}
