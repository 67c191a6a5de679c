import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundleCli } from '../helpers/bundle.js';
import { run, USAGE } from '../../src/cli/run.js';
import { ANNEX, annexVariant, lineCol, outputsIn, tempDir, writeTemp } from '../pipeline/util.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const NO_STACK = /\n\s+at |Error:|\.ts:\d+/;

describe('CLI contract (in process)', () => {
  test('--help prints the usage and exits 0', async () => {
    const r = await cli('--help');
    expect(r).toEqual({ code: 0, out: USAGE, err: '' });
    expect((await cli('build', '-h')).code).toBe(0);
    expect(USAGE).toContain('build [FILE...]');
  });

  test('no command: usage on stderr, exit 1', async () => {
    const r = await cli();
    expect(r.code).toBe(1);
    expect(r.err).toContain('Usage:');
  });

  test('an unknown option is a usage error', async () => {
    const r = await cli('build', '--colour');
    expect(r.code).toBe(1);
    expect(r.err).toContain("'--colour'");
    expect(r.err).toContain('--help');
    expect(r.err).not.toMatch(NO_STACK);
  });

  test('an unknown command is a usage error that lists every command (and the nearest)', async () => {
    const r = await cli('make');
    expect(r.code).toBe(1);
    expect(r.err).toBe('unknown command "make"; the commands are "build", "watch", "extract", "import" (run with --help for the usage)');
    const typo = await cli('biuld');
    expect(typo.err).toBe('unknown command "biuld"; the commands are "build", "watch", "extract", "import" (did you mean "build"? run with --help for the usage)');
    expect((await cli('extrct', 'x.pdf')).err).toContain('did you mean "extract"?');
  });

  test('an unknown format lists the valid ones', async () => {
    const r = await cli('build', ANNEX, '--format', 'pdf,odt', '--out', tempDir());
    expect(r.code).toBe(1);
    expect(r.err).toBe('unknown format "odt" (valid formats are: pdf, docx)');
  });

  test('builds named files into --out, one line per document', async () => {
    const out = tempDir();
    const r = await cli('build', ANNEX, '--format', 'pdf,docx', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^${ANNEX} → ${out}/acm-2018-azer-rep-annex-v\\.pdf, ${out}/acm-2018-azer-rep-annex-v\\.docx \\(\\d+ ms\\)$`));
    expect(outputsIn(out)).toEqual(['acm-2018-azer-rep-annex-v.docx', 'acm-2018-azer-rep-annex-v.pdf']);
  });

  test('no files: every data/*.json', async () => {
    const out = tempDir();
    const r = await cli('build', '--format=docx', '--out', out);
    expect(r.code).toBe(0);
    // One line per document, and the closing summary.
    const docs = readdirSync('data').filter((f) => f.endsWith('.json')).length;
    expect(r.out.split('\n')).toHaveLength(docs + 1);
    expect(r.out.split('\n').at(-1)).toBe(`${docs} built, 0 up to date, 0 failed`);
    expect(readdirSync(out)).toContain('acm-2018-azer-rep-annex-v.docx');
  });

  const errorCases: [string, () => string, RegExp][] = [
    ['JSON syntax', () => writeTemp('{\n  "template": "oic-annex",\n}'), /data\.json:2:26: a comma after the last field \(delete it\)/],
    ['schema', () => annexVariant((d) => { d.paragraphs[3].text = 1; }), /variant\.json:\d+:7: \/paragraphs\/3\/text \(paragraph 4\): expected a string, got a number \(/],
    ['date', () => annexVariant((d) => { d.date = '2018-02-30'; }), /variant\.json:\d+:3: \/date: "2018-02-30" is not a date \(/],
    ['template', () => annexVariant((d) => { d.template = 'nope'; }), /variant\.json:2:3: \/template: unknown template "nope" \(the templates are: oic-annex, oic-resolution\)/],
    ['empty', () => annexVariant((d) => { d.paragraphs = []; }), /variant\.json:\d+:3: \/paragraphs: the document has no content/],
    ['missing file', () => 'data/missing.json', /^data\/missing\.json: cannot read the data file: there is no such file or folder \(check the name and the folder you run the command from\)$/],
  ];
  test.each(errorCases)('%s error: exit 1, file and place in the message, no stack trace', async (_n, make, message) => {
    const out = tempDir();
    const r = await cli('build', make(), '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(NO_STACK);
    expect(r.out).toBe('');
    expect(readdirSync(out)).toEqual([]);
  });

  test('several problems: one line each', async () => {
    const file = annexVariant((d) => { d.title = 3; d.venue = ''; });
    const r = await cli('build', file, '--out', tempDir());
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual([
      expect.stringContaining(`${file}:${lineCol(file, '"title"')}: /title: expected a string, got a number`),
      expect.stringContaining(`${file}:${lineCol(file, '"venue"')}: /venue: the text is empty`),
    ]);
  });

  test('one bad file does not stop the others', async () => {
    const out = tempDir();
    const bad = annexVariant((d) => { d.date = 'x'; }, 'bad.json');
    const r = await cli('build', bad, ANNEX, '--format', 'docx', '--out', out);
    expect(r.code).toBe(1);
    expect(r.out).toContain('acm-2018-azer-rep-annex-v.docx');
    expect(outputsIn(out)).toEqual(['acm-2018-azer-rep-annex-v.docx']);
  });

  test('--debug adds the stack trace', async () => {
    const r = await cli('build', annexVariant((d) => { d.date = 'x'; }), '--out', tempDir(), '--debug');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\n\s+at /);
  });
});

describe('the bundled CLI (node dist/cli.js, built here into a scratch folder)', () => {
  let dir = '';
  let bin = '';
  beforeAll(async () => {
    ({ dir, bin } = await bundleCli('oic-cli-test'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const node = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

  test('--help exits 0', () => {
    const r = node('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: oic-docs build');
  });

  test('a data error exits 1 with the message only', () => {
    const file = annexVariant((d) => { d.paragraphs[3].text = 42; });
    const r = node('build', file, '--out', tempDir());
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${file}:${lineCol(file, '"text": 42')}: /paragraphs/3/text (paragraph 4): expected a string, got a number (write a string here: the paragraph's text, without its number)\n`);
  });

  test('builds the annex', () => {
    const out = tempDir();
    const r = node('build', ANNEX, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(out, 'acm-2018-azer-rep-annex-v.pdf'))).toBe(true);
    expect(existsSync(join(out, 'acm-2018-azer-rep-annex-v.docx'))).toBe(true);
  });
});
