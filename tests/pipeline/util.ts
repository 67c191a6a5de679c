import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ANNEX = 'data/acm-2018-azer-rep-annex-v.json';

export function tempDir(prefix = 'oic-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The annex data, changed by `edit`, written to a temp file; returns its path. */
export function annexVariant(edit: (d: Record<string, any>) => void, name = 'variant.json'): string {
  const data = JSON.parse(readFileSync(ANNEX, 'utf8'));
  edit(data);
  const file = join(tempDir(), name);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

export function writeTemp(text: string, name = 'data.json'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/**
 * The files of an output folder, sorted, without the incremental build's
 * cache folder (`.cache/`, checked to hold no temp file either).
 */
export function outputsIn(dir: string): string[] {
  const names = readdirSync(dir).sort();
  if (names.includes('.cache')) {
    const stray = readdirSync(join(dir, '.cache')).filter((n) => !n.endsWith('.json'));
    if (stray.length) return [...names, ...stray.map((n) => `.cache/${n}`)];
  }
  return names.filter((n) => n !== '.cache');
}

/**
 * `line:column` (1-based) of the nth occurrence of `needle` in a file: found by
 * plain text search, to check the located messages independently of the scanner.
 */
export function lineCol(file: string, needle: string, nth = 0): string {
  const text = readFileSync(file, 'utf8');
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not in ${file}`);
  }
  const before = text.slice(0, at);
  return `${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
}

let goodOutputs: Promise<Record<string, Buffer>> | undefined;

/**
 * Builds `file` (named `doc.json`) into a folder holding the outputs of a good
 * build of the annex as `doc.pdf` / `doc.docx`; expects the build to fail,
 * those outputs to stay byte-identical and nothing to be added. Returns the
 * problems as the CLI prints them.
 */
export async function failsKeepingOutputs(file: string, options: import('../../src/pipeline.js').BuildOptions = {}): Promise<{ errors: import('../../src/errors.js').DocError[]; lines: string[] }> {
  const { buildFile } = await import('../../src/pipeline.js');
  const { errorsOf, formatError } = await import('../../src/errors.js');
  if (!file.endsWith('/doc.json')) throw new Error('name the data file doc.json');
  goodOutputs ??= (async () => {
    const out = tempDir();
    const good = join(tempDir(), 'doc.json');
    writeFileSync(good, readFileSync(ANNEX));
    await buildFile(good, { outDir: out });
    return Object.fromEntries(['doc.pdf', 'doc.docx'].map((n) => [n, readFileSync(join(out, n))]));
  })();
  const good = await goodOutputs;
  const out = tempDir();
  for (const [n, b] of Object.entries(good)) writeFileSync(join(out, n), b);
  let errors: import('../../src/errors.js').DocError[] | undefined;
  try {
    await buildFile(file, { outDir: out, force: true, ...options });
  } catch (e) {
    errors = errorsOf(e);
    if (!errors) throw e;
  }
  if (!errors) throw new Error('the build should have failed');
  const names = readdirSync(out).filter((n) => n !== '.cache').sort();
  if (names.join() !== 'doc.docx,doc.pdf') throw new Error(`outputs changed: ${names.join(', ')}`);
  for (const [n, b] of Object.entries(good)) if (!readFileSync(join(out, n)).equals(b)) throw new Error(`${n} changed`);
  return { errors, lines: errors.map(formatError) };
}
