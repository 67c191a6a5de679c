import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontBytes } from '../../../src/backends/pdf/font-files.js';

const AMIRI = 'node_modules/@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf';
const NASKH = 'node_modules/@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf';

describe('font files kept in memory', () => {
  it('reads a file once while it is unchanged, and again when it is replaced (never a stale font)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'font-files-'));
    const file = join(dir, 'Organisation-Regular.ttf');
    writeFileSync(file, readFileSync(AMIRI));
    const a = fontBytes(file);
    expect(fontBytes(file)).toBe(a); // same object: fontkit's tables decoded once

    // An organisation drops its own font in under the same name.
    writeFileSync(file, readFileSync(NASKH));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const b = fontBytes(file);
    expect(b).not.toBe(a);
    expect(b.equals(readFileSync(NASKH))).toBe(true);

    // Same size, new bytes, new time: read again too.
    const edited = Buffer.from(readFileSync(NASKH));
    edited[edited.length - 1] ^= 1;
    writeFileSync(file, edited);
    utimesSync(file, new Date(), new Date(Date.now() + 10000));
    expect(fontBytes(file).equals(edited)).toBe(true);
  });
});
