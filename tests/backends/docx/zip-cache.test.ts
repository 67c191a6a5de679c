/**
 * Large zip parts (the DOCX's embedded fonts) are deflated once per
 * installation when the CLI runs the single file: kept in dist/.zip-cache,
 * checked when read, and the package's bytes are the same with the cache,
 * without it, and with a damaged entry.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

type Zip = typeof import('../../../src/backends/docx/zip.js');
/** The zip module as a fresh process has it (no part deflated in memory yet). */
async function freshZip(): Promise<Zip> {
  vi.resetModules();
  return import('../../../src/backends/docx/zip.js');
}

const date = new Date(Date.UTC(2018, 8, 24));
// Half random, half repeated: deflate shrinks it, and it is large enough to be kept.
const part = new Uint8Array([...randomBytes(100_000), ...new Uint8Array(200_000).fill(7)]);
// A long document's own text is as large, but it changes at every edit: never kept on disk.
const longText = new TextEncoder().encode(`<w:document>${'<w:p><w:r><w:t>نص طويل</w:t></w:r></w:p>'.repeat(8000)}</w:document>`);
const entries = [{ name: 'word/fonts/font1.odttf', data: part }, { name: 'word/document.xml', data: longText }];

afterEach(() => {
  delete (globalThis as { __oicDistDir?: string }).__oicDistDir;
});

describe('the zip writer kept between processes', () => {
  it('writes the same package with its cache, without it, and with a damaged entry', async () => {
    const without = (await freshZip()).writeZip(entries, date);
    const dist = mkdtempSync(join(tmpdir(), 'oic-zipcache-'));
    (globalThis as { __oicDistDir?: string }).__oicDistDir = dist;
    const first = (await freshZip()).writeZip(entries, date);
    const kept = readdirSync(join(dist, '.zip-cache'));
    expect(longText.length).toBeGreaterThan(128 * 1024);
    expect(kept).toHaveLength(1); // the font only
    const second = (await freshZip()).writeZip(entries, date);
    const file = join(dist, '.zip-cache', kept[0]!);
    const damaged = readFileSync(file);
    damaged[damaged.length - 10] ^= 0xff;
    writeFileSync(file, damaged);
    const third = (await freshZip()).writeZip(entries, date);
    expect(Buffer.from(first).equals(Buffer.from(without))).toBe(true);
    expect(Buffer.from(second).equals(Buffer.from(without))).toBe(true);
    expect(Buffer.from(third).equals(Buffer.from(without))).toBe(true);
    // The damaged entry was written again.
    expect(readFileSync(file).equals(damaged)).toBe(false);
    // And read back, the package holds the part.
    const back = (await freshZip()).readZip(third).find((e) => e.name === 'word/fonts/font1.odttf')!;
    expect(Buffer.from(back.data).equals(Buffer.from(part))).toBe(true);
  });
});
