/**
 * Fixtures beyond the annex, rendered to a real PDF and read back: mixed
 * scripts and digits, brackets, percentages, a URL and an ISO number inside
 * Arabic, Persian letters, full tashkeel, a word longer than the line, a
 * one-word paragraph, an English paragraph.
 */
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { familyForScript, fontFile, loadFontConfig } from '../../../src/text/fonts.js';
import { resolveScripts } from '../../../src/text/script.js';
import { loadFont } from '../../../src/text/shaper.js';
import type { DocumentModel } from '../../../src/model/index.js';
import { collapse } from '../../helpers/pdf.js';
import { bodyLines, drawnFontGlyphs, harfbuzzWord, lineText, logical, pdfLines, type PdfLine } from './util.js';

import { renderWithDump } from './util.js';
import { FIXTURES, fixturesModel } from './fixtures.js';

type Rendered = Awaited<ReturnType<typeof renderWithDump>>;
let r: Rendered;
let lines: PdfLine[];

beforeAll(async () => {
  r = await renderWithDump(fixturesModel, {});
  if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, r.bytes);
  lines = bodyLines(await pdfLines(r.bytes), 60, 800);
});

const bare = (s: string): string => collapse(s.replace(/\p{Mn}/gu, ''));
const marks = (s: string): string => [...s.replace(/\P{Mn}/gu, '')].sort().join('');

describe('fixtures read back from the PDF', () => {
  it('draw every character with a configured font', () => {
    expect(r.diagnostics).toEqual([]);
  });

  it('give back each paragraph in logical order, with every mark', () => {
    const paras = r.dump.filter((d) => !d.running);
    expect(paras).toHaveLength(Object.keys(FIXTURES).length);
    expect(lines.length).toBe(paras.reduce((n, d) => n + d.paragraph.lines.length, 0));
    let at = 0;
    const failures: string[] = [];
    for (const d of paras) {
      const mine = lines.slice(at, (at += d.paragraph.lines.length));
      const rtl = d.paragraph.paragraphLevel % 2 === 1;
      // A word longer than the line is cut: its pieces join without a space.
      const got = collapse(mine.map((l, i) => lineText(l, rtl) + (/\s$/.test(d.paragraph.text.slice(d.paragraph.lines[i]!.start, d.paragraph.lines[i]!.end)) ? ' ' : '')).join(''));
      const want = logical(d.paragraph);
      if (bare(got) !== bare(want)) failures.push(`expected: ${bare(want)}\n     got: ${bare(got)}`);
      if (marks(got) !== marks(want)) failures.push(`marks differ in ${want.slice(0, 30)}`);
    }
    expect(failures).toEqual([]);
  });

  it('draw every word with the glyphs HarfBuzz gives for it', async () => {
    const path = fontFile(loadFontConfig(), 'Amiri', false, false);
    const pages = await drawnFontGlyphs(r, path);
    const drawn = pages.map((p) => `,${p.ids.join(',')},`).join('|');
    const failures: string[] = [];
    let n = 0;
    for (const d of r.dump.filter((x) => !x.running)) {
      const dir = d.paragraph.paragraphLevel % 2 ? 'rtl' : 'ltr';
      const lang = d.paragraph.lines[0]?.runs[0]?.style.lang ?? 'ar';
      const text = d.paragraph.text;
      for (const l of d.paragraph.lines) {
        for (const m of text.slice(l.start, l.end).matchAll(/\S+/g)) {
          n++;
          const ids = harfbuzzWord(m[0], path, dir, lang, { text, start: l.start + m.index });
          if (!drawn.includes(`,${ids.join(',')},`)) failures.push(m[0]);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(n).toBeGreaterThan(80);
  });

  it('cut the over-long word into lines no wider than the text box', () => {
    const d = r.dump.filter((x) => !x.running)[6]!;
    expect(d.paragraph.lines.length).toBeGreaterThan(1);
    for (const l of d.paragraph.lines) expect(l.right - l.left).toBeLessThanOrEqual(595.28 - 2 * 70.87 + 0.01);
  });

  it('set the English paragraph from the left edge', () => {
    const d = r.dump.filter((x) => !x.running)[8]!;
    expect(d.paragraph.paragraphLevel).toBe(0);
    for (const l of d.paragraph.lines) expect(l.left).toBeCloseTo(0, 3);
  });
});

describe('fixtures in Noto Naskh Arabic (the second font we ship)', () => {
  it('draw every word with the glyphs HarfBuzz gives for it, Latin words in Amiri (fonts.json) and what Noto lacks falling back to Amiri', async () => {
    const noto: DocumentModel = { ...fixturesModel, styles: { ...fixturesModel.styles, normal: { ...fixturesModel.styles['normal'], font: 'Noto Naskh Arabic' } } };
    const rn = await renderWithDump(noto, {});
    expect(rn.diagnostics).toEqual([]);
    const fonts = loadFontConfig();
    const notoPath = fontFile(fonts, 'Noto Naskh Arabic', false, false);
    const amiriPath = fontFile(fonts, 'Amiri', false, false);
    const covered = loadFont(notoPath).coverage;
    const streams = new Map<string, string>();
    for (const p of [notoPath, amiriPath]) streams.set(p, (await drawnFontGlyphs(rn, p)).map((x) => `,${x.ids.join(',')},`).join('|'));
    const failures: string[] = [];
    let n = 0;
    for (const d of rn.dump.filter((x) => !x.running)) {
      const dir = d.paragraph.paragraphLevel % 2 ? 'rtl' : 'ltr';
      const run = d.paragraph.lines[0]?.runs.find((x) => x.start >= 0);
      if (run?.style.family !== 'Noto Naskh Arabic') continue; // the English paragraph has its own style
      const text = d.paragraph.text;
      for (const l of d.paragraph.lines) {
        for (const m of text.slice(l.start, l.end).matchAll(/\S+/g)) {
          const all = [...m[0]].every((c) => covered.has(c.codePointAt(0)!));
          const none = [...m[0]].every((c) => !covered.has(c.codePointAt(0)!));
          if (!all && !none) continue; // a word drawn partly in each font
          // fonts.json gives Noto Naskh Arabic's Latin runs to Amiri (a Latin face that matches it).
          const latin = resolveScripts(text)[l.start + m.index] === 'Latn' && familyForScript(fonts, 'Noto Naskh Arabic', 'Latn') === 'Amiri';
          const path = all && !latin ? notoPath : amiriPath;
          n++;
          const ids = harfbuzzWord(m[0], path, dir, run.style.lang ?? 'ar', { text, start: l.start + m.index });
          if (!streams.get(path)!.includes(`,${ids.join(',')},`)) failures.push(m[0]);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(n).toBeGreaterThan(60);
  });
});
