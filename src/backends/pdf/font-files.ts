/**
 * Font files read and their tables decoded once per process, not once per
 * document. pdfkit opens each font afresh for every document: it reads the
 * file, and fontkit decodes the tables it needs again (the glyph locations,
 * the metrics, the names): in a warm rebuild that was about 2 ms for two faces.
 *
 * The bytes of each font file are kept by path and checked by size and
 * modification time on every build (as src/incremental.ts fingerprints font
 * files), read again when either changed. They reach pdfkit as a registered
 * font named by the file's path, so pdfkit keys, numbers and embeds its fonts
 * exactly as when it read the file itself (pdfmake still checks the path
 * against the access policy first). fontkit's decoded tables are kept per
 * bytes object, so a font read again (changed on disk) is decoded again. A
 * decoded table is only read afterwards (a subset clones the tables it
 * changes): same bytes.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const files = new Map<string, { key: string; bytes: Buffer }>();
/** Decoded tables by font bytes (fontkit's `_decodeTable` results, by table tag). */
const tables = new WeakMap<Uint8Array, Map<string, unknown>>();

/** A font file's bytes, read again when its size or modification time changed. */
export function fontBytes(path: string): Buffer {
  const s = statSync(path);
  const key = `${s.size}:${s.mtimeMs}`;
  const hit = files.get(path);
  if (hit && hit.key === key) return hit.bytes;
  const bytes = readFileSync(path);
  files.set(path, { key, bytes });
  tables.set(bytes, new Map());
  installTableCache(bytes);
  return bytes;
}

/** Forgets every font file read (tests: a build that reads and decodes every font again). */
export function forgetFontFiles(): void {
  files.clear();
}

let installed = false;
interface FontkitFont { stream: { buffer: Uint8Array }; _decodeTable(table: { tag: string }): unknown }

/** Wraps fontkit's TTFFont._decodeTable (its prototype, from a font made of these bytes) to keep tables per bytes. */
function installTableCache(bytes: Buffer): void {
  if (installed) return;
  installed = true;
  let proto: Partial<FontkitFont> | null;
  try {
    const fontkit = require('fontkit') as { create(b: Uint8Array): object };
    proto = Object.getPrototypeOf(fontkit.create(bytes)) as Partial<FontkitFont> | null;
    // WOFF and collections are subclasses: the method is TTFFont's own.
    while (proto && !Object.prototype.hasOwnProperty.call(proto, '_decodeTable')) proto = Object.getPrototypeOf(proto) as Partial<FontkitFont> | null;
  } catch {
    return; // not a font fontkit reads: pdfkit reports it as before
  }
  const decode = proto?._decodeTable;
  if (!proto || typeof decode !== 'function') return;
  proto._decodeTable = function (this: FontkitFont, table: { tag: string }) {
    const known = this.stream && tables.get(this.stream.buffer);
    if (!known) return decode.call(this, table);
    if (known.has(table.tag)) return known.get(table.tag);
    const result = decode.call(this, table);
    known.set(table.tag, result);
    return result;
  };
}

interface PdfmakeDoc {
  getFontFile(...args: unknown[]): unknown;
  localAccessPolicy?: unknown;
  _registeredFonts?: Record<string, { src: unknown; family?: unknown }>;
}

let wrapped = false;

/** Wraps pdfmake's PDFDocument.provideFont: the font file's bytes registered with pdfkit under its path, from memory. */
export function installFontFiles(): void {
  if (wrapped) return;
  wrapped = true;
  const PDFDocument = (require('pdfmake/js/PDFDocument') as { default: { prototype: Record<string, unknown> } }).default;
  const provideFont = PDFDocument.prototype['provideFont'] as (this: PdfmakeDoc, ...a: unknown[]) => unknown;
  PDFDocument.prototype['provideFont'] = function (this: PdfmakeDoc, ...args: unknown[]) {
    const file = this.getFontFile(...args);
    const policy = this.localAccessPolicy;
    const registered = this._registeredFonts;
    if (typeof file === 'string' && registered && !registered[file] && typeof policy === 'function' && policy(resolve(file)) === true) {
      try {
        registered[file] = { src: fontBytes(resolve(file)) };
      } catch {
        // unreadable: pdfkit reads the path itself and reports it as before
      }
    }
    return provideFont.apply(this, args);
  };
}
