/**
 * Issue 6: a font file that is missing or unreadable is one clear error
 * naming fonts/fonts.json and the face (or the font file), and nothing is
 * written. The project folder is replaced by a scratch copy whose fonts/ is
 * broken in each test (src/paths.ts `projectRoot` is mocked).
 */
import { describe, expect, test, vi } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorsOf, formatError } from '../../src/errors.js';
import { ANNEX, tempDir } from './util.js';

const project = vi.hoisted(() => ({ root: process.cwd() }));
vi.mock('../../src/paths.js', () => ({ projectRoot: () => project.root }));

const { buildFile } = await import('../../src/pipeline.js');

const REAL = process.cwd();
const realFonts = JSON.parse(readFileSync(join(REAL, 'fonts', 'fonts.json'), 'utf8'));

/** A scratch project whose fonts/fonts.json is `config` (plus `files` in fonts/); returns its fonts folder. */
function scratchProject(config: unknown, files: Record<string, string | Uint8Array> = {}): string {
  const root = tempDir('oic-fonts-');
  writeFileSync(join(root, 'package.json'), readFileSync(join(REAL, 'package.json')));
  symlinkSync(join(REAL, 'node_modules'), join(root, 'node_modules'));
  symlinkSync(join(REAL, 'templates'), join(root, 'templates'));
  const fonts = join(root, 'fonts');
  mkdirSync(fonts);
  writeFileSync(join(fonts, 'fonts.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  for (const [n, b] of Object.entries(files)) writeFileSync(join(fonts, n), b);
  project.root = root;
  return fonts;
}

/** Builds the annex into a folder with earlier outputs: expects failure, earlier outputs unchanged. */
async function fails(): Promise<string[]> {
  const out = tempDir();
  const before = { 'acm-2018-azer-rep-annex-v.pdf': 'earlier pdf', 'acm-2018-azer-rep-annex-v.docx': 'earlier docx' };
  for (const [n, t] of Object.entries(before)) writeFileSync(join(out, n), t);
  let err: unknown;
  try {
    await buildFile(ANNEX, { outDir: out, templatesDir: join(REAL, 'templates'), force: true });
  } catch (e) {
    err = e;
  } finally {
    project.root = REAL;
  }
  const errors = errorsOf(err);
  if (!errors) throw err ?? new Error('expected the build to fail');
  expect(errors.map((e) => e.code)).toEqual(['FONT_MISSING']);
  expect(readdirSync(out).filter((n) => n !== '.cache').sort()).toEqual(Object.keys(before).sort());
  for (const [n, t] of Object.entries(before)) expect(readFileSync(join(out, n), 'utf8')).toBe(t);
  return errors.map(formatError);
}

const withAmiri = (normal: string) => ({ families: { ...realFonts.families, Amiri: { ...realFonts.families.Amiri, normal } } });

describe('font problems → FONT_MISSING, nothing written', () => {
  test('a face whose file does not exist names fonts.json, the face and what to do', async () => {
    const fonts = scratchProject(withAmiri('Amiri-Regular.ttf'));
    expect(await fails()).toEqual([
      `${join(fonts, 'fonts.json')}:4:7: /families/Amiri/normal: font file "Amiri-Regular.ttf" does not exist (copy the font file into ${fonts} or fix the name)`,
    ]);
  });

  test('a face from a font package that is not installed', async () => {
    const fonts = scratchProject(withAmiri('npm:@no-such-scope/no-such-font/Regular.ttf'));
    expect(await fails()).toEqual([
      `${join(fonts, 'fonts.json')}:4:7: /families/Amiri/normal: font file "npm:@no-such-scope/no-such-font/Regular.ttf" is not installed (run \`npm ci\`, or point this face at a TTF file in fonts/)`,
    ]);
  });

  // Regression: harfbuzz makes an empty face of bytes that are not a font; loadFont must refuse it.
  test('a font file that is not a font (unreadable)', async () => {
    const fonts = scratchProject(withAmiri('Amiri-Regular.ttf'), { 'Amiri-Regular.ttf': 'this is not a font\n' });
    const [line] = await fails();
    expect(line).toMatch(new RegExp(`^${resolve(fonts, 'Amiri-Regular.ttf').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*not a usable font file.*\\(use a TrueType \\(\\.ttf\\) or OpenType \\(\\.otf\\) font\\)$`));
  });

  test('a font configuration that is not valid JSON', async () => {
    const fonts = scratchProject('{ "families": { ');
    const [line] = await fails();
    // The line and column of the mistake, and what to do.
    expect(line).toMatch(new RegExp(`^${join(fonts, 'fonts.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: fonts.json is not valid JSON: .+ \\(fix the JSON syntax of fonts.json: .+\\)$`));
  });
});
