/**
 * pdfmake stacks the engine's lines and never wraps one: a justified line
 * cut into several inlines (a font change, a link's edges) is exactly as wide
 * as the column, and pdfmake must not move its last piece to a line of its
 * own (it did: a URL part above its own paragraph's first line).
 */
import { describe, expect, test } from 'vitest';
import { loadDocument } from '../../../src/pipeline.js';
import { bodyLines, pdfLines, renderWithDump } from './util.js';

const DOCS: readonly [string, string | undefined][] = [
  ['tests/fixtures/docs/report-ar.json', 'tests/fixtures/templates'],
  ['tests/fixtures/docs/report-en.json', 'tests/fixtures/templates'],
  ['data/cfm-45-2018-res-10.ar.json', undefined],
];

describe('every laid-out line is one line on the page', () => {
  test.each(DOCS)('%s', async (file, templatesDir) => {
    const { model } = await loadDocument(file, templatesDir ? { templatesDir } : {});
    const r = await renderWithDump(model, { pdfa: 'none' });
    // Body text lines the engine laid out (table cells and running heads aside: the page's text area only).
    const engine = r.dump.filter((d) => !d.running).reduce((n, d) => n + d.paragraph.lines.filter((l) => l.runs.length > 0).length, 0);
    const { page } = model;
    const drawn = bodyLines(await pdfLines(r.bytes), page.margins.top - 2, page.height - page.margins.bottom + 2);
    expect(drawn.length).toBe(engine);
  });
});
