/**
 * Issue 6: very long input completes without running out of memory — a
 * 5,000-character word (no break opportunity: it is cut where the line is
 * full) and a 2,000-paragraph document, rendered through the PDF backend.
 * Memory is printed (heap and RSS after the render).
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderModel } from '../../../src/pipeline.js';
import { renderPdf } from '../../../src/backends/pdf/index.js';
import { renderWithDump } from './util.js';
import { extractItems } from '../../helpers/pdf.js';

const ANNEX = 'data/acm-2018-azer-rep-annex-v.json';
const annex = (): Record<string, any> => JSON.parse(readFileSync(ANNEX, 'utf8'));
const MB = (n: number): number => Math.round(n / 2 ** 20);

function memory(label: string, before: NodeJS.MemoryUsage): NodeJS.MemoryUsage {
  const now = process.memoryUsage();
  console.log(`${label}: heap ${MB(now.heapUsed)} MB (+${MB(now.heapUsed - before.heapUsed)}), rss ${MB(now.rss)} MB (+${MB(now.rss - before.rss)})`);
  return now;
}

describe('very long input', () => {
  test.each([
    ['Arabic', 'ب'],
    ['Latin', 'a'],
  ])('a 5,000-character %s word is laid out over several lines, every character drawn', async (_name, ch) => {
    const before = process.memoryUsage();
    const d = annex();
    d.paragraphs = [{ text: ch.repeat(5000) }];
    const model = renderModel(d, 'long-word.json');
    const r = await renderWithDump(model, { pdfa: 'none' });
    memory('5,000-character word', before);
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const para = r.dump.find((p) => p.paragraph.text.includes(ch.repeat(100)))!.paragraph;
    expect(para.lines.length).toBeGreaterThan(5);
    const drawn = para.lines.flatMap((l) => l.runs.filter((x) => x.start >= 0).map((x) => x.glyphs.map((g) => g.text).join(''))).join('');
    expect([...drawn].filter((c) => c === ch)).toHaveLength(5000);
    const text = (await extractItems(r.bytes)).map((i) => i.text).join('');
    expect([...text].filter((c) => c === ch).length).toBeGreaterThanOrEqual(5000);
  }, 120_000);

  test('a 2,000-paragraph document renders within the timeout', async () => {
    const before = process.memoryUsage();
    const d = annex();
    const source = d.paragraphs.map((p: { text: string }) => p.text);
    d.paragraphs = Array.from({ length: 2000 }, (_, i) => ({ text: `${i + 1}: ${source[i % source.length].slice(0, 160)}` }));
    const started = performance.now();
    const model = renderModel(d, 'long-document.json');
    const r = await renderPdf(model, { pdfa: 'none' });
    const ms = Math.round(performance.now() - started);
    const after = memory(`2,000 paragraphs (${ms} ms, ${MB(r.bytes.length)} MB of PDF)`, before);
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.bytes.length).toBeGreaterThan(100_000);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(1.5 * 2 ** 30);
    const text = (await extractItems(r.bytes)).map((i) => i.text).join('\n');
    expect(text).toContain('2000');
  }, 300_000);
});
