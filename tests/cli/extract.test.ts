/** `extract FILE.pdf [--out DIR] [--force]` and `build --pdfa`: the data file comes back out byte for byte, never over a differing file unasked. */
import { describe, expect, test } from 'vitest';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';
import { embeddedSource } from '../../src/cli/extract.js';
import { ANNEX, tempDir } from '../pipeline/util.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const DATA = readFileSync(ANNEX);
const NAME = 'acm-2018-azer-rep-annex-v.json';

async function buildPdf(...extra: string[]): Promise<string> {
  const out = tempDir();
  const r = await cli('build', ANNEX, '--format', 'pdf', '--out', out, ...extra);
  expect(r.code, r.err).toBe(0);
  return join(out, 'acm-2018-azer-rep-annex-v.pdf');
}

describe('extract', () => {
  test('writes the embedded data file into --out, byte for byte', async () => {
    const pdf = await buildPdf();
    const dest = tempDir();
    const r = await cli('extract', pdf, '--out', dest);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${pdf} → ${join(dest, NAME)}`);
    expect(readdirSync(dest)).toEqual([NAME]);
    expect(readFileSync(join(dest, NAME)).equals(DATA)).toBe(true);
  }, 60_000);

  test('without --out: next to the PDF (a new folder is made for --out)', async () => {
    const pdf = await buildPdf('--pdfa', '3b');
    const alone = join(tempDir(), 'copy.pdf');
    copyFileSync(pdf, alone);
    expect((await cli('extract', alone)).code).toBe(0);
    expect(readFileSync(join(alone, '..', NAME)).equals(DATA)).toBe(true);
    const nested = join(tempDir(), 'a', 'b');
    expect((await cli('extract', alone, '--out', nested)).code).toBe(0);
    expect(readFileSync(join(nested, NAME)).equals(DATA)).toBe(true);
  }, 60_000);

  test('--pdfa none still embeds it; --pdfa 2b does not (extract says so, exit 1)', async () => {
    const none = await buildPdf('--pdfa', 'none');
    expect((await embeddedSource(readFileSync(none)))?.bytes).toEqual(new Uint8Array(DATA));
    const two = await buildPdf('--pdfa', '2b');
    const r = await cli('extract', two, '--out', tempDir());
    expect(r.code).toBe(1);
    expect(r.err).toContain('the PDF has no embedded data file');
  }, 60_000);

  test('a bad --pdfa level is a usage error', async () => {
    const r = await cli('build', ANNEX, '--pdfa', '1b', '--out', tempDir());
    expect(r.code).toBe(1);
    expect(r.err).toContain('--pdfa must be one of none, 2b, 3b, not "1b"');
  });

  test('usage errors and unreadable input: exit 1, no stack trace', async () => {
    expect((await cli('extract')).code).toBe(1);
    expect((await cli('extract', 'a.pdf', 'b.pdf')).err).toContain('extract takes one PDF file');
    const missing = await cli('extract', 'out/missing.pdf');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('out/missing.pdf: cannot read the PDF: there is no such file or folder (check the name and the folder you run the command from)');
    const notPdf = join(tempDir(), 'x.pdf');
    writeFileSync(notPdf, 'hello');
    const bad = await cli('extract', notPdf);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('not a readable PDF');
    expect(bad.err).not.toMatch(/\n\s+at /);
  });

  test('never replaces a differing data file without --force; says what it would replace', async () => {
    const pdf = await buildPdf();
    const dest = tempDir();
    const target = join(dest, NAME);
    // The secretary has edited the data since the PDF was built (line 8: the title).
    const edited = DATA.toString('utf8').replace('"title": "', '"title": "مسودة: ');
    writeFileSync(target, edited);
    const other = join(dest, 'notes.txt');
    writeFileSync(other, 'keep me');
    const r = await cli('extract', pdf, '--out', dest);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const editedBytes = Buffer.byteLength(edited);
    expect(r.err).toBe(`${target}: the file already exists and differs from the data inside ${pdf} (${editedBytes} bytes there, ${DATA.length} in the PDF; they differ from line 8): extracting would replace it (to replace it, run extract again with --force; to keep both, give another folder with --out)`);
    expect(readFileSync(target, 'utf8')).toBe(edited); // untouched
    expect(readdirSync(dest).sort()).toEqual([NAME, 'notes.txt']);

    const forced = await cli('extract', pdf, '--out', dest, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toBe(`${pdf} → ${target} (replaced the file that was there)`);
    expect(readFileSync(target).equals(DATA)).toBe(true);
    expect(readdirSync(dest).sort()).toEqual([NAME, 'notes.txt']); // no temp file left

    // The same bytes already there: nothing to do, nothing written.
    const again = await cli('extract', pdf, '--out', dest);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`${pdf} → ${target} (unchanged: it already holds this data)`);
  }, 60_000);

  test('a folder where the data file goes: said in words', async () => {
    const pdf = await buildPdf();
    const dest = tempDir();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dest, NAME));
    const r = await cli('extract', pdf, '--out', dest, '--force');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${join(dest, NAME)}: cannot write the data file: a folder is in the way where the file goes (rename or move that folder, or choose another --out folder)`);
  });
});
