/**
 * The V8 code cache of the bundled CLI (src/cli/code-cache.ts): written on the
 * first run, used on the next, the same bytes either way, and a cache that does
 * not fit (garbage, as if made by another Node binary) is rejected, not trusted.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleCli } from '../helpers/bundle.js';

const ANNEX = resolve('data/acm-2018-azer-rep-annex-v.json');
const STEM = 'acm-2018-azer-rep-annex-v';

describe('the code cache', () => {
  let dir = '';
  let bin = '';
  let scratch = '';
  beforeAll(async () => {
    ({ dir, bin } = await bundleCli('oic-code-cache-test'));
    scratch = mkdtempSync(join(tmpdir(), 'oic-code-cache-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  const cache = () => join(scratch, 'cache');
  const entries = (): string[] => {
    const sub = join(cache(), `${process.version}-${process.arch}-${process.versions.v8}`);
    return readdirSync(sub).map((f) => join(sub, f));
  };
  /** Builds PDF and DOCX into a fresh folder; returns their bytes. */
  function build(setting: string, name: string): Buffer[] {
    const out = join(scratch, name);
    const r = spawnSync(process.execPath, [bin, 'build', ANNEX, '--force', '--out', out], {
      encoding: 'utf8', env: { ...process.env, OIC_CODE_CACHE: setting },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return ['pdf', 'docx'].map((ext) => readFileSync(join(out, `${STEM}.${ext}`)));
  }

  test('written on the first run, in a folder of this Node binary; same bytes with it, without it, and with a broken one', () => {
    const without = build('0', 'off');
    const first = build(cache(), 'first');
    const files = entries();
    expect(files.length).toBeGreaterThan(20); // pdfmake, pdfkit, fontkit, Handlebars… and their dependencies
    expect(files.every((f) => !f.endsWith('.tmp'))).toBe(true);
    const second = build(cache(), 'second');
    expect(entries()).toEqual(files); // every module found its entry: nothing new written
    // Garbage in every entry (as from another V8): rejected by V8, compiled as usual, rewritten.
    for (const f of files) writeFileSync(f, Buffer.from('not a code cache'));
    const broken = build(cache(), 'broken');
    for (const f of files) expect(statSync(f).size).toBeGreaterThan(100);
    for (const b of [first, second, broken]) {
      expect(b[0]!.equals(without[0]!)).toBe(true);
      expect(b[1]!.equals(without[1]!)).toBe(true);
    }
  });
});
