/**
 * The font faces a DOCX embeds: every family its styles name, with the faces
 * its text uses (regular always, bold / italic / bold italic when some text is
 * set so and the family has that face). The docx library writes them as
 * obfuscated `.odttf` parts; package.ts makes their keys deterministic.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IPropertiesOptions } from 'docx';
import { loadFontConfig } from '../../text/fonts.js';
import type { FaceName, FontConfig } from '../../text/fonts.js';
import { faceName } from '../../text/fonts.js';
import type { Diagnostic } from '../types.js';

type FontOption = NonNullable<IPropertiesOptions['fonts']>[number];

const fileCache = new Map<string, Buffer>();

function readFace(path: string): Buffer {
  let b = fileCache.get(path);
  if (!b) {
    b = readFileSync(path);
    fileCache.set(path, b);
  }
  return b;
}

/**
 * The docx library deflates every part it writes, fonts included, and the
 * package is then unzipped and written again deterministically (package.ts).
 * So the library is given a small stand-in for each font file, and the real
 * font takes its place when the package is re-keyed: a font is read and
 * compressed once per process, not twice per build.
 */
const PLACEHOLDER = 'oic-docs font placeholder:';
const placeholders = new Map<string, Buffer>();

function placeholderFor(path: string): Buffer {
  const font = readFace(path);
  const tag = `${PLACEHOLDER}${createHash('sha256').update(path).digest('hex')}`;
  placeholders.set(tag, font);
  return Buffer.from(tag, 'latin1');
}

/** The font a stand-in stands for (or undefined if `data` is a real font). */
export function fontForPlaceholder(data: Uint8Array): Buffer | undefined {
  if (data.length > 200) return undefined;
  const tag = Buffer.from(data).toString('latin1');
  return tag.startsWith(PLACEHOLDER) ? placeholders.get(tag) : undefined;
}

/** Collects which faces of which families the document's text uses. */
export class FontUsage {
  private readonly used = new Map<string, Set<FaceName>>();

  use(family: string, bold: boolean, italic: boolean): void {
    let faces = this.used.get(family);
    if (!faces) this.used.set(family, (faces = new Set()));
    faces.add(faceName(bold, italic));
  }

  families(): string[] {
    return [...this.used.keys()].sort();
  }

  /**
   * The docx `fonts` option. Families not in fonts/fonts.json are reported and
   * not embedded (Word then substitutes a font); faces the family lacks are
   * left to Word to synthesise from the regular face.
   */
  embedded(diagnostics: Diagnostic[], config: FontConfig = loadFontConfig()): FontOption[] {
    const out: FontOption[] = [];
    for (const family of this.families()) {
      const files = config.families[family];
      if (!files) {
        diagnostics.push({
          severity: 'warning',
          code: 'FONT_MISSING',
          message: `font "${family}" is not in ${config.configFile}, so the DOCX does not embed it (Word will substitute another font)`,
        });
        continue;
      }
      const faces = this.used.get(family)!;
      const face = (f: FaceName): Buffer | undefined => {
        const path = files[f];
        return faces.has(f) && path !== undefined ? placeholderFor(path) : undefined;
      };
      const bold = face('bold');
      const italic = face('italics');
      const boldItalic = face('bolditalics');
      out.push({
        name: family,
        data: placeholderFor(files.normal),
        ...(bold ? { bold } : {}),
        ...(italic ? { italic } : {}),
        ...(boldItalic ? { boldItalic } : {}),
      });
    }
    return out;
  }
}
