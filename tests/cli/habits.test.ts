/**
 * Issue 18, the habits of the people who use it: a data folder holding other
 * JSON files (a list of delegates), an upper-case `.JSON`, a file named
 * without its folder, a closing summary, `npx oic-docs`.
 */
import { describe, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, USAGE } from '../../src/cli/run.js';
import { ANNEX, outputsIn, tempDir } from '../pipeline/util.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** A data folder as a secretariat keeps it. */
function secretariatData(): string {
  const dir = join(tempDir(), 'data');
  mkdirSync(dir);
  copyFileSync(ANNEX, join(dir, 'annex.json'));
  copyFileSync(ANNEX, join(dir, 'Report2.JSON'));
  writeFileSync(join(dir, 'delegates.json'), JSON.stringify([{ name: 'د. يوسف العثيمين', country: 'SA' }], null, 2));
  writeFileSync(join(dir, 'settings.json'), '{ "printer": "HP LaserJet" }');
  writeFileSync(join(dir, 'broken.json'), '{\n  "template": "oic-annex",\n  "title": "x",\n}');
  writeFileSync(join(dir, 'notes.txt'), 'not JSON');
  return dir;
}

describe('a data folder as people keep it', () => {
  test('documents are the JSON files with a "template" field (any case of .json); others skipped with a note; a summary closes', async () => {
    const data = secretariatData();
    const out = tempDir();
    const r = await cli('build', '--data', data, '--format', 'docx', '--out', out);
    expect(r.code).toBe(1); // broken.json is a document with a mistake
    expect(r.err).toEqual([`${join(data, 'broken.json')}:3:15: a comma after the last field (delete it) (fix the JSON syntax: strings in double quotes, commas between items, none after the last)`]);
    expect(r.out).toEqual([
      expect.stringMatching(new RegExp(`^${join(data, 'Report2.JSON')} → ${join(out, 'Report2.docx')} \\(\\d+ ms\\)$`)),
      expect.stringMatching(new RegExp(`^${join(data, 'annex.json')} → ${join(out, 'annex.docx')} \\(\\d+ ms\\)$`)),
      `${join(data, 'delegates.json')}: skipped, not a document: it is not a JSON object with a "template" field`,
      `${join(data, 'settings.json')}: skipped, not a document: it has no "template" field (add "template": "<name>" to print it)`,
      '2 built, 0 up to date, 1 failed, 2 skipped (not documents)',
    ]);
    expect(outputsIn(out)).toEqual(['Report2.docx', 'annex.docx']);
    const before = readFileSync(join(out, 'annex.docx'));

    const again = await cli('build', '--data', data, '--format', 'docx', '--out', out);
    expect(again.out.at(-1)).toBe('0 built, 2 up to date, 1 failed, 2 skipped (not documents)');
    expect(readFileSync(join(out, 'annex.docx')).equals(before)).toBe(true);
  });

  test('--format is case-insensitive', async () => {
    const out = tempDir();
    const r = await cli('build', ANNEX, '--format', 'DOCX', '--out', out);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(outputsIn(out)).toEqual(['acm-2018-azer-rep-annex-v.docx']);
  });

  test('a named file that is not there, but is in data/: the hint names it', async () => {
    const r = await cli('build', 'acm-2018-azer-rep-annex-v.json', '--out', tempDir());
    expect(r.code).toBe(1);
    expect(r.err).toEqual(['acm-2018-azer-rep-annex-v.json: cannot read the data file: there is no such file or folder (it is in the data folder: build data/acm-2018-azer-rep-annex-v.json)']);
  });

  test('no data folder where the command runs: said in words, with what to do', async () => {
    const r = await cli('build', '--data', join(tempDir(), 'data'), '--out', tempDir());
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/\/data: cannot read the data folder: there is no such file or folder \(run the command from the project folder \(the one with data\/ and templates\/\), or name the data files to build\)$/)]);
  });

  test('a folder with only non-documents: nothing to build, said so', async () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    writeFileSync(join(dir, 'delegates.json'), '[]');
    const r = await cli('build', '--data', dir, '--out', tempDir());
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`${dir}: there is no document to build (add a data/<name>.json file with a "template" field)`]);
  });
});

describe('npx oic-docs', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  test('package.json has a bin "oic-docs" → the bundled CLI, and --help names that command', () => {
    expect(pkg.bin).toEqual({ 'oic-docs': 'dist/cli.js' });
    expect(readFileSync('src/cli/main.ts', 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    for (const line of USAGE.split('\n').filter((l) => /^(Usage:)?\s+oic-docs /.test(l))) expect(line).toMatch(/oic-docs (build|extract|import|watch) /);
    expect(USAGE).toContain('npx oic-docs build');
  });

  test('the nanoid override cannot change the DOCX: docx bundles its own copy and never imports the package', () => {
    expect(pkg.overrides).toEqual({ docx: { nanoid: '5.1.16' } });
    for (const f of ['node_modules/docx/dist/index.mjs', 'node_modules/docx/dist/index.cjs']) {
      const code = readFileSync(f, 'utf8');
      expect(code).not.toMatch(/(from\s*|require\(|import\()\s*["']nanoid/);
      expect(code).toContain('// node_modules/nanoid/non-secure/index.js');
    }
  });
});
