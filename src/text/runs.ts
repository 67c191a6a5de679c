/**
 * Stage 2, shape: runs of one style, font, script and bidi level, shaped by
 * HarfBuzz in their own direction. The paragraph is shaped once for the
 * widths line breaking needs; each line's runs reuse those glyphs where
 * HarfBuzz says the cut is safe, else they are shaped again.
 */
import type { Itemized } from './itemize.js';
import { type LoadedFont, type ShapedGlyph, shape, shapeByWords } from './shaper.js';
import type { PlacedGlyph, PlacedRun, TextStyle } from './types.js';

export interface LogicalRun {
  readonly start: number;
  readonly end: number;
  readonly level: number;
}

/** A level run of the whole paragraph as HarfBuzz shaped it. */
export interface ShapedRun extends LogicalRun {
  readonly font: LoadedFont;
  readonly style: TextStyle;
  readonly glyphs: readonly ShapedGlyph[];
}

export type MutableGlyph = { -readonly [K in keyof PlacedGlyph]: PlacedGlyph[K] };
export type MutableRun = Omit<PlacedRun, 'glyphs' | 'width'> & { glyphs: MutableGlyph[]; width: number };

/** Runs in logical order over [start, end): same style, font, script and level; controls excluded. */
export function runsOf(it: Itemized, start: number, end: number, levels: Uint8Array, levelBase: number): LogicalRun[] {
  const out: LogicalRun[] = [];
  let i = start;
  while (i < end) {
    if (it.styleOf[i]! < 0) { i++; continue; }
    const level = levels[i - levelBase]!;
    const s = it.styleOf[i]!;
    const f = it.fontOf[i];
    const sc = it.scriptOf[i];
    let j = i + 1;
    while (j < end && it.styleOf[j] === s && it.fontOf[j] === f && it.scriptOf[j] === sc && levels[j - levelBase] === level) j++;
    out.push({ start: i, end: j, level });
    i = j;
  }
  return out;
}

export function shapeRequest(it: Itemized, start: number, end: number, level: number, style: TextStyle) {
  const script = it.scriptOf[start];
  return { text: it.text, start, end, rtl: level % 2 === 1, ...(script ? { script } : {}), ...(style.lang ? { lang: style.lang } : {}) };
}

/** Shapes the paragraph's level runs; returns them and the advance (points) per UTF-16 unit. */
export function shapeParagraph(it: Itemized): { runs: ShapedRun[]; advances: Float64Array } {
  const advances = new Float64Array(it.text.length);
  const runs: ShapedRun[] = [];
  for (const r of runsOf(it, 0, it.text.length, it.levels, 0)) {
    const style = it.styles[it.styleOf[r.start]!]!;
    const font = it.fontOf[r.start]!;
    const glyphs = shapeByWords(font, shapeRequest(it, r.start, r.end, r.level, style));
    runs.push({ ...r, font, style, glyphs });
    const k = style.size / font.upem;
    for (const g of glyphs) advances[g.cluster] = advances[g.cluster]! + g.xAdvance * k;
  }
  return { runs, advances };
}

/**
 * One run of a line, shaped in its own direction (reusing `reuse` when
 * given); glyphs in visual order, each with the logical characters it
 * stands for: from its cluster to the next cluster in logical order
 * (clusters are monotone: HarfBuzz's MONOTONE_CHARACTERS). The first glyph
 * of a cluster in logical order (the last, visually, in a RTL run) gets the
 * characters; the others get none.
 */
export function shapeRun(it: Itemized, r: LogicalRun, reuse?: readonly ShapedGlyph[]): MutableRun {
  const { text } = it;
  const { start, end, level } = r;
  const style = it.styles[it.styleOf[start]!]!;
  const font = it.fontOf[start]!;
  const shaped = reuse ?? shape(font, shapeRequest(it, start, end, level, style));
  const m = shaped.length;
  const rtl = level % 2 === 1;
  const texts = new Array<string>(m).fill('');
  let cluster = -1;
  let owner = -1;
  for (let j = 0; j < m; j++) {
    const i = rtl ? m - 1 - j : j;
    const c = shaped[i]!.cluster;
    if (c !== cluster) {
      if (owner >= 0) texts[owner] = intern(text.slice(cluster, c));
      cluster = c;
      owner = i;
    }
  }
  if (owner >= 0) texts[owner] = intern(text.slice(cluster, end));
  const k = style.size / font.upem;
  let width = 0;
  const glyphs: MutableGlyph[] = shaped.map((g, i) => {
    width += g.xAdvance * k;
    const t = texts[i]!;
    const glyph: MutableGlyph = { id: g.id, xAdvance: g.xAdvance, xOffset: g.xOffset, yOffset: g.yOffset, advance: font.advance(g.id), text: t };
    if (t === ' ' || t === '\u00a0') glyph.stretch = 'space';
    return glyph;
  });
  return { x: 0, width, font, style, size: style.size, level, glyphs, text: text.slice(start, end), start, end };
}

/** Short glyph texts (a letter, a letter and its mark) are shared: a document repeats few of them many times. */
const interned = new Map<string, string>();
function intern(t: string): string {
  if (t.length > 3) return t;
  let v = interned.get(t);
  if (v === undefined) interned.set(t, (v = t));
  return v;
}

/**
 * The glyphs of a line's run [start, end) taken from the paragraph's shaping,
 * when HarfBuzz says the text may be cut there without shaping again (no
 * UNSAFE_TO_BREAK at either edge); else undefined, and the run is shaped anew.
 */
export function reusable(runs: readonly ShapedRun[], it: Itemized, r: LogicalRun): ShapedGlyph[] | undefined {
  const font = it.fontOf[r.start];
  const style = it.styles[it.styleOf[r.start]!];
  const whole = runs.find((x) => x.start <= r.start && r.end <= x.end);
  if (!whole || whole.level !== r.level || whole.font !== font || whole.style !== style) return undefined;
  if (whole.start === r.start && whole.end === r.end) return [...whole.glyphs];
  const out: ShapedGlyph[] = [];
  let startFound = r.start === whole.start;
  let endFound = r.end === whole.end;
  for (const g of whole.glyphs) {
    if ((g.cluster === r.start && r.start > whole.start) || (g.cluster === r.end && r.end < whole.end)) {
      if (g.unsafe) return undefined;
    }
    if (g.cluster === r.start) startFound = true;
    if (g.cluster === r.end) endFound = true;
    if (g.cluster >= r.start && g.cluster < r.end) out.push(g);
  }
  // An edge that falls inside a cluster (no glyph starts there) cannot be cut cleanly.
  return startFound && endFound ? out : undefined;
}
