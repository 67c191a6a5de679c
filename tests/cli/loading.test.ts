/**
 * What a build loads (the bundled CLI, in a child process): an up-to-date
 * build loads no package at all, a DOCX-only build none of the PDF side
 * (HarfBuzz, the line breaker, pdfmake), a PDF-only build not the docx library.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleCli } from '../helpers/bundle.js';

const ANNEX = resolve('data/acm-2018-azer-rep-annex-v.json');

// A module hook listing every package resolved (ESM) or required (CommonJS), written to a file at exit.
const HOOKS = `export async function resolve(s, c, next) { const r = await next(s, c); globalThis.port?.postMessage(r.url); return r; }
export function initialize({ port }) { globalThis.port = port; }`;
const TRACE = (hooks: string, list: string) => `import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
const { port1, port2 } = new MessageChannel();
const urls = new Set();
port1.on('message', (u) => urls.add(u)); port1.unref();
register(${JSON.stringify(hooks)}, { data: { port: port2 }, transferList: [port2] });
const M = createRequire(import.meta.url)('module');
process.on('exit', () => writeFileSync(${JSON.stringify(list)}, [...urls, ...Object.keys(M._cache)].join('\\n')));`;

describe('a build loads only what it needs', () => {
  let dir = '';
  let bin = '';
  let scratch = '';
  beforeAll(async () => {
    ({ dir, bin } = await bundleCli('oic-loading-test'));
    scratch = mkdtempSync(join(tmpdir(), 'oic-loading-'));
    writeFileSync(join(scratch, 'hooks.mjs'), HOOKS);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The packages a `node dist/cli.js …` process loaded. */
  function packagesOf(...args: string[]): string[] {
    const list = join(scratch, 'loaded.txt');
    const trace = join(scratch, 'trace.mjs');
    writeFileSync(trace, TRACE(pathToFileURL(join(scratch, 'hooks.mjs')).href, list));
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(trace).href, bin, ...args], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const names = readFileSync(list, 'utf8').split('\n').map((u) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u)?.[1]).filter((x): x is string => !!x && !x.startsWith('.'));
    return [...new Set(names)].sort();
  }

  test('up to date: no package loaded (no template, validator, font or backend)', () => {
    const out = join(scratch, 'out-utd');
    expect(packagesOf('build', ANNEX, '--out', out)).toContain('pdfmake');
    expect(packagesOf('build', ANNEX, '--out', out)).toEqual([]);
  });

  test('DOCX only: nothing of the PDF side, no Ajv', () => {
    const loaded = packagesOf('build', ANNEX, '--format', 'docx', '--out', join(scratch, 'out-docx'));
    expect(loaded).toContain('docx');
    for (const p of ['harfbuzzjs', 'linebreak', 'pdfmake', 'pdfkit', 'fontkit', 'ajv']) expect(loaded).not.toContain(p);
  });

  test('PDF only: not the docx library', () => {
    const loaded = packagesOf('build', ANNEX, '--format', 'pdf', '--out', join(scratch, 'out-pdf'));
    expect(loaded).toContain('harfbuzzjs');
    expect(loaded).not.toContain('docx');
  });
});
