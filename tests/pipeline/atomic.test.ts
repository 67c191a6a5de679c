/**
 * "If any format fails, write none": the registry is replaced by one whose
 * second backend fails, so the first one's output must not be written.
 */
import { describe, expect, test, vi } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocError } from '../../src/errors.js';
import type { Backend } from '../../src/backends/types.js';
import { ANNEX, outputsIn, tempDir } from './util.js';

const rendered: string[] = [];
vi.mock('../../src/backends/registry.js', () => {
  const ok: Backend = {
    name: 'pdf', extension: 'pdf',
    render: async (doc) => { rendered.push(doc.meta.title); return { bytes: new TextEncoder().encode('new pdf'), diagnostics: [] }; },
  };
  const bad: Backend = {
    name: 'docx', extension: 'docx',
    render: async () => { throw new DocError('FONT_MISSING', 'no font', { hint: 'install it' }); },
  };
  const FORMATS = ['pdf', 'docx'];
  return {
    FORMATS,
    EXTENSIONS: { pdf: 'pdf', docx: 'docx' },
    isFormat: (n: string) => FORMATS.includes(n),
    getBackend: (n: string) => Promise.resolve(n === 'pdf' ? ok : bad),
  };
});

const { buildFile } = await import('../../src/pipeline.js');

describe('atomic outputs', () => {
  test('a failing format writes nothing, and earlier outputs stay', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'acm-2018-azer-rep-annex-v.pdf'), 'old pdf');
    let err: unknown;
    try {
      await buildFile(ANNEX, { outDir: out });
    } catch (e) {
      err = e;
    }
    expect(rendered.length).toBe(1); // the PDF was rendered…
    expect(err).toBeInstanceOf(DocError);
    expect((err as DocError).file).toBe(ANNEX); // …the error is attributed to the data file…
    expect(readFileSync(join(out, 'acm-2018-azer-rep-annex-v.pdf'), 'utf8')).toBe('old pdf'); // …and nothing was written.
    expect(readdirSync(out)).toEqual(['acm-2018-azer-rep-annex-v.pdf']);
  });

  test('a successful build replaces outputs through a temp file', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'acm-2018-azer-rep-annex-v.pdf'), 'old pdf');
    const r = await buildFile(ANNEX, { outDir: out, formats: ['pdf'] });
    expect(r.outputs).toEqual([{ format: 'pdf', file: join(out, 'acm-2018-azer-rep-annex-v.pdf'), bytes: 7 }]);
    expect(readFileSync(join(out, 'acm-2018-azer-rep-annex-v.pdf'), 'utf8')).toBe('new pdf');
    expect(outputsIn(out)).toEqual(['acm-2018-azer-rep-annex-v.pdf']);
  });
});
