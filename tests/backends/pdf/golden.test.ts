/**
 * Golden, readable dumps of the laid-out lines: every paragraph's lines with
 * their runs in visual order (left to right), x positions in points, bidi
 * level and text. A diff shows exactly what moved.
 *
 * After an intended change: UPDATE_GOLDEN=1 npx vitest run tests/backends/pdf/golden.test.ts
 * (or `npm run golden:update`, which updates every golden file).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DumpEntry } from './util.js';
import type { DocumentModel } from '../../../src/model/index.js';
import { loadDocument } from '../../../src/pipeline.js';
import { renderWithDump } from './util.js';
import { fixturesModel } from './fixtures.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const DIR = join(import.meta.dirname, 'golden');

const show = (s: string): string => JSON.stringify(s.replace(/[\u2066-\u2069]/g, (c) => `<${c.codePointAt(0)!.toString(16)}>`));

export function describeLines(dump: readonly DumpEntry[]): string {
  const out: string[] = [];
  for (const d of dump.filter((x) => !x.running)) {
    const p = d.paragraph;
    out.push(`§ ${d.label} ${p.paragraphLevel % 2 ? 'rtl' : 'ltr'}`);
    p.lines.forEach((l, i) => {
      const flags = [l.justified ? 'justified' : '', l.last ? 'last' : ''].filter(Boolean).join(',');
      out.push(`  ${i + 1} [${l.left.toFixed(2)}–${l.right.toFixed(2)}]${flags ? ` ${flags}` : ''}`);
      for (const r of l.runs) out.push(`     x=${r.x.toFixed(2).padStart(7)} w=${r.width.toFixed(2).padStart(7)} L${r.level} ${r.style.bold ? 'b ' : ''}${show(r.text)}`);
    });
  }
  return `${out.join('\n')}\n`;
}

async function check(name: string, model: DocumentModel): Promise<void> {
  const r = await renderWithDump(model, {});
  const text = describeLines(r.dump);
  const path = join(DIR, name);
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, text);
    return;
  }
  expect(existsSync(path), `${name} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/backends/pdf/golden.test.ts`).toBe(true);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('laid-out lines (golden)', () => {
  it('of the annex', async () => {
    const { model } = await loadDocument('data/acm-2018-azer-rep-annex-v.json');
    await check('annex.lines.txt', model);
  });
  it('of the fixtures', async () => {
    await check('fixtures.lines.txt', fixturesModel);
  });
});
