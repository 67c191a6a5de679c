import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, isAbsolute } from 'node:path';
import { DocError } from '../errors.js';
import { projectRoot } from '../paths.js';

export type FaceName = 'normal' | 'bold' | 'italics' | 'bolditalics';
export const FACE_NAMES: readonly FaceName[] = ['normal', 'bold', 'italics', 'bolditalics'];

export type FamilyFiles = Partial<Record<FaceName, string>> & { normal: string };

/** fonts/fonts.json with every face resolved to an absolute file path. */
export interface FontConfig {
  readonly configFile: string;
  readonly families: Readonly<Record<string, FamilyFiles>>;
  /** Files of the families that opt in to kashida justification (`"kashida": true`: the font stretches well with tatweel). */
  readonly kashida?: ReadonlySet<string>;
}

export function faceName(bold: boolean, italic: boolean): FaceName {
  return bold ? (italic ? 'bolditalics' : 'bold') : italic ? 'italics' : 'normal';
}

const cache = new Map<string, FontConfig>();

/**
 * Reads `fonts/fonts.json`. A face is `npm:<package>/<path>` (resolved in
 * node_modules) or a file in the fonts folder. Missing files are errors that
 * name the config file and the JSON pointer of the face.
 */
export function loadFontConfig(fontsDir = join(projectRoot(), 'fonts')): FontConfig {
  const hit = cache.get(fontsDir);
  if (hit) return hit;
  const configFile = join(fontsDir, 'fonts.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (e) {
    throw new DocError('FONT_MISSING', `cannot read the font configuration: ${(e as Error).message}`, {
      file: configFile,
      hint: 'restore fonts/fonts.json (it lists the font families templates may use)',
    });
  }
  const fams = (raw as { families?: Record<string, Record<string, string>> }).families ?? {};
  const kashida = new Set<string>();
  const require = createRequire(join(projectRoot(), 'package.json'));
  const families: Record<string, FamilyFiles> = {};
  for (const [family, faces] of Object.entries(fams)) {
    const out: Partial<Record<FaceName, string>> = {};
    for (const face of FACE_NAMES) {
      const spec = faces[face];
      if (spec === undefined) continue;
      const pointer = `/families/${family}/${face}`;
      let path: string;
      if (spec.startsWith('npm:')) {
        try {
          path = require.resolve(spec.slice(4));
        } catch {
          throw new DocError('FONT_MISSING', `font file "${spec}" is not installed`, {
            file: configFile, pointer, hint: 'run `npm ci`, or point this face at a TTF file in fonts/',
          });
        }
      } else {
        path = isAbsolute(spec) ? spec : join(fontsDir, spec);
        if (!existsSync(path)) {
          throw new DocError('FONT_MISSING', `font file "${spec}" does not exist`, {
            file: configFile, pointer, hint: `copy the font file into ${fontsDir} or fix the name`,
          });
        }
      }
      out[face] = path;
    }
    if (!out.normal) {
      throw new DocError('FONT_MISSING', `font family "${family}" has no "normal" face`, {
        file: configFile, pointer: `/families/${family}`, hint: 'every family needs at least a normal face',
      });
    }
    families[family] = out as FamilyFiles;
    if ((faces as Record<string, unknown>)['kashida'] === true) for (const f of Object.values(out)) kashida.add(f);
  }
  const config = { configFile, families, ...(kashida.size ? { kashida } : {}) };
  cache.set(fontsDir, config);
  return config;
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
  const want = faceName(bold, italic);
  return files[want] ?? (bold ? files.bold : undefined) ?? (italic ? files.italics : undefined) ?? files.normal;
}
