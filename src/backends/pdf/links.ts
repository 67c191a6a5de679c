/**
 * Link annotations over the glyphs of web and e-mail addresses (the resolve
 * stage says which text is a link: src/resolve/links.ts).
 *
 * A line's glyphs go to pdfmake as a few inlines (one per font and size,
 * flow.ts). Where a link begins or ends inside one, the inline is cut there,
 * between glyphs, and the linked piece carries pdfmake's `link`: pdfkit then
 * puts a URI link annotation over exactly that piece, on the page it is
 * drawn on. Drawing is unchanged: the pieces abut, each glyph keeps its
 * position and its declared width.
 */
import type { LaidOutLine, PlacedRun } from '../../text/index.js';

/** A link over logical text: UTF-16 range in the paragraph's laid-out text. */
export interface TextLink {
  readonly start: number;
  readonly end: number;
  readonly target: string;
}

/** The glyphs of a line, one inline's worth (extraction.ts's PreparedInline is one). */
export interface GlyphPiece<G extends { readonly xAdvance: number; readonly text: string }> {
  readonly fontPath: string;
  readonly size: number;
  /** The font's units per em (to place link rectangles over glyphs). */
  readonly upem: number;
  readonly glyphs: readonly G[];
  readonly codePoints: readonly (readonly number[])[];
  readonly widths: readonly number[];
  readonly text: string;
  /** Of a right-to-left line: each glyph's bidi level (draw-order.ts, splitBidiUnits). */
  readonly levels?: readonly number[];
}

interface Span { readonly from: number; readonly to: number; readonly target: string }

/** Where each link's glyphs are on the line: x ranges in points from the paragraph box's left edge. */
export function linkSpans(line: LaidOutLine, links: readonly TextLink[]): Span[] {
  const out: Span[] = [];
  for (const link of links) {
    if (link.end <= line.start || link.start >= line.end) continue;
    for (const run of line.runs) {
      if (run.start < 0 || run.end <= link.start || run.start >= link.end) continue;
      const span = glyphSpan(run, link);
      if (span) out.push({ ...span, target: link.target });
    }
  }
  return out;
}

/** The x range of the glyphs of `run` standing for characters of `link`. */
function glyphSpan(run: PlacedRun, link: TextLink): { from: number; to: number } | undefined {
  const scale = run.size / run.font.upem;
  const xs: number[] = [];
  let x = run.x;
  for (const g of run.glyphs) {
    xs.push(x);
    x += g.xAdvance * scale;
  }
  // Logical offsets: glyphs are in visual order, so a right-to-left run is read backwards.
  const order = run.glyphs.map((_, i) => i);
  if (run.level % 2 === 1) order.reverse();
  let offset = run.start;
  let from = Infinity;
  let to = -Infinity;
  for (const i of order) {
    const g = run.glyphs[i]!;
    if (offset >= link.start && offset < link.end) {
      from = Math.min(from, xs[i]!);
      to = Math.max(to, xs[i]! + g.xAdvance * scale);
    }
    offset += g.text.length;
  }
  return from < to ? { from, to } : undefined;
}

/**
 * The first logical offset (UTF-16, in the paragraph's text) among the
 * glyphs of `line` whose middles lie in [from, to] (points from the box's
 * left edge): where a piece of a line stands in reading order. The label
 * comes first (-1); a piece of no glyph (a gap), last.
 */
export function logicalStartIn(line: LaidOutLine, from: number, to: number): number {
  let first = Infinity;
  for (const run of line.runs) {
    if (run.x > to || run.x + run.width < from) continue;
    if (run.start < 0) return -1;
    const scale = run.size / run.font.upem;
    const order = run.glyphs.map((_, i) => i);
    if (run.level % 2 === 1) order.reverse();
    const xs: number[] = [];
    let x = run.x;
    for (const g of run.glyphs) {
      xs.push(x);
      x += g.xAdvance * scale;
    }
    let offset = run.start;
    for (const i of order) {
      const g = run.glyphs[i]!;
      const mid = xs[i]! + (g.xAdvance * scale) / 2;
      if (mid >= from - 0.01 && mid <= to + 0.01) first = Math.min(first, offset);
      offset += g.text.length;
    }
  }
  return first;
}

/** A piece of a line after cutting at links: its link, if any, and (on a line with links) its x range in points from the box's left edge. */
export interface CutPiece<G extends { readonly xAdvance: number; readonly text: string }> {
  readonly piece: GlyphPiece<G>;
  readonly link?: string;
  readonly from?: number;
  readonly to?: number;
}

/**
 * Cuts a line's inlines where link spans begin and end. Each piece comes
 * back with the link whose span holds its glyphs' middles, or none.
 */
export function cutAtLinks<G extends { readonly xAdvance: number; readonly text: string }>(
  pieces: readonly GlyphPiece<G>[],
  spans: readonly Span[],
): CutPiece<G>[] {
  if (spans.length === 0) return pieces.map((piece) => ({ piece }));
  const out: CutPiece<G>[] = [];
  let x = 0;
  for (const p of pieces) {
    const scale = p.size / p.upem;
    let start = 0;
    let startX = x;
    let current: string | undefined;
    const flush = (end: number): void => {
      if (end <= start) return;
      const glyphs = p.glyphs.slice(start, end);
      const piece: GlyphPiece<G> = {
        ...p,
        glyphs,
        codePoints: p.codePoints.slice(start, end),
        widths: p.widths.slice(start, end),
        ...(p.levels ? { levels: p.levels.slice(start, end) } : {}),
        text: glyphs.map((g) => g.text).join('') || ' ',
      };
      const endX = startX + glyphs.reduce((w, g) => w + g.xAdvance * scale, 0);
      out.push(current === undefined ? { piece, from: startX, to: endX } : { piece, link: current, from: startX, to: endX });
      start = end;
      startX = endX;
    };
    p.glyphs.forEach((g, i) => {
      const w = g.xAdvance * scale;
      const mid = x + w / 2;
      x += w;
      const target = spans.find((s) => mid >= s.from - 0.01 && mid <= s.to + 0.01)?.target;
      if (i === 0) current = target;
      else if (target !== current) {
        flush(i);
        current = target;
      }
    });
    flush(p.glyphs.length);
  }
  return out;
}
