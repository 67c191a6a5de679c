import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/pipeline.js';
import { fontFile, loadFontConfig } from '../../../src/text/fonts.js';
import { collapse } from '../../helpers/pdf.js';
import { renderWithDump } from './util.js';
import { type PdfLine, bodyLines, drawnFontGlyphs, harfbuzzWord, lineText, logical, pdfLines } from './util.js';

const FILE = 'data/acm-2018-azer-rep-annex-v.json';
type Rendered = Awaited<ReturnType<typeof renderWithDump>>;
let r: Rendered;
let lines: PdfLine[];
let model: Awaited<ReturnType<typeof loadDocument>>['model'];

beforeAll(async () => {
  ({ model } = await loadDocument(FILE));
  r = await renderWithDump(model, {});
  const { page } = model;
  lines = bodyLines(await pdfLines(r.bytes), page.margins.top - 1, page.height - page.margins.bottom + 1);
});

/** The laid-out body paragraphs with the PDF lines that show them (same order, same count). */
function paragraphsWithLines() {
  const paras = r.dump.filter((d) => !d.running);
  let at = 0;
  return paras.map((d) => {
    const mine = lines.slice(at, at + d.paragraph.lines.length);
    at += d.paragraph.lines.length;
    return { d, lines: mine };
  });
}

/**
 * pdf.js never compares the position of a combining mark with the glyph
 * before it: it adds the word gap it infers at the next letter, and it adds a
 * mark drawn first on a line to the line before. So a mark on the last letter
 * of an Arabic word, which is drawn first (leftmost) in that word, is read on
 * the wrong side of the gap (`بناء ً على`) or at the end of the previous line.
 * The tests below check letters and marks separately.
 */
/** The text without combining marks (whitespace collapsed). */
const bare = (s: string): string => collapse(s.replace(/\p{Mn}/gu, ''));
/** The combining marks of a text, sorted. */
const marks = (s: string): string => [...s.replace(/\P{Mn}/gu, '')].sort().join(' ');

/** A list number drawn at the start edge ('1-'): pdf.js reads it on its own, as '-1'. */
const isLabel = (t: string): boolean => /^(-\d+|\d+-)$/.test(t.trim()); // a number alone (`24`) is a bidi unit's item, not a label
/** An item that draws nothing: the marker before a line's leading mark (a space glyph mapped to RLM + space). */
const isBlank = (t: string): boolean => /^[\s\p{Cf}]*$/u.test(t);
/** What a reader copies: the label and blank items aside. */
const notText = (i: { text: string }): boolean => isLabel(i.text) || isBlank(i.text);

describe('the annex PDF read back with pdf.js', () => {
  it('has as many body lines as the engine laid out', () => {
    const expected = r.dump.filter((d) => !d.running).reduce((n, d) => n + d.paragraph.lines.length, 0);
    expect(lines.length).toBe(expected);
  });

  it('gives back every paragraph as typed (logical order, whitespace collapsed)', () => {
    const failures: string[] = [];
    let exact = 0;
    const paras = paragraphsWithLines();
    for (const { d, lines: ls } of paras) {
      const rtl = d.paragraph.paragraphLevel % 2 === 1;
      const got = collapse(ls.map((l) => lineText(l, rtl, notText)).join(' '));
      const want = logical(d.paragraph);
      if (got === want) exact++;
      // Letters, digits, punctuation and spaces exactly, in logical order.
      if (bare(got) !== bare(want)) failures.push(`expected: ${bare(want)}\n     got: ${bare(got)}`);
      // Every mark (tashkeel) there, none lost or doubled.
      if (marks(got) !== marks(want)) failures.push(`marks of: ${want.slice(0, 40)}…: ${marks(want)} vs ${marks(got)}`);
    }
    expect(failures).toEqual([]);
    expect(paras.length).toBeGreaterThanOrEqual(14);
    // Word-final marks too (at a word gap, at a line's end): every paragraph exactly as typed.
    expect(exact).toBe(paras.length);
  });

  it('copies out base letters only: no presentation forms', () => {
    const all = lines.flatMap((l) => l.items.map((i) => i.text)).join('');
    expect(all).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFF]/);
    expect(all.length).toBeGreaterThan(3000);
  });

  it('shows the list numbers 1- to 7- at the start edge', () => {
    const labels = lines.flatMap((l) => l.items.filter((i) => isLabel(i.text)));
    expect(labels.map((i) => i.text.replace('-', ''))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const right = model.page.width - model.page.margins.right;
    for (const l of labels) expect(Math.abs(l.x + l.width - right)).toBeLessThan(0.5);
  });
});

describe('the annex PDF line geometry', () => {
  const left = () => model.page.margins.left;
  const right = () => model.page.width - model.page.margins.right;

  it('justified lines are flush with both edges, last lines sit at the right edge', () => {
    let justified = 0;
    for (const { d, lines: ls } of paragraphsWithLines()) {
      d.paragraph.lines.forEach((laid, i) => {
        // A mark drawn at the line's far end sits at its own offset (it may overhang the edge): the edge is the letters'.
        const text = ls[i]!.items.filter((it) => !notText(it) && !/^\p{Mn}+$/u.test(it.text.trim()));
        const minX = Math.min(...text.map((it) => it.x));
        // An item that starts with such a mark (the marker before it keeps the mark in the line's item) starts where
        // the mark is, and pdf.js measures its width from the letter after it, at the pen.
        const leftItem = text.find((it) => it.x === minX);
        const markFirst = d.paragraph.paragraphLevel === 1 && leftItem !== undefined && /\p{Mn}$/u.test(leftItem.text);
        const maxX = Math.max(...text.map((it) => it.x + it.width + (markFirst && it === leftItem ? left() - it.x : 0)));
        const indent = d.label.includes('numbered') || d.label.includes('continuation') ? 28 : 0;
        if (laid.justified) {
          justified++;
          if (markFirst) expect(minX).toBeGreaterThan(left() - laid.maxSize / 2);
          expect(Math.abs(minX - left())).toBeLessThan(markFirst ? laid.maxSize / 2 : 0.5);
          expect(Math.abs(maxX - (right() - indent))).toBeLessThan(0.5);
        } else if (laid.last && d.paragraph.paragraphLevel === 1 && (d.label.includes('numbered') || d.label.includes('continuation'))) {
          expect(Math.abs(maxX - (right() - indent))).toBeLessThan(0.5);
        }
      });
    }
    expect(justified).toBeGreaterThan(30);
  });

  it('lines run top to bottom in logical order', () => {
    for (const { d, lines: ls } of paragraphsWithLines()) {
      const text = logical(d.paragraph);
      let from = 0;
      ls.forEach((l, i) => {
        if (i > 0) expect(l.page > ls[i - 1]!.page || l.y > ls[i - 1]!.y).toBe(true);
        const t = bare(lineText(l, d.paragraph.paragraphLevel === 1, notText));
        const at = bare(text).indexOf(t, from);
        expect(at, `line "${t}" not found in order`).toBeGreaterThanOrEqual(from);
        from = at + t.length;
      });
    }
  });
});

describe('the annex PDF glyphs against HarfBuzz', () => {
  it('draws every word with the glyphs HarfBuzz gives for it (same font file)', async () => {
    const fonts = loadFontConfig();
    const failures: string[] = [];
    let words = 0;
    for (const bold of [false, true]) {
      const path = fontFile(fonts, 'Amiri', bold, false);
      const pages = await drawnFontGlyphs(r, path);
      const drawn = pages.map((p) => `,${p.ids.join(',')},`).join('|');
      for (const d of r.dump.filter((x) => !x.running)) {
        const run = d.paragraph.lines[0]?.runs.find((x) => x.start >= 0);
        if (!run || run.font.path !== path) continue;
        const dir = d.paragraph.paragraphLevel % 2 ? 'rtl' : 'ltr';
        const text = d.paragraph.text.replace(/[\u2066-\u2069]/g, '');
        // Words broken across lines by the line breaker (at a hyphen) are checked as the parts drawn.
        const parts = d.paragraph.lines.map((l) => d.paragraph.text.slice(l.start, l.end).replace(/[\u2066-\u2069]/g, ''));
        const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean);
        const lineWords = new Set(parts.flatMap(wordsOf));
        for (const w of new Set(wordsOf(text))) {
          const pieces = lineWords.has(w) ? [w] : parts.flatMap(wordsOf).filter((p) => w.includes(p));
          for (const piece of pieces) {
            words++;
            const ids = harfbuzzWord(piece, path, dir, run.style.lang ?? 'ar');
            if (!drawn.includes(`,${ids.join(',')},`)) failures.push(piece);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(words).toBeGreaterThan(400);
  });
});

describe('the Latin symbol block and the running header that repeats it', () => {
  /** Where the symbol is drawn on a page: the item holding it nearest the top. */
  async function symbolAt(file: string): Promise<{ page: number; left: number; right: number }[]> {
    const { model: m } = await loadDocument(file);
    const rendered = await renderWithDump(m, {});
    const { extractItems } = await import('../../helpers/pdf.js');
    const items = (await extractItems(rendered.bytes)).filter((i) => i.text.includes('ACM-2018/AZER/REP'));
    return [1, 2, 3].map((page) => {
      const top = items.filter((i) => i.page === page).sort((a, b) => a.y - b.y)[0]!;
      return { page, left: top.x - m.page.margins.left, right: m.page.width - m.page.margins.right - (top.x + top.width) };
    });
  }

  it('stands on the same side on the cover and on every body page: left in Arabic, right in English and French', async () => {
    for (const [file, side] of [[FILE, 'left'], ['data/acm-2018-azer-rep-annex-v.en.json', 'right'], ['data/acm-2018-azer-rep-annex-v.fr.json', 'right']] as const) {
      for (const at of await symbolAt(file)) expect(Math.abs(at[side]), `${file} page ${at.page}`).toBeLessThan(1);
    }
  }, 60_000);
});
