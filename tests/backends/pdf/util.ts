/**
 * Checks of a rendered PDF that do not trust the engine's own data: text is
 * read back with pdf.js, glyphs are read from the content streams and
 * compared with HarfBuzz shaping the same words with the same font file.
 */
import * as hb from 'harfbuzzjs';
import { readFileSync } from 'node:fs';
import * as bidiModule from 'bidi-js';
import type { Bidi } from 'bidi-js';
import type { LaidOutParagraph } from '../../../src/text/index.js';
import { type DrawnGlyph, type ExtractedLine, collapse, drawnGlyphs, extractItems, subsetTag } from '../../helpers/pdf.js';
import { type PdfRenderOptions, renderPdf } from '../../../src/backends/pdf/index.js';
import type { ParagraphObserver } from '../../../src/backends/pdf/flow.js';
import type { DocumentModel } from '../../../src/model/index.js';

const bidi: Bidi = (bidiModule as unknown as { default: () => Bidi }).default();
type Rendered = Awaited<ReturnType<typeof renderPdf>>;

/** One laid-out paragraph of the line dump. */
export type DumpEntry = Parameters<ParagraphObserver>[0];

/** Renders a PDF and keeps every laid-out paragraph (the line dump). */
export async function renderWithDump(model: DocumentModel, options: PdfRenderOptions = {}): Promise<Rendered & { dump: DumpEntry[] }> {
  const dump: DumpEntry[] = [];
  const r = await renderPdf(model, options, (e) => dump.push(e));
  return { ...r, dump };
}

export const CONTROLS = /[\u2066-\u2069\u2028]/g;
export const logical = (p: LaidOutParagraph): string => collapse(p.text.replace(/[\u2066-\u2069]/g, '').replace(/\u2028/g, ' '));

export interface PdfLine {
  readonly page: number;
  readonly y: number;
  /** Items of the line, in pdf.js order. */
  readonly items: readonly ExtractedLine[];
}

/** pdf.js items grouped into lines (same page and baseline), top to bottom. */
export async function pdfLines(bytes: Uint8Array): Promise<PdfLine[]> {
  const items = (await extractItems(bytes)).filter((i) => i.text.trim() !== '');
  const lines: PdfLine[] = [];
  for (const it of items) {
    const line = lines.find((l) => l.page === it.page && Math.abs(l.y - it.y) < 1);
    if (line) (line.items as ExtractedLine[]).push(it);
    else lines.push({ page: it.page, y: it.y, items: [it] });
  }
  // A footnote's number is smaller and raised: it belongs to the line whose baseline is just below it.
  for (const l of [...lines]) {
    const it = l.items[0]!;
    if (l.items.length > 1 || !/^[0-9٠-٩]+$/.test(it.text.trim())) continue;
    const base = lines.find((b) => b !== l && b.page === l.page && b.y > l.y && b.y - l.y < it.size && b.items.some((x) => x.size > it.size * 1.2));
    if (!base) continue;
    (base.items as ExtractedLine[]).push(it);
    lines.splice(lines.indexOf(l), 1);
  }
  return lines.sort((a, b) => a.page - b.page || a.y - b.y);
}

/** A line's text as a reader copies it: its items in reading order. */
export function lineText(line: PdfLine, rtl: boolean, skip: (i: ExtractedLine) => boolean = () => false): string {
  const items = line.items.filter((i) => !skip(i)).sort((a, b) => (rtl ? b.x - a.x : a.x - b.x));
  // A right-to-left line's bidi units are items of their own, abutting inside a word (`2017).`): a space only where the items are apart.
  let out = '';
  items.forEach((it, k) => {
    const prev = items[k - 1];
    const gap = prev === undefined ? 0 : rtl ? prev.x - (it.x + it.width) : it.x - (prev.x + prev.width);
    // An item of spaces and format characters only (a word gap mapped to RLM + space) is a space.
    out += (prev !== undefined && gap > 0.5 ? ' ' : '') + (/^[\s\p{Cf}]*$/u.test(it.text) ? ' ' : it.text);
  });
  return collapse(out);
}

/** The body lines: those inside the page's text area (not the running header/footer). */
export function bodyLines(lines: readonly PdfLine[], top: number, bottom: number): PdfLine[] {
  return lines.filter((l) => l.y > top && l.y < bottom);
}

// ------------------------------------------------------------- glyphs

const fonts = new Map<string, hb.Font>();
function hbFont(path: string): hb.Font {
  let f = fonts.get(path);
  if (!f) {
    f = new hb.Font(new hb.Face(new hb.Blob(readFileSync(path)), 0));
    fonts.set(path, f);
  }
  return f;
}

/**
 * How HarfBuzz draws a word, independently of our engine: bidi-js levels for
 * the word in a paragraph of direction `dir`, each level run shaped by
 * HarfBuzz in its own direction with the document's language, runs in visual
 * order. Glyph ids of the font file; default-ignorable (zero-width space) glyphs dropped.
 */
export function harfbuzzWord(word: string, fontPath: string, dir: 'rtl' | 'ltr', lang: string, context?: { text: string; start: number }): number[] {
  // Levels come from the whole paragraph when it is given: after Arabic letters, `2.6%` is an Arabic number and a sign.
  const ctx = context ?? { text: word, start: 0 };
  const all = bidi.getEmbeddingLevels(ctx.text, dir).levels;
  const levels = all.slice(ctx.start, ctx.start + word.length);
  const runs: { start: number; end: number; level: number }[] = [];
  for (let i = 0; i < word.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last.level === levels[i]) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, level: levels[i]! });
  }
  // L2 over runs.
  const order = runs.map((_, i) => i);
  const max = Math.max(...runs.map((r) => r.level));
  for (let lv = max; lv >= 1; lv--) {
    for (let i = 0; i < order.length; ) {
      if (runs[order[i]!]!.level >= lv) {
        let j = i;
        while (j < order.length && runs[order[j]!]!.level >= lv) j++;
        order.splice(i, j - i, ...order.slice(i, j).reverse());
        i = j;
      } else i++;
    }
  }
  const out: number[] = [];
  for (const idx of order) {
    const r = runs[idx]!;
    const buf = new hb.Buffer();
    // With the paragraph as context, HarfBuzz joins across the edges of a piece of a word cut by a line break.
    buf.addText(ctx.text, ctx.start + r.start, r.end - r.start);
    buf.setDirection(r.level % 2 ? hb.Direction.RTL : hb.Direction.LTR);
    // Digits and punctuation take the script of the letters of their level run (UAX #24 style).
    const script = scriptAround(ctx.text, all, ctx.start + r.start);
    if (script) buf.setScript(script);
    buf.setLanguage(lang);
    buf.guessSegmentProperties();
    hb.shape(hbFont(fontPath), buf);
    out.push(...buf.getGlyphInfos().map((g) => g.codepoint));
  }
  return out;
}

function scriptAround(text: string, levels: Uint8Array, at: number): string | undefined {
  let a = at;
  let b = at;
  while (a > 0 && levels[a - 1] === levels[at]) a--;
  while (b < text.length && levels[b] === levels[at]) b++;
  for (const ch of text.slice(a, b)) {
    if (/\p{Script=Arabic}/u.test(ch) && /\p{L}/u.test(ch)) return 'Arab';
    if (/\p{Script=Latin}/u.test(ch)) return 'Latn';
  }
  return undefined;
}

/** Glyph ids of the original font file, in drawing order, for each page; zero-width-space glyphs dropped. */
export async function drawnFontGlyphs(r: Rendered, fontPath: string): Promise<{ page: number; ids: number[]; unicode: string[] }[]> {
  const drawn: DrawnGlyph[] = await drawnGlyphs(r.bytes);
  const byTag = new Map<string, readonly number[]>();
  for (const f of r.flow.usedFonts.values()) byTag.set(subsetTag(f.id), f.glyphs);
  const zw = hbFont(fontPath).nominalGlyph(0x200b);
  const pages: { page: number; ids: number[]; unicode: string[] }[] = [];
  for (const g of drawn) {
    const slots = byTag.get(g.font.split('+')[0]!);
    if (!slots) continue;
    const id = slots[g.code];
    if (id === undefined || id === zw) continue;
    let p = pages.find((x) => x.page === g.page);
    if (!p) pages.push((p = { page: g.page, ids: [], unicode: [] }));
    p.ids.push(id);
    p.unicode.push(g.unicode);
  }
  // A glyph for no character of a right-to-left run (mapped to RLM) is drawn after its letter (extraction.ts,
  // silentLast); HarfBuzz gives it before: put it back where HarfBuzz has it.
  for (const p of pages) {
    for (let i = 1; i < p.ids.length; i++) {
      if (p.unicode[i] !== '\u200f' || p.unicode[i - 1] === '\u200f') continue;
      let e = i;
      while (e + 1 < p.ids.length && p.unicode[e + 1] === '\u200f') e++;
      for (const a of [p.ids, p.unicode] as unknown[][]) a.splice(i - 1, e - i + 2, ...a.slice(i, e + 1), a[i - 1]);
      i = e;
    }
  }
  return pages;
}
