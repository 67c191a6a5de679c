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
import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { bundleCli } from '../helpers/bundle.js';
import { precompiledPlugin } from '../../src/template/standalone.js';
import { PER_HELPER } from '../../src/cli/batch-size.js';

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

  test('a batch from the single file: helpers run it single-threaded, with a code cache of their own, and write the same bytes', () => {
    const data = join(root, 'batch-data');
    mkdirSync(data);
    const annex = JSON.parse(readFileSync(ANNEX, 'utf8')) as { paragraphs: { text: string }[] };
    const count = 2 * PER_HELPER;
    for (let k = 1; k <= count; k++) writeFileSync(join(data, `d${k}.json`), JSON.stringify({ ...annex, paragraphs: [{ ...annex.paragraphs[0]!, text: `${annex.paragraphs[0]!.text} ${k}` }] }));
    const run = (jobs: string, out: string) => spawnSync(process.execPath, [cli(), 'build', '--force', '--jobs', jobs, '--data', data, '--out', join(root, out)], { encoding: 'utf8' });
    const one = run('1', 'batch-one');
    const two = run('2', 'batch-two');
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stderr).toBe(`building ${count} documents in 2 processes\n`);
    expect(two.stdout.trim().split('\n').at(-1)).toBe(`${count} built, 0 up to date, 0 failed`);
    for (let k = 1; k <= count; k++) {
      for (const f of ['pdf', 'docx']) expect(readFileSync(join(root, 'batch-two', `d${k}.${f}`)).equals(readFileSync(join(root, 'batch-one', `d${k}.${f}`))), `d${k}.${f}`).toBe(true);
    }
    // V8 rejects a code cache made under other flags: the helpers' is their own, the ordinary one is left alone.
    const caches = readdirSync(join(dist, '.code-cache'));
    expect(caches).toContain(`${process.version}-${process.arch}-${process.versions.v8}`);
    expect(caches.filter((c) => c.startsWith(`${process.version}-${process.arch}-${process.versions.v8}-`))).toHaveLength(1);
  }, 300_000);

  test("the single file's pre-inflated Unicode tries are what unicode-trie inflates from the packages' own bytes; one linebreak", async () => {
    const file = readFileSync(join(dist, 'unicode-tries.bin'));
    const b = file.subarray(0, file.length - 20);
    expect(createHash('sha1').update(b).digest().equals(file.subarray(file.length - 20))).toBe(true);
    expect(b.toString('latin1', 0, 4)).toBe('OICT');
    const n = b.readUInt32LE(4);
    // linebreak's classes, unicode-properties' data and fontkit's Arabic, Indic and Universal shapers.
    expect(n).toBeGreaterThanOrEqual(5);
    const { createRequire } = await import('node:module');
    const Trie = createRequire(import.meta.url)('unicode-trie') as new (d: Uint8Array) => { data: Uint32Array; highStart: number; errorValue: number };
    let p = 8;
    for (let i = 0; i < n; i++) {
      const [cl, rl, highStart, errorValue] = [0, 4, 8, 12].map((o) => b.readUInt32LE(p + o));
      p += 16;
      const t = new Trie(new Uint8Array(b.subarray(p, p + cl!)));
      expect([t.highStart >>> 0, t.errorValue >>> 0]).toEqual([highStart, errorValue]);
      expect(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(b.subarray(p + cl!, p + cl! + rl!))).toBe(true);
      p += cl! + rl!;
    }
    expect(p).toBe(b.length);
    const bytes = readFileSync(join(dist, 'snapshot.cjs'));
    // ASCII only (non-ASCII text escaped): read as Latin-1, one byte per character (src/cli/single-file.ts).
    expect(isAscii(bytes)).toBe(true);
    const text = bytes.toString('latin1');
    expect(text).toMatch(/__oicPreTrie\(this, ?data\)/);
    expect(text.match(/node_modules\/linebreak\/dist\/[a-z]+\.(c|m)js/g)?.sort()).toEqual(['node_modules/linebreak/dist/main.cjs']);
  });

  test('without the tries file the single file inflates them itself: the same bytes', () => {
    const file = join(dist, 'unicode-tries.bin');
    const kept = readFileSync(file);
    const withFile = build(process.execPath, [cli()], {}, 'pdf');
    rmSync(file);
    try {
      const without = build(process.execPath, [cli()], {}, 'pdf');
      expect(without.stderr).toBe('');
      expect(without.files[0]!.equals(withFile.files[0]!)).toBe(true);
      const flipped = Buffer.from(kept);
      flipped[flipped.length - 100] ^= 0xff; // damaged inside the last trie's data
      for (const damaged of [kept.subarray(0, 100), flipped]) {
        writeFileSync(file, damaged);
        const r = build(process.execPath, [cli()], {}, 'pdf');
        expect(r.stderr).toBe('');
        expect(r.files[0]!.equals(withFile.files[0]!)).toBe(true);
      }
    } finally {
      writeFileSync(file, kept);
    }
  });

  test('an up-to-date build is answered without loading the single file, with the same lines', () => {
    const out = join(root, 'out-up-to-date');
    const cache = join(root, 'cache-up-to-date');
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, [cli(), 'build', ANNEX, '--out', out, ...args], { encoding: 'utf8', env: { ...process.env, OIC_CODE_CACHE: cache, ...env } });
    const first = run([]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('→');
    rmSync(cache, { recursive: true, force: true });
    const again = run([]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('up to date');
    // The single file writes its code cache at exit: not loaded, no cache.
    expect(existsSync(cache)).toBe(false);
    expect(again.stdout).toBe(run([], { OIC_SINGLE_FILE: '0' }).stdout);
    expect(again.stderr).toBe('');
    // Something to build (forced): the single file runs (and writes its cache, bundle-<size>-<mtime>).
    rmSync(cache, { recursive: true, force: true });
    expect(run(['--force']).stdout).toContain('→');
    expect(readdirSync(join(cache, `${process.version}-${process.arch}-${process.versions.v8}`)).some((f) => f.startsWith('bundle-'))).toBe(true);
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
