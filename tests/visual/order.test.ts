/**
 * Visual word order of every one-line fixture paragraph in our PDF equals
 * Chromium's rendering of the same text with the same font and the bidi
 * policy of the data (a field is an isolate in its paragraph's direction).
 * The Chromium order was derived once and committed
 * (tests/visual/expected/chromium-order.json, `node scripts/chromium-order.mjs`),
 * so this test needs no browser. Our order is read from the lines the PDF
 * backend lays out and draws (flow.dump), glyph by glyph (tests/visual/engine.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderWithDump } from '../backends/pdf/util.js';
import { visualOrder } from './atoms.js';
import { enginePlaced } from './engine.js';
import { DOC_NAMES, ONE_LINE, loadFixture, visualParagraphs } from './paragraphs.js';

interface Expected { readonly dir: string; readonly text: string; readonly order: readonly string[] }
const EXPECTED: Record<string, Record<string, Expected>> = JSON.parse(
  readFileSync(join(import.meta.dirname, 'expected', 'chromium-order.json'), 'utf8'),
).paragraphs;

const rendered = await Promise.all(DOC_NAMES.map(async (doc) => {
  const model = await loadFixture(doc);
  const r = await renderWithDump(model, {});
  return { doc, paragraphs: visualParagraphs(model, doc), dump: r.dump.filter((d) => !d.running) };
}));

describe.each(rendered)('visual order of $doc against Chromium', ({ doc, paragraphs, dump }) => {
  it('lays out one entry per body paragraph, and every one-line paragraph has a Chromium expectation', () => {
    expect(dump.length).toBe(paragraphs.length);
    expect(Object.keys(EXPECTED[doc] ?? {}).sort()).toEqual([...ONE_LINE[doc]].sort());
  });

  for (const key of ONE_LINE[doc]) {
    it(`${key}`, () => {
      const at = paragraphs.findIndex((p) => p.key === key);
      expect(at, `no paragraph ${key} in ${doc}`).toBeGreaterThanOrEqual(0);
      const want = EXPECTED[doc]![key]!;
      expect(paragraphs[at]!.marked, 'the fixture changed: run node scripts/chromium-order.mjs').toBe(want.text);
      const laid = dump[at]!.paragraph;
      expect(laid.lines, `${key} must fit on one line`).toHaveLength(1);
      expect(visualOrder(enginePlaced(laid)).join(' | ')).toBe(want.order.join(' | '));
    });
  }
});
