/**
 * Paragraph layout: the RTL text engine.
 *
 *   logical text ─ bidi levels (UAX #9, whole paragraph)
 *                ─ font selection per character (with fallback)
 *                ─ widths from HarfBuzz shaping of the whole paragraph
 *                ─ line breaking in logical order (UAX #14 opportunities)
 *                ─ per line: L1, runs, L2 reordering, shaping of each run
 *                  in its own direction, justification, placement
 *
 * The result is lines of positioned glyph runs in visual order, x in points
 * from the left edge of the paragraph's box. Backends draw them as they are.
 */
import LineBreaker from 'linebreak';
import type { Align } from '../model/index.js';
import { type BaseDir, FSI, LRI, PDI, RLI, bidiClass, lineLevels, paragraphLevels, reorderRuns } from './bidi.js';
import { type FontConfig, fontFile } from './fonts.js';
import { type LoadedFont, type ShapedGlyph, loadFont, shape, shapeByWords } from './shaper.js';

export interface TextStyle {
  readonly family: string;
  readonly bold: boolean;
  readonly italic: boolean;
  /** Points. */
  readonly size: number;
  /** BCP 47, selects the OpenType language system. */
  readonly lang?: string;
}

/** What a paragraph is made of, in logical order. */
export type InlineItem =
  | { readonly kind: 'text'; readonly text: string; readonly style: TextStyle }
  /** Opens a bidi isolate (data fields, inline dir overrides). */
  | { readonly kind: 'isolate'; readonly dir: BaseDir }
  | { readonly kind: 'endIsolate' }
  /** A forced line break. */
  | { readonly kind: 'break' };

export interface ParagraphSpec {
  readonly items: readonly InlineItem[];
  readonly dir: BaseDir;
  readonly align: Align;
  /** Width of the paragraph's box, points. */
  readonly width: number;
  /** Indents in points at the start and end edges (right/left in RTL). */
  readonly indentStart?: number;
  readonly indentEnd?: number;
  /**
   * A label (list number) set in the first line at the start edge, in a
   * box of `width` points; the text of every line starts after that box.
   */
  readonly label?: { readonly text: string; readonly style: TextStyle; readonly width: number };
}

export interface PlacedGlyph {
  /** Glyph id in the font file. */
  readonly id: number;
  /** Font units. xAdvance includes any justification. */
  readonly xAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
  /** The font's own advance of this glyph (font units). */
  readonly advance: number;
  /** The logical characters this glyph stands for ('' for the second part of a split character). */
  readonly text: string;
}

export interface PlacedRun {
  /** Points from the left edge of the paragraph box. */
  readonly x: number;
  readonly width: number;
  readonly font: LoadedFont;
  readonly style: TextStyle;
  readonly size: number;
  /** Resolved bidi level; odd = drawn right to left. */
  readonly level: number;
  /** Glyphs in visual (left-to-right) order. */
  readonly glyphs: readonly PlacedGlyph[];
  /** The run's logical text. */
  readonly text: string;
  /** UTF-16 range in the paragraph text (-1 for the label). */
  readonly start: number;
  readonly end: number;
}

export interface LaidOutLine {
  /** Runs in visual order, left to right. */
  readonly runs: readonly PlacedRun[];
  /** UTF-16 range of the paragraph text on this line (trailing spaces included). */
  readonly start: number;
  readonly end: number;
  /** Left and right edge of the inked line, points. */
  readonly left: number;
  readonly right: number;
  readonly justified: boolean;
  /** Line ended by a forced break, or is the paragraph's last. */
  readonly last: boolean;
  /** Largest font size on the line (points). */
  readonly maxSize: number;
}

export interface MissingGlyph {
  readonly char: string;
  readonly codePoint: number;
  /** UTF-16 index in the paragraph text. */
  readonly index: number;
}

export interface LaidOutParagraph {
  /** The logical text laid out (isolate controls included). */
  readonly text: string;
  readonly paragraphLevel: number;
  readonly lines: readonly LaidOutLine[];
  /** Characters no configured font can draw: the caller decides (an error, never tofu). */
  readonly missing: readonly MissingGlyph[];
}

const LINE_SEPARATOR = '\u2028';
const EPSILON = 0.01;

/** Characters never drawn: isolate/embedding controls and the forced break. */
function isControl(ch: number): boolean {
  return (ch >= 0x2066 && ch <= 0x2069) || (ch >= 0x202a && ch <= 0x202e) || ch === 0x2028 || ch === 0x2029;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

/** Characters that need no glyph (default ignorables, controls). */
function needsGlyph(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x200e || cp === 0x200f || cp === 0x2060 || cp === 0xfeff || cp === 0xad || cp === 0x61c) return false;
  if (isControl(cp)) return false;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return false;
  return true;
}

function scriptOf(cp: number): string | undefined {
  if ((cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) || (cp >= 0x08a0 && cp <= 0x08ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) return 'Arab';
  if (cp >= 0x0590 && cp <= 0x05ff) return 'Hebr';
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f)) return 'Latn';
  return undefined;
}

interface Flattened {
  text: string;
  /** Style index per UTF-16 unit (-1 for controls). */
  styleOf: Int32Array;
  styles: TextStyle[];
}

function flatten(items: readonly InlineItem[]): Flattened {
  let text = '';
  const styleIdx: number[] = [];
  const styles: TextStyle[] = [];
  let last: TextStyle | undefined;
  for (const it of items) {
    if (it.kind === 'text') {
      if (it.style !== last) {
        styles.push(it.style);
        last = it.style;
      }
      text += it.text;
      for (let i = 0; i < it.text.length; i++) styleIdx.push(styles.length - 1);
    } else {
      const ch = it.kind === 'break' ? LINE_SEPARATOR : it.kind === 'endIsolate' ? PDI : it.dir === 'rtl' ? RLI : it.dir === 'ltr' ? LRI : FSI;
      text += ch;
      styleIdx.push(-1);
    }
  }
  return { text, styleOf: Int32Array.from(styleIdx), styles };
}

/** The engine: fonts resolved through one font configuration. */
export class TextEngine {
  private readonly fallback: string[];
  constructor(private readonly fonts: FontConfig) {
    this.fallback = Object.keys(fonts.families);
  }

  fontFor(style: TextStyle): LoadedFont {
    return loadFont(fontFile(this.fonts, style.family, style.bold, style.italic));
  }

  /** The font that draws code point `cp` in `style`: the style's own, else the first family that has it. */
  private pickFont(style: TextStyle, cp: number): LoadedFont | undefined {
    const own = this.fontFor(style);
    if (!needsGlyph(cp) || own.coverage.has(cp)) return own;
    for (const fam of this.fallback) {
      if (fam === style.family) continue;
      const f = loadFont(fontFile(this.fonts, fam, style.bold, style.italic));
      if (f.coverage.has(cp)) return f;
    }
    return undefined;
  }

  /**
   * Laid-out paragraphs by content: a rebuild after an edit (watch mode, or
   * several documents in one process) lays out again only the paragraphs
   * that changed. Results are never mutated, so they can be shared.
   */
  private readonly cache = new Map<string, LaidOutParagraph>();
  private static readonly CACHE_LIMIT = 20_000;

  layoutParagraph(spec: ParagraphSpec): LaidOutParagraph {
    const key = JSON.stringify(spec);
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const laid = this.layoutUncached(spec);
    this.cache.set(key, laid);
    if (this.cache.size > TextEngine.CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return laid;
  }

  private layoutUncached(spec: ParagraphSpec): LaidOutParagraph {
    const flat = flatten(spec.items);
    const { text } = flat;
    const bidi = paragraphLevels(text, spec.dir);
    const rtl = bidi.paragraphLevel % 2 === 1;
    const n = text.length;

    // Font per UTF-16 unit (surrogate pairs share one), with fallback; note what no font has.
    const fontOf: (LoadedFont | undefined)[] = new Array(n);
    const missing: MissingGlyph[] = [];
    for (let i = 0; i < n; ) {
      const cp = text.codePointAt(i)!;
      const w = cp > 0xffff ? 2 : 1;
      const si = flat.styleOf[i]!;
      let f: LoadedFont | undefined;
      if (si >= 0) {
        const style = flat.styles[si]!;
        f = this.pickFont(style, cp);
        if (!f) {
          missing.push({ char: String.fromCodePoint(cp), codePoint: cp, index: i });
          f = this.fontFor(style);
        }
      }
      for (let k = 0; k < w; k++) fontOf[i + k] = f;
      i += w;
    }
    // Marks take the font of their base, so a mark is never shaped apart from its letter.
    for (let i = 1; i < n; i++) {
      if (fontOf[i] && fontOf[i - 1] && fontOf[i] !== fontOf[i - 1] && bidiClass(text[i]!) === 'NSM' && fontOf[i - 1]!.coverage.has(text.codePointAt(i)!)) fontOf[i] = fontOf[i - 1];
    }

    // Runs in logical order over [start, end): same style, font and level; controls excluded.
    const runsOf = (start: number, end: number, levels: Uint8Array, levelBase: number): { start: number; end: number; level: number }[] => {
      const out: { start: number; end: number; level: number }[] = [];
      let i = start;
      while (i < end) {
        if (flat.styleOf[i]! < 0) { i++; continue; }
        const level = levels[i - levelBase]!;
        const s = flat.styleOf[i]!;
        const f = fontOf[i];
        let j = i + 1;
        while (j < end && flat.styleOf[j] === s && fontOf[j] === f && levels[j - levelBase] === level) j++;
        out.push({ start: i, end: j, level });
        i = j;
      }
      return out;
    };

    // Advance (points) per UTF-16 unit, from shaping whole logical runs of the paragraph.
    const adv = new Float64Array(n);
    const paragraphRuns: ShapedRun[] = [];
    for (const r of runsOf(0, n, bidi.levels, 0)) {
      const style = flat.styles[flat.styleOf[r.start]!]!;
      const font = fontOf[r.start]!;
      const glyphs = shapeByWords(font, this.request(text, r.start, r.end, r.level, style));
      paragraphRuns.push({ ...r, font, style, glyphs });
      const k = style.size / font.upem;
      for (const g of glyphs) adv[g.cluster] = adv[g.cluster]! + g.xAdvance * k;
    }

    // The label (list number) is laid out on its own, in the paragraph's direction.
    const indentStart = spec.indentStart ?? 0;
    const indentEnd = spec.indentEnd ?? 0;
    const labelWidth = spec.label?.width ?? 0;
    const textWidth = Math.max(1, spec.width - indentStart - indentEnd - labelWidth);

    // Line breaking, logical order, greedy over UAX #14 opportunities.
    const ranges = breakLines(text, adv, textWidth);

    const lines: LaidOutLine[] = [];
    for (let li = 0; li < ranges.length; li++) {
      const { start, end, forced } = ranges[li]!;
      const last = forced || li === ranges.length - 1;
      // Visible end: drop trailing spaces and controls.
      let vend = end;
      while (vend > start && (isSpace(text.charCodeAt(vend - 1)) || isControl(text.charCodeAt(vend - 1)))) vend--;
      const levels = lineLevels(text, bidi.levels, bidi.paragraphLevel, start, end);
      const logical = runsOf(start, vend, levels, start);
      const order = reorderRuns(logical.map((r) => r.level));
      let runs: MutableRun[] = order.map((idx) => {
        const r = logical[idx]!;
        const style = flat.styles[flat.styleOf[r.start]!]!;
        const font = fontOf[r.start]!;
        return this.shapeRun(text, r.start, r.end, r.level, style, font, reusable(paragraphRuns, r, font, style));
      });
      let natural = runs.reduce((s, r) => s + r.width, 0);
      const justify = spec.align === 'justify' && !last && natural < textWidth - EPSILON;
      let justified = false;
      if (justify) justified = justifyRuns(runs, textWidth - natural);
      if (justified) natural = textWidth;

      // Place in the text box, then shift the box by the indents and label.
      const boxLeft = rtl ? indentEnd : indentStart + labelWidth;
      let x: number;
      const free = textWidth - natural;
      const align = spec.align;
      if (justified) x = 0;
      else if (align === 'center') x = free / 2;
      else if ((align === 'end') !== rtl) x = free; // end in LTR, start/justify in RTL: right edge
      else x = 0;
      let cursor = boxLeft + x;
      const placed: PlacedRun[] = [];
      for (const r of runs) {
        placed.push({ ...r, x: cursor });
        cursor += r.width;
      }
      if (li === 0 && spec.label) {
        const lab = this.layoutLabel(spec.label, spec.dir, rtl);
        // The label sits in its box at the start edge, flush with that edge.
        const lx = rtl ? spec.width - indentStart - lab.width : indentStart;
        const labelRuns = lab.runs.map((r) => ({ ...r, x: r.x + lx }));
        if (rtl) placed.push(...labelRuns);
        else placed.unshift(...labelRuns);
      }
      runs = [];
      const left = placed.length ? placed[0]!.x : boxLeft + x;
      const right = placed.length ? placed[placed.length - 1]!.x + placed[placed.length - 1]!.width : left;
      const maxSize = placed.reduce((m, r) => Math.max(m, r.size), 0);
      lines.push({ runs: placed, start, end, left, right, justified, last, maxSize });
    }
    return { text, paragraphLevel: bidi.paragraphLevel, lines, missing };
  }

  private layoutLabel(label: NonNullable<ParagraphSpec['label']>, dir: BaseDir, rtl: boolean): { runs: PlacedRun[]; width: number } {
    const sub = this.layoutParagraph({
      items: [{ kind: 'text', text: label.text, style: label.style }],
      dir: dir === 'auto' ? (rtl ? 'rtl' : 'ltr') : dir,
      align: 'start',
      width: 1e6,
    });
    const line = sub.lines[0];
    if (!line) return { runs: [], width: 0 };
    const runs = line.runs.map((r) => ({ ...r, x: r.x - line.left, start: -1, end: -1 }));
    return { runs, width: line.right - line.left };
  }

  private request(text: string, start: number, end: number, level: number, style: TextStyle) {
    let script: string | undefined;
    for (let i = start; i < end && !script; i++) script = scriptOf(text.charCodeAt(i));
    return { text, start, end, rtl: level % 2 === 1, ...(script ? { script } : {}), ...(style.lang ? { lang: style.lang } : {}) };
  }

  /** Shapes one run of a line in its own direction; glyphs in visual order. */
  private shapeRun(text: string, start: number, end: number, level: number, style: TextStyle, font: LoadedFont, reuse?: readonly ShapedGlyph[]): MutableRun {
    const shaped = reuse ?? shape(font, this.request(text, start, end, level, style));
    // Characters each glyph stands for: from its cluster to the next cluster in
    // logical order (clusters are monotone: HarfBuzz's MONOTONE_CHARACTERS). The
    // first glyph of a cluster in logical order (the last, visually, in a RTL run)
    // gets the characters; the others get none.
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
      return { id: g.id, xAdvance: g.xAdvance, xOffset: g.xOffset, yOffset: g.yOffset, advance: font.advance(g.id), text: texts[i]! };
    });
    return { x: 0, width, font, style, size: style.size, level, glyphs, text: text.slice(start, end), start, end };
  }
}

/** Short glyph texts (a letter, a letter and its mark) are shared: a document repeats few of them many times. */
const interned = new Map<string, string>();
function intern(t: string): string {
  if (t.length > 3) return t;
  let v = interned.get(t);
  if (v === undefined) interned.set(t, (v = t));
  return v;
}

/** A level run of the whole paragraph as HarfBuzz shaped it. */
interface ShapedRun { start: number; end: number; level: number; font: LoadedFont; style: TextStyle; glyphs: readonly ShapedGlyph[] }

/**
 * The glyphs of a line's run [start, end) taken from the paragraph's shaping,
 * when HarfBuzz says the text may be cut there without shaping again (no
 * UNSAFE_TO_BREAK at either edge); else undefined, and the run is shaped anew.
 */
function reusable(runs: readonly ShapedRun[], r: { start: number; end: number; level: number }, font: LoadedFont, style: TextStyle): ShapedGlyph[] | undefined {
  const whole = runs.find((x) => x.start <= r.start && r.end <= x.end);
  if (!whole || whole.level !== r.level || whole.font !== font || whole.style !== style) return undefined;
  if (whole.start === r.start && whole.end === r.end) return [...whole.glyphs];
  const out: ShapedGlyph[] = [];
  for (const g of whole.glyphs) {
    if ((g.cluster === r.start && r.start > whole.start) || (g.cluster === r.end && r.end < whole.end)) {
      if (g.unsafe) return undefined;
    }
    if (g.cluster >= r.start && g.cluster < r.end) out.push(g);
  }
  // An edge that falls inside a cluster (no glyph starts there) cannot be cut cleanly.
  const starts = new Set(whole.glyphs.map((g) => g.cluster));
  if ((r.start > whole.start && !starts.has(r.start)) || (r.end < whole.end && !starts.has(r.end))) return undefined;
  return out;
}

type MutableGlyph = { -readonly [K in keyof PlacedGlyph]: PlacedGlyph[K] };
type MutableRun = Omit<PlacedRun, 'glyphs' | 'width'> & { glyphs: MutableGlyph[]; width: number };

/** Spreads `extra` points over the inter-word spaces of the line. Returns false when there are none. */
function justifyRuns(runs: MutableRun[], extra: number): boolean {
  let spaces = 0;
  for (const r of runs) for (const g of r.glyphs) if (g.text === ' ' || g.text === '\u00a0') spaces++;
  if (spaces === 0) return false;
  const per = extra / spaces;
  for (const r of runs) {
    const perUnits = (per * r.font.upem) / r.size;
    for (const g of r.glyphs) {
      if (g.text === ' ' || g.text === '\u00a0') {
        g.xAdvance += perUnits;
        r.width += per;
      }
    }
  }
  return true;
}

interface LineRange { start: number; end: number; forced: boolean }

/**
 * Greedy line breaking in logical order. Opportunities come from UAX #14;
 * trailing spaces hang past the edge. A piece wider than the line is broken
 * between grapheme clusters (never between a letter and its marks).
 */
export function breakLines(text: string, adv: Float64Array, width: number): LineRange[] {
  const n = text.length;
  if (n === 0) return [{ start: 0, end: 0, forced: false }];
  const breaks: { pos: number; required: boolean }[] = [];
  const lb = new LineBreaker(text);
  for (let b = lb.nextBreak(); b; b = lb.nextBreak()) breaks.push({ pos: b.position, required: b.required });
  const lines: LineRange[] = [];
  // Prefix sums: the width of any range in constant time.
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + adv[i]!;
  const widthOf = (a: number, b: number): number => prefix[b]! - prefix[a]!;
  const trimmedEnd = (a: number, b: number): number => {
    while (b > a && (isSpace(text.charCodeAt(b - 1)) || isControl(text.charCodeAt(b - 1)))) b--;
    return b;
  };
  let lineStart = 0;
  let lastFit = -1; // last opportunity that fits
  let bi = 0;
  while (bi < breaks.length) {
    const { pos, required } = breaks[bi]!;
    const w = widthOf(lineStart, trimmedEnd(lineStart, pos));
    if (w <= width + EPSILON || lastFit < 0) {
      if (w > width + EPSILON && lastFit < 0) {
        // A single piece wider than the line: cut it at grapheme boundaries.
        let a = lineStart;
        const pieceEnd = trimmedEnd(lineStart, pos);
        while (widthOf(a, pieceEnd) > width + EPSILON) {
          let cut = a;
          let acc = 0;
          for (let i = a; i < pieceEnd; ) {
            const next = nextGrapheme(text, i);
            const gw = widthOf(i, next);
            if (acc + gw > width + EPSILON && cut > a) break;
            acc += gw;
            cut = next;
            i = next;
          }
          lines.push({ start: a, end: cut, forced: false });
          a = cut;
        }
        lineStart = a;
        if (required || pos >= n) {
          lines.push({ start: lineStart, end: pos, forced: required && pos < n });
          lineStart = pos;
          lastFit = -1;
        } else lastFit = pos;
        bi++;
        continue;
      }
      if (required && pos < n) {
        lines.push({ start: lineStart, end: pos, forced: true });
        lineStart = pos;
        lastFit = -1;
      } else lastFit = pos;
      bi++;
    } else {
      lines.push({ start: lineStart, end: lastFit, forced: false });
      lineStart = lastFit;
      lastFit = -1;
    }
  }
  if (lineStart < n || lines.length === 0) lines.push({ start: lineStart, end: n, forced: false });
  return lines;
}

function nextGrapheme(text: string, i: number): number {
  const cp = text.codePointAt(i)!;
  let j = i + (cp > 0xffff ? 2 : 1);
  // Keep combining marks, ZWJ/ZWNJ and variation selectors with their base.
  while (j < text.length) {
    const c = text.codePointAt(j)!;
    const cls = bidiClass(String.fromCodePoint(c));
    if (cls === 'NSM' || c === 0x200d || c === 0x200c || (c >= 0xfe00 && c <= 0xfe0f)) j += c > 0xffff ? 2 : 1;
    else break;
  }
  return j;
}
