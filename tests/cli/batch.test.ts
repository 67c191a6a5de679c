/**
 * A build of many documents spread over helper processes (src/cli/batch.ts):
 * every output the same bytes as one process building them all, the lines and
 * the summary of all documents, a failing document reported with its file
 * while the others are built, the up-to-date build answered without helpers,
 * and --jobs checked.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundleCli } from '../helpers/bundle.js';
import { ANNEX, tempDir } from '../pipeline/util.js';
import { PER_HELPER } from '../../src/cli/batch-size.js';

let bin = '';
let dir = '';
beforeAll(async () => {
  ({ dir, bin } = await bundleCli('oic-batch-test'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/** A data folder of n small documents (the annex's first paragraph, numbered), each different. */
function folder(n: number): string {
  const data = join(tempDir('oic-batch-'), 'data');
  mkdirSync(data);
  const annex = JSON.parse(readFileSync(ANNEX, 'utf8')) as { paragraphs: { text: string }[] };
  for (let k = 1; k <= n; k++) {
    writeFileSync(join(data, `doc-${String(k).padStart(2, '0')}.json`), JSON.stringify({ ...annex, paragraphs: [{ ...annex.paragraphs[0]!, text: `${annex.paragraphs[0]!.text} (${k})` }] }));
  }
  return data;
}

const bytesOf = (out: string): Map<string, string> =>
  new Map(readdirSync(out).filter((f) => /\.(pdf|docx)$/.test(f)).map((f) => [f, readFileSync(join(out, f)).toString('base64')]));

describe('a batch spread over processes', () => {
  const n = 2 * PER_HELPER;

  test('builds every document as one process does, byte for byte, and says so', () => {
    const data = folder(n);
    const one = cli('build', '--data', data, '--out', join(data, '..', 'one'), '--jobs', '1');
    expect(one.status, one.stderr).toBe(0);
    expect(one.stderr).not.toMatch(/processes/);
    const two = cli('build', '--data', data, '--out', join(data, '..', 'two'), '--jobs', '2');
    expect(two.status, two.stderr).toBe(0);
    expect(two.stderr).toContain(`building ${n} documents in 2 processes`);
    expect(two.stdout.trim().split('\n').at(-1)).toBe(`${n} built, 0 up to date, 0 failed`);
    // One line per document, each naming its outputs.
    for (let k = 1; k <= n; k++) expect(two.stdout).toContain(`doc-${String(k).padStart(2, '0')}.json → `);
    const a = bytesOf(join(data, '..', 'one'));
    const b = bytesOf(join(data, '..', 'two'));
    expect(a.size).toBe(2 * n);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [f, bytes] of a) expect(b.get(f) === bytes, f).toBe(true);

    // Nothing changed: answered by planning, no helper started.
    const again = cli('build', '--data', data, '--out', join(data, '..', 'two'), '--jobs', '2');
    expect(again.status).toBe(0);
    expect(again.stderr).not.toMatch(/processes/);
    expect(again.stdout.trim().split('\n').at(-1)).toBe(`0 built, ${n} up to date, 0 failed`);
  }, 300_000);

  test('a document with a mistake is reported with its file; the others are built', () => {
    const data = folder(n);
    const bad = join(data, 'doc-07.json');
    const d = JSON.parse(readFileSync(bad, 'utf8')) as Record<string, unknown>;
    writeFileSync(bad, JSON.stringify({ ...d, paragraphs: 'not a list' }, null, 2));
    const r = cli('build', '--force', '--data', data, '--out', join(data, '..', 'out'), '--jobs', '2');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`building ${n} documents in 2 processes`);
    expect(r.stderr).toMatch(/doc-07\.json.*paragraphs/);
    expect(r.stderr).not.toMatch(/\n\s+at |\.ts:\d+/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`${n - 1} built, 0 up to date, 1 failed`);
    expect(readdirSync(join(data, '..', 'out')).filter((f) => f.endsWith('.pdf'))).toHaveLength(n - 1);
  }, 300_000);

  test('--jobs takes a whole number of processes', () => {
    for (const bad of ['0', 'two', '1.5']) {
      const r = cli('build', '--jobs', bad);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`--jobs must be a whole number of processes, 1 or more, not "${bad}"`);
    }
  });
});
