/**
 * fonts/fonts.json: the font families templates may name.
 *
 *   { "families": { "<family>": { "normal": FACE, "bold"?: FACE, "italics"?: FACE,
 *                                 "bolditalics"?: FACE,
 *                                 "scripts"?: { "<ISO 15924 code>": "<family>" } } } }
 *
 * A FACE is `npm:<package>/<path>` (a font shipped by an npm package) or a file
 * in the fonts folder (an organisation's own licensed TTF/OTF). `scripts` names
 * the family that draws the runs of another script in this family's text (e.g.
 * the Latin runs of an Arabic face): see familyForScript.
 *
 * Every message names fonts.json and its line; a face that may not be embedded
 * (OS/2 fsType) is refused, as a PDF/A must embed its fonts. A family without a
 * bold or italic face is not an error, but a warning in `warnings` saying which
 * face is used instead (callers print those of the families they use).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, isAbsolute } from 'node:path';
import { DocError } from '../errors.js';
import { projectRoot } from '../paths.js';
import { jsonPlaces, jsonSyntaxError, lineColumn } from '../input/json.js';

export type FaceName = 'normal' | 'bold' | 'italics' | 'bolditalics';
export const FACE_NAMES: readonly FaceName[] = ['normal', 'bold', 'italics', 'bolditalics'];

export type FamilyFiles = Partial<Record<FaceName, string>> & { normal: string };

/** fonts/fonts.json with every face resolved to an absolute file path. */
export interface FontConfig {
  readonly configFile: string;
  readonly families: Readonly<Record<string, FamilyFiles>>;
  /** Per family: the family drawing the runs of a script (ISO 15924 code), when not itself. */
  readonly scripts: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Missing bold/italic faces, each saying what is used instead (code FONT_MISSING, with file and line). */
  readonly warnings: readonly FontWarning[];
}

/** A warning about one family's faces; `family` lets a caller print only those of families in use. */
export interface FontWarning {
  readonly family: string;
  readonly face: FaceName;
  readonly error: DocError;
}

export function faceName(bold: boolean, italic: boolean): FaceName {
  return bold ? (italic ? 'bolditalics' : 'bold') : italic ? 'italics' : 'normal';
}

const FACE_WORDS: Record<FaceName, string> = { normal: 'regular', bold: 'bold', italics: 'italic', bolditalics: 'bold italic' };

/** The face used for `want` when the family lacks it (the same rule as fontFile). */
function substitute(files: Partial<Record<FaceName, string>>, want: FaceName): FaceName {
  if (files[want]) return want;
  if (want === 'bolditalics') return files.bold ? 'bold' : files.italics ? 'italics' : 'normal';
  return 'normal';
}

const cache = new Map<string, FontConfig>();

/** Reads (once per folder) `fonts/fonts.json`. Throws DocError naming the file and line. */
export function loadFontConfig(fontsDir = join(projectRoot(), 'fonts')): FontConfig {
  const hit = cache.get(fontsDir);
  if (hit) return hit;
  const configFile = join(fontsDir, 'fonts.json');
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch {
    throw new DocError('FONT_MISSING', 'cannot read the font configuration', {
      file: configFile, hint: 'restore fonts/fonts.json (it lists the font families templates may use)',
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const { offset, message } = jsonSyntaxError(text);
    throw new DocError('FONT_MISSING', `fonts.json is not valid JSON: ${message}`, {
      file: configFile, ...lineColumn(text, offset), cause: e,
      hint: 'fix the JSON syntax of fonts.json: names and files in double quotes, commas between entries, none after the last',
    });
  }
  const places = jsonPlaces(text);
  const lineOf = (pointer: string): { line?: number; column?: number } => {
    const at = places.get(pointer);
    return at === undefined ? {} : lineColumn(text, at.key ?? at.value);
  };
  const fail = (pointer: string, message: string, hint: string): never => {
    throw new DocError('FONT_MISSING', message, { file: configFile, pointer, ...lineOf(pointer), hint });
  };
  const config = readConfig(raw, configFile, fontsDir, lineOf, fail);
  cache.set(fontsDir, config);
  return config;
}

type Fail = (pointer: string, message: string, hint: string) => never;
type LineOf = (pointer: string) => { line?: number; column?: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the parsed configuration and resolves its faces (split from loadFontConfig for size). */
function readConfig(raw: unknown, configFile: string, fontsDir: string, lineOf: LineOf, fail: Fail): FontConfig {
  if (!isObject(raw) || !isObject(raw['families'])) {
    return fail('', 'fonts.json must be an object with "families"', 'write { "families": { "Amiri": { "normal": "…" } } }');
  }
  const fams = raw['families'];
  const require = createRequire(join(projectRoot(), 'package.json'));
  const families: Record<string, FamilyFiles> = {};
  const scripts: Record<string, Record<string, string>> = {};
  const warnings: FontWarning[] = [];
  for (const [family, faces] of Object.entries(fams)) {
    const ptr = `/families/${family.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!isObject(faces)) fail(ptr, `font family "${family}" must be an object of faces`, 'write { "normal": "MyFont-Regular.ttf", "bold": … }');
    const out: Partial<Record<FaceName, string>> = {};
    for (const [key, spec] of Object.entries(faces as Record<string, unknown>)) {
      if (key === 'scripts' || key === '$comment') continue;
      if (!(FACE_NAMES as readonly string[]).includes(key)) {
        fail(`${ptr}/${key}`, `unknown face "${key}" in family "${family}"`, 'the faces are: normal, bold, italics, bolditalics (and "scripts")');
      }
      if (typeof spec !== 'string') fail(`${ptr}/${key}`, `the ${key} face of "${family}" must be a file name in double quotes`, 'e.g. "MyFont-Bold.ttf"');
      const path = resolveFace(spec as string, fontsDir, require, () =>
        fail(`${ptr}/${key}`, `font file "${spec as string}" ${(spec as string).startsWith('npm:') ? 'is not installed' : 'does not exist'}`,
          (spec as string).startsWith('npm:') ? 'run `npm ci`, or point this face at a TTF file in fonts/' : `copy the font file into ${fontsDir} or fix the name`));
      const refusal = embeddingRefusal(path);
      if (refusal) fail(`${ptr}/${key}`, `font file "${spec as string}" may not be embedded: ${refusal}`, 'a PDF/A must embed its fonts: use a font whose licence allows embedding (OS/2 fsType installable, editable or print & preview), or ask its vendor for one');
      out[key as FaceName] = path;
    }
    if (!out.normal) fail(ptr, `font family "${family}" has no "normal" face`, 'every family needs at least a normal face');
    families[family] = out as FamilyFiles;
    for (const face of ['bold', 'italics', 'bolditalics'] as const) {
      if (out[face]) continue;
      const used = substitute(out, face);
      warnings.push({
        family, face,
        error: new DocError('FONT_MISSING', `font family "${family}" has no ${FACE_WORDS[face]} face: ${FACE_WORDS[face]} text is printed with its ${FACE_WORDS[used]} face`, {
          file: configFile, pointer: ptr, ...lineOf(ptr), hint: `add "${face}": "<file>" to "${family}" in fonts.json if the font has one`,
        }),
      });
    }
  }
  for (const [family, faces] of Object.entries(fams)) {
    const map = (faces as Record<string, unknown>)['scripts'];
    if (map === undefined) continue;
    const ptr = `/families/${family.replace(/~/g, '~0').replace(/\//g, '~1')}/scripts`;
    if (!isObject(map)) fail(ptr, `"scripts" of "${family}" must map script codes to families`, 'e.g. "scripts": { "Latn": "Amiri" }');
    for (const [script, target] of Object.entries(map as Record<string, unknown>)) {
      if (!/^[A-Z][a-z]{3}$/.test(script)) fail(`${ptr}/${script}`, `"${script}" is not an ISO 15924 script code`, 'use a four-letter code such as Latn, Arab, Cyrl');
      if (typeof target !== 'string' || !(target in families)) {
        fail(`${ptr}/${script}`, `"scripts" of "${family}" names the unknown family ${JSON.stringify(target)}`, `the families are: ${Object.keys(families).join(', ')}`);
      }
    }
    scripts[family] = map as Record<string, string>;
  }
  return { configFile, families, scripts, warnings };
}

function resolveFace(spec: string, fontsDir: string, require: NodeRequire, missing: () => never): string {
  if (spec.startsWith('npm:')) {
    try {
      return require.resolve(spec.slice(4));
    } catch {
      return missing();
    }
  }
  const path = isAbsolute(spec) ? spec : join(fontsDir, spec);
  return existsSync(path) ? path : missing();
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  const n = readSync(fd, b, 0, length, offset);
  return b.subarray(0, n);
}

/** The OS/2 fsType of a TrueType/OpenType file (first font of a collection); undefined without an OS/2 table. */
export function embeddingType(path: string): number | undefined {
  const fd = openSync(path, 'r');
  try {
    let base = 0;
    const head = readAt(fd, 0, 12);
    if (head.length < 12) return undefined;
    if (head.toString('latin1', 0, 4) === 'ttcf') base = readAt(fd, 12, 4).readUInt32BE(0);
    const dir = readAt(fd, base, 12);
    const count = dir.readUInt16BE(4);
    const records = readAt(fd, base + 12, count * 16);
    for (let k = 0; k + 16 <= records.length; k += 16) {
      if (records.toString('latin1', k, k + 4) === 'OS/2') {
        const os2 = readAt(fd, records.readUInt32BE(k + 8), 10);
        return os2.length >= 10 ? os2.readUInt16BE(8) : undefined;
      }
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Why a face may not be embedded in a PDF, or undefined when it may (OpenType OS/2 fsType). */
export function embeddingRefusal(path: string): string | undefined {
  let fsType: number | undefined;
  try {
    fsType = embeddingType(path);
  } catch {
    return undefined; // unreadable tables are the text engine's to report
  }
  if (fsType === undefined) return undefined;
  if ((fsType & 0x000f) === 0x0002) return 'its licence is "restricted" (OS/2 fsType bit 1: no embedding)';
  if (fsType & 0x0200) return 'its licence allows embedding bitmaps only (OS/2 fsType bit 9), and PDFs embed outlines';
  if (fsType & 0x0100) return 'its licence forbids subsetting (OS/2 fsType bit 8), and PDFs embed the glyphs in use only';
  return undefined;
}

/**
 * The family that draws runs of `script` (ISO 15924: 'Arab', 'Latn', …) in
 * text styled with `family`: the one fonts.json names under the family's
 * "scripts", else `family` itself. The text engine calls it per run, so a
 * word, a number or a symbol is always drawn in one face.
 */
export function familyForScript(config: FontConfig, family: string, script: string): string {
  return config.scripts[family]?.[script] ?? family;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * The "font" of every style of a styles file (styles.json, or a template's
 * language table) that fonts.json does not know, each blamed on that file and
 * line (not on fonts.json), with the nearest known family as a suggestion.
 */
export function styleFontErrors(config: FontConfig, file: string, text: string): DocError[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return []; // the file's own loader reports its syntax
  }
  const places = jsonPlaces(text);
  const styles = isObject(raw) && isObject(raw['styles']) ? raw['styles'] : {};
  const known = Object.keys(config.families);
  const out: DocError[] = [];
  for (const [name, style] of Object.entries(styles)) {
    const font = isObject(style) ? style['font'] : undefined;
    if (typeof font !== 'string' || font in config.families) continue;
    const pointer = `/styles/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/font`;
    const at = places.get(pointer);
    const lower = font.toLowerCase();
    const near = known.find((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase()))
      ?? [...known].sort((a, b) => distance(font, a) - distance(font, b)).find((k) => distance(font, k) <= Math.max(2, Math.floor(font.length / 3)));
    const guess = near !== undefined && font.trim() !== '' ? `did you mean "${near}"? ` : '';
    out.push(new DocError('FONT_MISSING', `style "${name}" uses the font "${font}", which fonts/fonts.json does not list`, {
      file, pointer, ...(at === undefined ? {} : lineColumn(text, at.key ?? at.value)),
      hint: `${guess}the families are: ${known.join(', ')}; to use another font, add it to fonts/fonts.json first`,
    }));
  }
  return out;
}

/** The file of a face, falling back to the nearest face the family has. */
export function fontFile(config: FontConfig, family: string, bold: boolean, italic: boolean): string {
  const files = config.families[family];
  if (!files) {
    throw new DocError('FONT_MISSING', `unknown font family "${family}"`, {
      file: config.configFile,
      hint: `known families are: ${Object.keys(config.families).join(', ')}`,
    });
  }
  return files[substitute(files, faceName(bold, italic))]!;
}
