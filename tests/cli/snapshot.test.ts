/**
 * The start-up paths of the bundled CLI (src/cli/snapshot.ts, src/cli/single-file.ts,
 * scripts/snapshot.mjs), built here into a scratch folder as `npm run bench` builds them: the V8
 * startup snapshot, the single-file bundle with its code cache (what `node dist/cli.js` runs) and
 * the ordinary ESM bundle write the same bytes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleCli } from '../helpers/bundle.js';
import { precompiledPlugin } from '../../src/template/standalone.js';

const ANNEX = resolve('data/acm-2018-azer-rep-annex-v.json');
const STEM = 'acm-2018-azer-rep-annex-v';

describe('start-up: snapshot, single file, ordinary bundle', () => {
  let root = '';
  let dist = '';
  let blob = '';
  beforeAll(async () => {
    const { dir } = await bundleCli('oic-snapshot-test');
    root = dir;
    dist = join(root, 'dist');
    mkdirSync(dist);
    for (const f of readdirSync(root)) if (f !== 'dist') renameSync(join(root, f), join(dist, f));
    const { buildSnapshot } = (await import(resolve('scripts/snapshot.mjs'))) as {
      buildSnapshot(o: { plugins: unknown[]; define: Record<string, string>; warn(m: string): void; outDir: string; blob: boolean }): Promise<void>;
    };
    const warnings: string[] = [];
    await buildSnapshot({ plugins: [precompiledPlugin(resolve('.'))], define: {}, warn: (m) => warnings.push(m), outDir: dist, blob: true });
    expect(warnings).toEqual([]);
    blob = join(dist, 'snapshot', `node-${process.version}-${process.platform}-${process.arch}.blob`);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  let n = 0;
  /** Runs a command building the annex into a fresh folder; its status, stderr and the outputs' bytes. */
  function build(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, formats = 'pdf,docx'): { status: number | null; stderr: string; files: Buffer[] } {
    const out = join(root, `out-${++n}`);
    const r = spawnSync(cmd, [...args, 'build', ANNEX, '--force', '--format', formats, '--out', out], {
      encoding: 'utf8', env: { ...process.env, ...env },
    });
    const files = formats.split(',').filter((f) => existsSync(join(out, `${STEM}.${f}`))).map((f) => readFileSync(join(out, `${STEM}.${f}`)));
    return { status: r.status, stderr: r.stderr, files };
  }
  const cli = (): string => join(dist, 'cli.js');

  test('the same bytes from the snapshot, the single file (with and without its cache) and the ordinary bundle', () => {
    expect(existsSync(blob)).toBe(true);
    const plain = build(process.execPath, [cli()], { OIC_SINGLE_FILE: '0' });
    expect(plain.stderr).toBe('');
    expect(plain.files).toHaveLength(2);
    const first = build(process.execPath, [cli()]);
    const cacheDir = join(dist, '.code-cache', `${process.version}-${process.arch}-${process.versions.v8}`);
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('bundle-'))).toHaveLength(1); // written at exit
    const second = build(process.execPath, [cli()]);
    const snap = build(process.execPath, ['--snapshot-blob', blob, cli()]);
    for (const r of [first, second, snap]) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.files[0]!.equals(plain.files[0]!)).toBe(true);
      expect(r.files[1]!.equals(plain.files[1]!)).toBe(true);
    }
    // One format each (DOCX alone instantiates no HarfBuzz).
    expect(build(process.execPath, ['--snapshot-blob', blob, cli()], {}, 'pdf').files[0]!.equals(plain.files[0]!)).toBe(true);
    expect(build(process.execPath, ['--snapshot-blob', blob, cli()], {}, 'docx').files[0]!.equals(plain.files[1]!)).toBe(true);
  });

  test("the single file's pre-inflated Unicode tries are what unicode-trie inflates from the packages' own bytes; one linebreak", async () => {
    const text = readFileSync(join(dist, 'snapshot.cjs'), 'utf8');
    const m = /var __oicTries = (\[.*?\]\]);/.exec(text);
    expect(m).not.toBeNull();
    const table = JSON.parse(m![1]!) as [number, string, string, number, number][];
    // linebreak's classes, unicode-properties' data and fontkit's Arabic, Indic and Universal shapers.
    expect(table.length).toBeGreaterThanOrEqual(5);
    const { createRequire } = await import('node:module');
    const Trie = createRequire(import.meta.url)('unicode-trie') as new (d: Uint8Array) => { data: Uint32Array; highStart: number; errorValue: number };
    for (const [length, compressed, data, highStart, errorValue] of table) {
      const bytes = new Uint8Array(Buffer.from(compressed, 'base64'));
      expect(bytes.length).toBe(length);
      const t = new Trie(bytes);
      expect([t.highStart, t.errorValue]).toEqual([highStart, errorValue]);
      expect(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(Buffer.from(data, 'base64'))).toBe(true);
    }
    expect(text).toMatch(/__oicPreTrie\(this, ?data\)/);
    expect(text.match(/node_modules\/linebreak\/dist\/[a-z]+\.(c|m)js/g)?.sort()).toEqual(['node_modules/linebreak/dist/main.cjs']);
  });

  test('a user mistake from the snapshot: the message and exit 1, as without it', () => {
    const bad = join(root, 'bad.json');
    writeFileSync(bad, '{"template": "oic-annex", "lang": "ar"');
    const run = (args: string[]) => spawnSync(process.execPath, [...args, 'build', bad, '--out', join(root, 'out-bad')], { encoding: 'utf8' });
    const a = run(['--snapshot-blob', blob, cli()]);
    const b = run([cli()]);
    expect(a.status).toBe(1);
    expect(a.stderr).toBe(b.stderr);
    expect(a.stderr).toContain('bad.json');
  });
});
