/**
 * Golden dumps of where kashida goes in the annex, in Amiri and in Noto
 * Naskh Arabic: every justified line that took tatweels, its words with the
 * tatweels shown (ـ, one per tatweel), and the width of its spaces with
 * spaces only and with kashida. A diff shows exactly which joins moved.
 *
 * After an intended change: UPDATE_GOLDEN=1 npx vitest run tests/text/kashida-golden.test.ts
 * (or `npm run golden:update`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentModel, ParagraphStyle } from '../../src/model/index.js';
import { loadDocument } from '../../src/pipeline.js';
import type { LaidOutLine } from '../../src/text/index.js';
import { shape } from '../../src/text/shaper.js';
import { type DumpEntry, renderWithDump } from '../backends/pdf/util.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const DIR = join(import.meta.dirname, 'golden');

type Run = LaidOutLine['runs'][number];
const logical = (r: Run): Run['glyphs'][number][] => (r.level % 2 === 1 ? [...r.glyphs].reverse() : [...r.glyphs]);

/** The run's text with a ـ for every tatweel kashida added (found by aligning with the spaces-only run). */
function stretched(r: Run, plain: Run | undefined): string | undefined {
  const b = plain ? logical(plain) : [];
  // One tatweel as the font sets it inside a word.
  const unit = shape(r.font, { text: 'بـب', start: 0, end: 3, rtl: true, script: 'Arab', lang: 'ar' }).find((g) => g.cluster === 1)!.xAdvance;
  let j = 0;
  let out = '';
  let any = false;
  for (const g of logical(r)) {
    if (j < b.length && b[j]!.id === g.id) { j++; out += g.text; continue; }
    out += 'ـ'.repeat(Math.max(1, Math.floor(g.xAdvance / unit)));
    any = true;
  }
  return any ? out : undefined;
}

const spaceWidths = (l: LaidOutLine): string => {
  const w = l.runs.flatMap((r) => r.glyphs.filter((g) => g.stretch === 'space').map((g) => (g.xAdvance * r.size) / r.font.upem));
  return w.length ? (w.reduce((a, b) => a + b, 0) / w.length).toFixed(2) : '-';
};

function describeKashida(spaces: readonly DumpEntry[], kashida: readonly DumpEntry[]): string {
  const out: string[] = [];
  const k = kashida.filter((d) => !d.running);
  spaces.filter((d) => !d.running).forEach((d, pi) => {
    k[pi]!.paragraph.lines.forEach((l, li) => {
      const plain = d.paragraph.lines[li]!;
      const words = l.runs.filter((r) => r.start >= 0).map((r) => stretched(r, plain.runs.find((x) => x.start === r.start && x.end === r.end))).filter((t): t is string => t !== undefined);
      if (!words.length) return;
      const marked = words.join(' ').split(' ').filter((w) => w.includes('ـ'));
      out.push(`§${pi + 1} line ${li + 1}: space ${spaceWidths(plain)} → ${spaceWidths(l)} pt: ${marked.join(' ')}`);
    });
  });
  return `${out.join('\n')}\n`;
}

function variant(model: DocumentModel, font: string, justify: 'spaces' | 'kashida'): DocumentModel {
  const normal: ParagraphStyle = { ...model.styles['normal']!, font, justify };
  return { ...model, styles: { ...model.styles, normal } };
}

describe('kashida in the annex (golden)', () => {
  it.each([['Amiri', 'kashida-annex-amiri.txt'], ['Noto Naskh Arabic', 'kashida-annex-noto.txt']])('in %s', async (font, name) => {
    const { model } = await loadDocument('data/acm-2018-azer-rep-annex-v.json');
    const s = await renderWithDump(variant(model, font, 'spaces'));
    const k = await renderWithDump(variant(model, font, 'kashida'));
    const text = describeKashida(s.dump, k.dump);
    const path = join(DIR, name);
    if (UPDATE) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(path, text);
      return;
    }
    expect(existsSync(path), `${name} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/text/kashida-golden.test.ts`).toBe(true);
    expect(text).toBe(readFileSync(path, 'utf8'));
  });
});
