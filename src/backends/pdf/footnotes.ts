/**
 * Footnotes in the PDF, the parts that are not page flow (note-area.ts):
 * the marker in the line (the number, smaller and raised, as a bidi isolate
 * in the direction of the text around, so the engine shapes and places it
 * like any text), and the notes' area of a page (a short rule at the start
 * side, right in a right-to-left document, then the notes).
 */
import type { LaidOutLine } from '../../text/index.js';

/** A marker's size, as a share of the text's (Word's superscript is two thirds). */
export const MARKER_SCALE = 0.65;
/** How far a marker's baseline is raised, as a share of the text's size (Word: a third). */
export const MARKER_RISE = 0.33;

/** A marker's number in the paragraph's text: UTF-16 range of its digits, and the note. */
export interface MarkerSpan {
  readonly start: number;
  readonly end: number;
  readonly number: number;
  /** Points the marker's baseline is raised. */
  readonly rise: number;
}

/**
 * The line with its markers' glyphs raised (a glyph's `yOffset`, font units,
 * which pdfkit draws as positioned text). A run lies inside a marker or
 * outside it: the marker is an isolate of its own size.
 */
export function raiseMarkers(line: LaidOutLine, markers: readonly MarkerSpan[]): LaidOutLine {
  const inside = (start: number, end: number): MarkerSpan | undefined => markers.find((m) => start >= m.start && end <= m.end && start < end);
  if (!line.runs.some((r) => inside(r.start, r.end))) return line;
  return {
    ...line,
    runs: line.runs.map((r) => {
      const m = inside(r.start, r.end);
      if (!m) return r;
      const up = (m.rise * r.font.upem) / r.size;
      return { ...r, glyphs: r.glyphs.map((g) => ({ ...g, yOffset: g.yOffset + up })) };
    }),
  };
}

/**
 * A note's first line with its number (the paragraph's label, runs of
 * start -1, in its hanging indent) raised `rise` points, as in the text.
 */
export function raiseLabel(line: LaidOutLine, rise: number): LaidOutLine {
  return {
    ...line,
    runs: line.runs.map((r) => (r.start >= 0 ? r : { ...r, glyphs: r.glyphs.map((g) => ({ ...g, yOffset: g.yOffset + (rise * r.font.upem) / r.size })) })),
  };
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
