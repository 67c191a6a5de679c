import { afterAll, describe, expect, test } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import {
  embeddingRefusal, embeddingType, familyForScript, fontFile, loadFontConfig, styleFontErrors,
} from '../../src/text/fonts.js';
import { DocError } from '../../src/errors.js';

const require = createRequire(import.meta.url);
const AMIRI = require.resolve('@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf');
const AMIRI_BOLD = require.resolve('@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf');
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A fonts folder holding fonts.json (text as given) and the named font files. */
function fontsDir(json: string, files: Record<string, Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'oic-fonts-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'fonts.json'), json);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

/** A copy of Amiri with its OS/2 fsType set (as a vendor's restricted font has it). */
function withFsType(fsType: number): Buffer {
  const b = Buffer.from(readFileSync(AMIRI));
  const count = b.readUInt16BE(4);
  for (let k = 0; k < count; k++) {
    const rec = 12 + k * 16;
    if (b.toString('latin1', rec, rec + 4) === 'OS/2') b.writeUInt16BE(fsType, b.readUInt32BE(rec + 8) + 8);
  }
  return b;
}

function thrown(fn: () => unknown): DocError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DocError);
    return e as DocError;
  }
  throw new Error('expected a DocError');
}

describe('fonts/fonts.json of the project', () => {
  const config = loadFontConfig();
  test('Latin runs of Noto Naskh Arabic are drawn by Amiri; Amiri draws its own', () => {
    expect(familyForScript(config, 'Noto Naskh Arabic', 'Latn')).toBe('Amiri');
    expect(familyForScript(config, 'Noto Naskh Arabic', 'Arab')).toBe('Noto Naskh Arabic');
    expect(familyForScript(config, 'Amiri', 'Latn')).toBe('Amiri');
    expect(familyForScript(config, 'Amiri', 'Arab')).toBe('Amiri');
    expect(familyForScript(config, 'Unknown', 'Latn')).toBe('Unknown');
  });
  test('the faces shipped may be embedded (fsType installable or editable)', () => {
    for (const fam of Object.values(config.families)) {
      for (const f of Object.values(fam)) {
        expect(embeddingRefusal(f!), f).toBeUndefined();
        expect(embeddingType(f!)! & 0x0302, f).toBe(0);
      }
    }
  });
  test('Noto Naskh Arabic has no italic faces: a warning each, saying the face used instead', () => {
    const w = config.warnings.filter((x) => x.family === 'Noto Naskh Arabic');
    expect(w.map((x) => x.face)).toEqual(['italics', 'bolditalics']);
    expect(w[0]!.error.message).toBe('font family "Noto Naskh Arabic" has no italic face: italic text is printed with its regular face');
    expect(w[1]!.error.message).toBe('font family "Noto Naskh Arabic" has no bold italic face: bold italic text is printed with its bold face');
    const text = readFileSync(config.configFile, 'utf8').split('\n');
    expect(text[w[0]!.error.line! - 1]).toContain('"Noto Naskh Arabic": {');
    expect(config.warnings.filter((x) => x.family === 'Amiri')).toEqual([]);
    // The warning says what fontFile really does.
    expect(fontFile(config, 'Noto Naskh Arabic', true, true)).toBe(config.families['Noto Naskh Arabic']!.bold);
    expect(fontFile(config, 'Noto Naskh Arabic', false, true)).toBe(config.families['Noto Naskh Arabic']!.normal);
  });
});

describe('mistakes in fonts.json name the file and the line', () => {
  test('a syntax error gives line and column, not a character offset', () => {
    const dir = fontsDir('{\n  "families": {\n    "Org Sans": { normal: "org.ttf" }\n  }\n}\n');
    const e = thrown(() => loadFontConfig(dir));
    expect(e.code).toBe('FONT_MISSING');
    expect(e.file).toBe(join(dir, 'fonts.json'));
    expect([e.line, e.column]).toEqual([3, 19]);
    expect(e.message).toBe('fonts.json is not valid JSON: expected a field name in double quotes, found "n"');
  });
  test('a trailing comma is reported where it is', () => {
    const dir = fontsDir('{\n  "families": {\n    "A": { "normal": "a.ttf" },\n  }\n}\n');
    const e = thrown(() => loadFontConfig(dir));
    expect([e.line, e.column]).toEqual([3, 31]);
    expect(e.message).toBe('fonts.json is not valid JSON: a comma after the last field (delete it)');
  });
  test('a missing font file names its line', () => {
    const dir = fontsDir('{\n  "families": {\n    "Org": {\n      "normal": "Org-Regular.ttf"\n    }\n  }\n}\n');
    const e = thrown(() => loadFontConfig(dir));
    expect(e.message).toBe('font file "Org-Regular.ttf" does not exist');
    expect(e.line).toBe(4);
    expect(e.pointer).toBe('/families/Org/normal');
    expect(e.hint).toContain(dir);
  });
  test('a mistyped face name and a scripts entry naming no family', () => {
    const files = { 'org.ttf': readFileSync(AMIRI) };
    const e1 = thrown(() => loadFontConfig(fontsDir('{"families": {"Org": {"normal": "org.ttf",\n "bold ": "org.ttf"}}}', files)));
    expect(e1.message).toBe('unknown face "bold " in family "Org"');
    expect(e1.line).toBe(2);
    const e2 = thrown(() => loadFontConfig(fontsDir('{"families": {"Org": {"normal": "org.ttf",\n  "scripts": {\n   "Latn": "Org Latin"}}}}', files)));
    expect(e2.message).toBe('"scripts" of "Org" names the unknown family "Org Latin"');
    expect(e2.line).toBe(3);
    const e3 = thrown(() => loadFontConfig(fontsDir('{"families": {"Org": {"normal": "org.ttf", "scripts": {"latin": "Org"}}}}', files)));
    expect(e3.message).toBe('"latin" is not an ISO 15924 script code');
  });
  test('a family with its own Latin family', () => {
    const dir = fontsDir(JSON.stringify({
      families: { 'Org Arabic': { normal: 'org.ttf', bold: 'org-bold.ttf', scripts: { Latn: 'Org Latin' } }, 'Org Latin': { normal: 'lat.ttf' } },
    }, null, 2), { 'org.ttf': readFileSync(AMIRI), 'org-bold.ttf': readFileSync(AMIRI_BOLD), 'lat.ttf': readFileSync(AMIRI) });
    const c = loadFontConfig(dir);
    expect(familyForScript(c, 'Org Arabic', 'Latn')).toBe('Org Latin');
    expect(familyForScript(c, 'Org Arabic', 'Arab')).toBe('Org Arabic');
    expect(familyForScript(c, 'Org Latin', 'Latn')).toBe('Org Latin');
    // No bold in Org Latin: its warning says the regular face prints bold text.
    expect(c.warnings.find((w) => w.family === 'Org Latin' && w.face === 'bold')!.error.message)
      .toBe('font family "Org Latin" has no bold face: bold text is printed with its regular face');
  });
});

describe('the licence of a face (OS/2 fsType)', () => {
  test.each([
    ['0x0002', 0x0002, /licence is "restricted"/],
    ['0x0200', 0x0200, /bitmaps only/],
    ['0x0100', 0x0100, /forbids subsetting/],
  ])('fsType %s is refused, naming the file and line', (_label, fsType, reason) => {
    const dir = fontsDir('{\n  "families": {\n    "Org": {\n      "normal": "org.ttf",\n      "bold": "org-bold.ttf"\n    }\n  }\n}\n', {
      'org.ttf': readFileSync(AMIRI), 'org-bold.ttf': withFsType(fsType),
    });
    const e = thrown(() => loadFontConfig(dir));
    expect(e.code).toBe('FONT_MISSING');
    expect(e.message).toMatch(/^font file "org-bold.ttf" may not be embedded: /);
    expect(e.message).toMatch(reason);
    expect(e.line).toBe(5);
    expect(e.hint).toContain('PDF/A must embed');
  });
  test.each([0x0000, 0x0004, 0x0008])('fsType %i (installable, print & preview, editable) is accepted', (fsType) => {
    const dir = fontsDir('{"families": {"Org": {"normal": "org.ttf"}}}', { 'org.ttf': withFsType(fsType) });
    expect(loadFontConfig(dir).families['Org']!.normal).toBe(join(dir, 'org.ttf'));
    expect(embeddingType(join(dir, 'org.ttf'))).toBe(fsType);
  });
  test('a real font file copied unchanged keeps its value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oic-fonts-'));
    dirs.push(dir);
    copyFileSync(AMIRI, join(dir, 'a.ttf'));
    expect(embeddingType(join(dir, 'a.ttf'))).toBe(embeddingType(AMIRI));
  });
});

describe('a mistyped family in a styles file is blamed on that file and line', () => {
  const config = loadFontConfig();
  test('styles.json with "Amiry" names styles.json, its line and the family meant', () => {
    const text = '{\n  "page": {},\n  "styles": {\n    "normal": { "font": "Amiri" },\n    "title": {\n      "font": "Amiry",\n      "bold": true\n    }\n  }\n}\n';
    const errs = styleFontErrors(config, 'templates/x/styles.json', text);
    expect(errs).toHaveLength(1);
    const e = errs[0]!;
    expect(e.file).toBe('templates/x/styles.json');
    expect(e.line).toBe(6);
    expect(e.pointer).toBe('/styles/title/font');
    expect(e.message).toBe('style "title" uses the font "Amiry", which fonts/fonts.json does not list');
    expect(e.hint).toMatch(/^did you mean "Amiri"\? the families are: Amiri, Noto Naskh Arabic/);
  });
  test('an organisation font not yet added gets no wrong guess', () => {
    const errs = styleFontErrors(config, 's.json', '{"styles": {"normal": {"font": "Traditional Arabic"}}}');
    expect(errs[0]!.hint).toMatch(/^the families are: /);
    expect(errs[0]!.hint).toContain('add it to fonts/fonts.json first');
  });
  test('known families give no error', () => {
    expect(styleFontErrors(config, 's.json', '{"styles": {"normal": {"font": "Amiri"}, "x": {"font": "Noto Naskh Arabic"}, "y": {}}}')).toEqual([]);
  });
});
