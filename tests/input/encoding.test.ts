/**
 * Data files saved in another encoding than UTF-8 (real Arabic text, made
 * with iconv: tests/fixtures/encodings/README.md) are refused before parsing
 * with one message: what the file is and how to save it as UTF-8. Earlier
 * outputs stay byte-identical.
 */
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, firstInvalidUtf8 } from '../../src/input/encoding.js';
import { loadDocument } from '../../src/pipeline.js';
import { ANNEX, failsKeepingOutputs, tempDir } from '../pipeline/util.js';

const FIXTURES = 'tests/fixtures/encodings';
const SAVE = '(open it in Notepad, choose File > Save As, set Encoding to "UTF-8" and save; in VS Code: click the encoding in the status bar, "Save with Encoding", "UTF-8")';

function asDoc(fixture: string): string {
  const file = join(tempDir(), 'doc.json');
  copyFileSync(join(FIXTURES, fixture), file);
  return file;
}

describe('data files not saved as UTF-8', () => {
  test.each([
    ['annex.utf-16le-bom.json', 'little'],
    ['annex.utf-16le.json', 'little'],
    ['annex.utf-16be.json', 'big'],
  ])('%s: UTF-16 (%s-endian) is named, with how to save as UTF-8', async (fixture, endian) => {
    const file = asDoc(fixture);
    const { errors, lines } = await failsKeepingOutputs(file);
    expect(errors.map((e) => e.code)).toEqual(['ENCODING']);
    expect(lines).toEqual([`${file}: the file is saved as UTF-16 (${endian}-endian; Notepad calls it "Unicode"), not UTF-8 ${SAVE}`]);
  });

  test('Windows-1256 (Arabic Windows "ANSI"): named, at the first Arabic letter, not blamed on the fonts', async () => {
    const file = asDoc('annex.windows-1256.json');
    const { errors, lines } = await failsKeepingOutputs(file);
    expect(errors.map((e) => e.code)).toEqual(['ENCODING']);
    // Line 6 is the first with Arabic: `  "organization": "منظمة…`, the letter after the opening quote.
    expect(lines).toEqual([`${file}:6:20: the file is not saved as UTF-8: it looks like Arabic text in the Windows Arabic code page (Windows-1256, Notepad's "ANSI") ${SAVE}`]);
    expect(lines[0]).not.toContain('MISSING_GLYPHS');
  });

  test('converted back to UTF-8 the same file builds: the refusal was the encoding only', async () => {
    let utf8: Buffer;
    try {
      utf8 = execFileSync('iconv', ['-f', 'WINDOWS-1256', '-t', 'UTF-8', join(FIXTURES, 'annex.windows-1256.json')]);
    } catch {
      console.warn('iconv is not installed: skipping the round trip');
      return;
    }
    const file = join(tempDir(), 'doc.json');
    writeFileSync(file, utf8);
    const { model } = await loadDocument(file);
    expect(model.meta.title).toBe((await loadDocument(ANNEX)).model.meta.title);
  });

  test('other invalid UTF-8 (e.g. Latin-1 "é"): the byte and where it is', () => {
    const bytes = new Uint8Array([...Buffer.from('{\n  "venue": "Gen'), 0xe8, ...Buffer.from('ve"\n}')]);
    let msg = '';
    try {
      decodeText(bytes, 'x.json');
    } catch (e) {
      msg = `${(e as { line: number }).line}:${(e as { column: number }).column} ${(e as Error).message}`;
    }
    expect(msg).toBe('2:16 the file is not saved as UTF-8 (byte 0xE8 is not UTF-8)');
  });

  test('UTF-8, with or without a byte-order mark, passes; the validator agrees with TextDecoder', () => {
    const text = readFileSync(ANNEX);
    expect(decodeText(text, 'x')).toBe(text.toString('utf8'));
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]), 'x')).toBe(text.toString('utf8'));
    const samples = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x61, 0xd9, 0x85], [0xf0, 0x9f, 0x98, 0x80]];
    for (const s of samples) {
      const b = new Uint8Array(s);
      let fatal = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
      } catch {
        fatal = false;
      }
      expect(firstInvalidUtf8(b) < 0, JSON.stringify(s)).toBe(fatal);
    }
  });
});
