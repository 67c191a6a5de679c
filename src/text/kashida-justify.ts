/**
 * Kashida justification of one line: the way an Arabic typesetter fills a
 * justified line. Spaces widen first, up to a comfortable maximum; what is
 * left (a style's share of it) goes to whole tatweels (U+0640) at the best
 * join of some words, by the priority of `kashida.ts` among the joins
 * HarfBuzz flags SAFE_TO_INSERT_TATWEEL, at most one join per word and a
 * few tatweels per join; the remainder goes back to the spaces.
 *
 * A join is kept only if shaping the text with the tatweels inserted makes
 * the run exactly n tatweels wider (n tatweels as the font sets them inside
 * a word) and changes no other glyph; otherwise it is tried with fewer, or
 * the word is left as it was. The inserted tatweel glyphs stand for no
 * typed character (text ''), so extracted text equals the data.
 */
import type { Justifier } from './justify.js';
import { wordKashidaPosition } from './kashida.js';
import type { MutableGlyph, MutableRun } from './runs.js';
import { type LoadedFont, type ShapedGlyph, shape, shapeByWords, tatweelSafeOffsets } from './shaper.js';

export interface KashidaOptions {
  /** How much each space may widen before kashida is used, as a fraction of its own width. */
  readonly spaceStretch: number;
  /** Share (0-1) of the stretch beyond that which goes to kashida; the rest widens spaces. */
  readonly share: number;
  /** Most tatweels at one join. */
  readonly maxPerJoin: number;
  /**
   * Worst join level used (kashida.ts): 6 keeps to the typesetters' list;
   * 7 also takes any other join HarfBuzz allows (LibreOffice's last resort),
   * which stretches words like على and بعدوان where no reader expects it.
   */
  readonly maxPriority: number;
  /** Most words stretched on a line, as a share of its words (excessive kashida gives an uneven colour). */
  readonly maxWordShare: number;
  /** Shortest word stretched, in letters (marks not counted): a stretched وضع or أن reads as a misprint. */
  readonly minLetters: number;
}

export const DEFAULT_KASHIDA: KashidaOptions = { spaceStretch: 0.25, share: 1, maxPerJoin: 2, maxPriority: 6, maxWordShare: 1 / 3, minLetters: 4 };

const isSpaceGlyph = (g: MutableGlyph): boolean => g.stretch === 'space';
const isSpaceChar = (c: number): boolean => c === 0x20 || c === 0xa0;
/** Letters of text[from, to) (marks, punctuation and controls not counted). */
const letters = (text: string, from: number, to: number): number => text.slice(from, to).match(/\p{L}/gu)?.length ?? 0;
const ARABIC = /\p{Script=Arabic}/u;

/** Where kashida went on a line (for tests and measures). */
export interface KashidaJoin {
  /** UTF-16 offset in the paragraph text where the tatweels were inserted. */
  readonly at: number;
  readonly count: number;
  /** The join's priority level (kashida.ts). */
  readonly priority: number;
}

interface Choice { run: MutableRun; at: number; priority: number; unit: number; count: number; /** Ordinal of its word on the line, logical order. */ word: number }

/**
 * The kashida justifier (`"justify": "kashida"` in a style): only in fonts
 * whose family opts in (`"kashida": true` in fonts/fonts.json); the style's
 * `kashidaShare`, when given, replaces `opts.share`.
 */
export function kashidaJustifier(opts: KashidaOptions = DEFAULT_KASHIDA, name = 'kashida'): Justifier {
  return {
    name,
    justify(req) {
      const share = req.spec?.kashidaShare;
      const o = share !== undefined ? { ...opts, share } : opts;
      return justifyWithKashida(req.paragraph.text, req.runs, req.extra, o, (r) => req.fonts?.kashida?.has(r.font.path) ?? false) !== undefined;
    },
  };
}

/**
 * Fills `extra` points on a line of `runs` (visual order) cut from paragraph
 * `text`, with spaces and kashida. `allowed(run)` says whether a run's font
 * may be stretched. Returns the joins used, or undefined when the line has
 * no space to widen (it is then left as it was, like the space justifier).
 */
export function justifyWithKashida(text: string, runs: MutableRun[], extra: number, opts: KashidaOptions, allowed: (run: MutableRun) => boolean): KashidaJoin[] | undefined {
  let spaceWidth = 0;
  let spaces = 0;
  for (const r of runs) for (const g of r.glyphs) if (isSpaceGlyph(g)) { spaces++; spaceWidth += (g.xAdvance * r.size) / r.font.upem; }
  if (spaces === 0) return undefined;
  const budget = Math.max(0, extra - spaceWidth * opts.spaceStretch) * Math.min(1, Math.max(0, opts.share));
  const joins: KashidaJoin[] = [];
  if (budget > 0) {
    const { choices: cands, words } = candidates(text, runs, allowed, opts.minLetters);
    const most = Math.max(1, Math.floor(words * opts.maxWordShare));
    const choices = allocate(cands.filter((c) => c.priority <= opts.maxPriority), budget, opts.maxPerJoin, most);
    let used = 0;
    for (const run of new Set(choices.map((c) => c.run))) {
      const before = run.width;
      const kept = applyToRun(text, run, choices.filter((c) => c.run === run));
      used += run.width - before;
      for (const c of kept) joins.push({ at: c.at, count: c.count, priority: c.priority });
    }
    extra -= used;
  }
  widenSpaces(runs, extra, spaces);
  return joins;
}

/** The best safe join of every word of the Arabic runs that may be stretched (one per word). */
function candidates(text: string, runs: readonly MutableRun[], allowed: (run: MutableRun) => boolean, minLetters: number): { choices: Choice[]; words: number } {
  const out: Choice[] = [];
  const seenWords = new Set<number>();
  const lineStart = Math.min(...runs.map((r) => (r.start >= 0 ? r.start : Infinity)));
  /** Words on the line before the one that begins at w. */
  const ordinal = (w: number): number => {
    let n = 0;
    for (let k = Math.max(lineStart, 0); k < w; k++) if (!isSpaceChar(text.charCodeAt(k)) && (k === lineStart || isSpaceChar(text.charCodeAt(k - 1)))) n++;
    return n;
  };
  for (const run of runs) {
    if (run.level % 2 === 0 || !allowed(run) || !ARABIC.test(text.slice(run.start, run.end))) continue;
    const t = tatweelOf(run.font, run.style.lang);
    if (!t) continue;
    const unit = (t.advance * run.size) / run.font.upem;
    for (let i = run.start; i < run.end; ) {
      if (isSpaceChar(text.charCodeAt(i))) { i++; continue; }
      let j = i;
      while (j < run.end && !isSpaceChar(text.charCodeAt(j))) j++;
      // A word may continue past the run (a field, a change of style): it is known by where it begins.
      let w = i;
      while (w > 0 && !isSpaceChar(text.charCodeAt(w - 1))) w--;
      const word = text.slice(i, j);
      if (!seenWords.has(w) && letters(text, w, j) >= minLetters) {
        const safe = safeOffsets(run.font, word, run.style.lang);
        const best = wordKashidaPosition(word, (at) => safe.has(at));
        if (best && safe.has(best.at)) {
          seenWords.add(w);
          out.push({ run, at: i + best.at, priority: best.priority, unit, count: 0, word: ordinal(w) });
        }
      }
      i = j;
    }
  }
  const lineEnd = Math.max(...runs.map((r) => r.end));
  return { choices: out, words: ordinal(lineEnd) };
}

/**
 * Whole tatweels while the budget lasts, best joins first. Neighbouring
 * stretched words make a dark patch (W3C alreq), so the joins of words that
 * do not touch a chosen one are filled first, one tatweel per round; the
 * neighbours only if the budget is not spent.
 */
function allocate(cands: Choice[], budget: number, maxPerJoin: number, most: number): Choice[] {
  const order = [...cands].sort((a, b) => a.priority - b.priority || a.at - b.at).slice(0, most);
  const apart: Choice[] = [];
  const taken = new Set<number>();
  for (const c of order) {
    if (taken.has(c.word - 1) || taken.has(c.word + 1)) continue;
    apart.push(c);
    taken.add(c.word);
  }
  let left = budget;
  const fill = (set: readonly Choice[]): void => {
    for (let round = 0; round < maxPerJoin; round++) {
      let any = false;
      for (const c of set) {
        if (c.count !== round || c.unit > left + 1e-9) continue;
        c.count++;
        left -= c.unit;
        any = true;
      }
      if (!any) break;
    }
  };
  fill(apart);
  fill(order.filter((c) => !taken.has(c.word)));
  return order.filter((c) => c.count > 0);
}

/**
 * Inserts the tatweels of `choices` into the run and shapes it again. Keeps
 * the joins whose shaping is exactly the old glyphs plus the tatweels; the
 * run's glyphs and width are replaced. Returns the joins kept.
 */
function applyToRun(text: string, run: MutableRun, choices: Choice[]): Choice[] {
  let kept = [...choices].sort((a, b) => a.at - b.at);
  let glyphs = reshape(text, run, kept);
  if (!glyphs) {
    // Some join misbehaves in context: keep each with as many tatweels as are exact on their own.
    for (const c of kept) while (c.count > 0 && reshape(text, run, [c]) === undefined) c.count--;
    kept = kept.filter((c) => c.count > 0);
    glyphs = kept.length ? reshape(text, run, kept) : undefined;
    if (!glyphs) return [];
  }
  run.glyphs = glyphs;
  run.width = glyphs.reduce((s, g) => s + (g.xAdvance * run.size) / run.font.upem, 0);
  return kept;
}

/**
 * The run's glyphs with the tatweels inserted, or undefined if any glyph
 * other than the tatweels changed, or if the tatweels at a join are not
 * exactly what the font sets for that many tatweels (Amiri joins two or
 * more into one longer glyph, 1 unit wider than the sum).
 */
function reshape(text: string, run: MutableRun, choices: readonly Choice[]): MutableGlyph[] | undefined {
  let modified = text.slice(0, run.start);
  /** Index in `modified` of each inserted tatweel → the choice it belongs to. */
  const inserted = new Map<number, number>();
  let from = run.start;
  choices.forEach((c, ci) => {
    modified += text.slice(from, c.at);
    for (let k = 0; k < c.count; k++) { inserted.set(modified.length, ci); modified += '\u0640'; }
    from = c.at;
  });
  modified += text.slice(from);
  const end = run.end + inserted.size;
  const shaped: ShapedGlyph[] = shapeByWords(run.font, { text: modified, start: run.start, end, rtl: true, script: 'Arab', ...(run.style.lang ? { lang: run.style.lang } : {}) });
  const out: MutableGlyph[] = [];
  const perChoice = choices.map(() => [] as number[]);
  let old = 0;
  for (const g of shaped) {
    const ci = inserted.get(g.cluster);
    if (ci !== undefined) {
      if (g.xOffset !== 0 || g.yOffset !== 0) return undefined;
      perChoice[ci]!.push(g.id, g.xAdvance);
      out.push({ id: g.id, xAdvance: g.xAdvance, xOffset: 0, yOffset: 0, advance: run.font.advance(g.id), text: '' });
      continue;
    }
    const o = run.glyphs[old++];
    if (!o || o.id !== g.id || o.xAdvance !== g.xAdvance || o.xOffset !== g.xOffset || o.yOffset !== g.yOffset) return undefined;
    out.push({ ...o });
  }
  if (old !== run.glyphs.length) return undefined;
  for (let ci = 0; ci < choices.length; ci++) {
    if (perChoice[ci]!.join() !== tatweelsOf(run.font, run.style.lang, choices[ci]!.count).join()) return undefined;
  }
  return out;
}

/**
 * How the font sets n tatweels inside a word (between two behs): glyph id and
 * advance pairs, visual order (cached). Alone, the last would take its final
 * form (Noto Naskh Arabic draws that one longer).
 */
const tatweelRuns = new Map<string, number[]>();
function tatweelsOf(font: LoadedFont, lang: string | undefined, n: number): number[] {
  const key = `${font.path}\0${lang ?? ''}\0${n}`;
  let v = tatweelRuns.get(key);
  if (!v) {
    const g = shape(font, { text: `\u0628${'\u0640'.repeat(n)}\u0628`, start: 0, end: n + 2, rtl: true, script: 'Arab', ...(lang ? { lang } : {}) });
    tatweelRuns.set(key, (v = g.filter((x) => x.cluster >= 1 && x.cluster <= n).flatMap((x) => [x.id, x.xAdvance])));
  }
  return v;
}

function widenSpaces(runs: MutableRun[], extra: number, spaces: number): void {
  const per = extra / spaces;
  for (const r of runs) {
    const perUnits = (per * r.font.upem) / r.size;
    for (const g of r.glyphs) {
      if (isSpaceGlyph(g)) {
        g.xAdvance += perUnits;
        r.width += per;
      }
    }
  }
}

/** The tatweel glyph of a font (id, advance in font units), or undefined if it has none. */
const tatweels = new Map<string, { id: number; advance: number } | undefined>();
function tatweelOf(font: LoadedFont, lang: string | undefined): { id: number; advance: number } | undefined {
  const key = `${font.path}\0${lang ?? ''}`;
  if (tatweels.has(key)) return tatweels.get(key);
  let t: { id: number; advance: number } | undefined;
  if (font.coverage.has(0x640)) {
    const g = shape(font, { text: '\u0640', start: 0, end: 1, rtl: true, script: 'Arab', ...(lang ? { lang } : {}) });
    if (g.length === 1 && g[0]!.id !== 0) t = { id: g[0]!.id, advance: g[0]!.xAdvance };
  }
  tatweels.set(key, t);
  return t;
}

/** Offsets in a word before which HarfBuzz allows a tatweel, the word shaped alone (cached). */
const safeCache = new Map<string, ReadonlySet<number>>();
function safeOffsets(font: LoadedFont, word: string, lang: string | undefined): ReadonlySet<number> {
  const key = `${font.path}\0${lang ?? ''}\0${word}`;
  let s = safeCache.get(key);
  if (!s) {
    s = tatweelSafeOffsets(font, { text: word, start: 0, end: word.length, rtl: true, script: 'Arab', ...(lang ? { lang } : {}) });
    safeCache.set(key, s);
    if (safeCache.size > 50_000) safeCache.delete(safeCache.keys().next().value!);
  }
  return s;
}

