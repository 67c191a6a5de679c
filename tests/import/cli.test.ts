/** `import` on the command line: build → import, messages, exit status, usage errors. */
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';
import { bundleCli } from '../helpers/bundle.js';
import { ANNEX, tempDir } from '../pipeline/util.js';
import { DATA_NAME, editDocx, once } from './util.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function built(): Promise<{ data: string; draft: string }> {
  const dir = tempDir();
  const data = join(dir, DATA_NAME);
  copyFileSync(ANNEX, data);
  const r = await cli('build', data, '--format', 'docx', '--out', join(dir, 'out'));
  expect(r.code, r.err).toBe(0);
  return { data, draft: join(dir, 'out', DATA_NAME.replace(/\.json$/, '.docx')) };
}

describe('import command', () => {
  test('build, then import the unchanged draft: exit 0, data file byte-identical', async () => {
    const { data, draft } = await built();
    const r = await cli('import', draft, '--data', data);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('nothing to import');
    expect(readFileSync(data).equals(readFileSync(ANNEX))).toBe(true);
  }, 60_000);

  test('an edit: the summary names the field; a conflict: exit 1, the message says what to do', async () => {
    const { data, draft } = await built();
    writeFileSync(draft, editDocx(readFileSync(draft), (x) => once(x, 'أمين عام منظمة', 'الأمين العام لمنظمة')));
    const ok = await cli('import', draft, '--data', data);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/\/paragraphs\/1\/text: "الفقرة 2" changed/);
    expect(ok.out).toContain('1 field(s) changed');
    writeFileSync(data, readFileSync(ANNEX, 'utf8').replace('أمين عام منظمة', 'أمين عام لمنظمة'));
    const conflict = await cli('import', draft, '--data', data);
    expect(conflict.code).toBe(1);
    expect(conflict.err).toContain('error:');
    expect(conflict.err).toContain('--take ours');
    const taken = await cli('import', draft, '--data', data, '--take', 'theirs');
    expect(taken.code, taken.err).toBe(0);
    expect(readFileSync(data, 'utf8')).toContain('الأمين العام لمنظمة');
  }, 60_000);

  test('usage mistakes are one line each, exit 1', async () => {
    expect((await cli('import')).err).toContain('name the Word draft');
    expect((await cli('import', 'a.docx', '--revisions', 'maybe')).err).toContain('--revisions must be accept or refuse');
    expect((await cli('import', 'a.docx', '--take', 'both')).code).toBe(1);
    expect((await cli('import', 'a.docx', '--bogus')).code).toBe(1);
    const missing = await cli('import', 'missing.docx');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: missing\.docx: cannot read the draft: ENOENT \(check the file name\)$/);
    const help = await cli('import', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('--revisions');
  });

  test('the bundled CLI runs import (npm run import -- …)', async () => {
    const { data, draft } = await built();
    const { bin } = await bundleCli('import-cli');
    const out = execFileSync(process.execPath, [bin, 'import', draft, '--data', data], { encoding: 'utf8' });
    expect(out).toContain('nothing to import');
  }, 60_000);
});
