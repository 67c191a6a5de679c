/**
 * Deterministic bytes. The docx library stamps the current time in core.xml,
 * draws a random key for every embedded font (so the obfuscated `.odttf`
 * bytes change too), and its zip stamps entry dates. This re-packs its output:
 *
 * - sections of a right-to-left document get `w:bidi`, and numbering loses
 *   the library's unused bullet list (see below);
 * - core.xml is written anew from the document's metadata, with
 *   dcterms:created / modified from the document's date;
 * - each font's key is derived from a hash of the font file itself, and the
 *   `.odttf` part is re-obfuscated with it;
 * - the zip is rebuilt (zip.ts, node:zlib only — no runtime dependency):
 *   `[Content_Types].xml` and `_rels/.rels` first, then every part in name
 *   order, each with the same fixed date and no extra fields;
 * - with `base`, the merge base `import` needs (src/import/base.ts): an
 *   unbound custom XML part with the source data, its hash, the template's
 *   name and hash, the generator, and one entry per field marker.
 */
import { xmlEscape } from '../../xml.js';
import { createHash } from 'node:crypto';
import { addDraftBase } from '../../import/base.js';
import type { BaseInfo } from '../../import/base.js';
import { fontForPlaceholder } from './fonts.js';
import { stableDrawingIds, stableRelationshipIds } from './relids.js';
import { readZip, writeZip } from './zip.js';

export interface CoreProperties {
  readonly title: string;
  readonly subject?: string;
  readonly creator?: string;
  readonly keywords?: string;
  readonly description?: string;
  readonly language?: string;
  /** ISO 8601 date-time, e.g. `2018-09-24T00:00:00Z`. */
  readonly date: string;
}


export function coreXml(p: CoreProperties): string {
  const el = (name: string, value: string | undefined): string =>
    value === undefined || value === '' ? '' : `<${name}>${xmlEscape(value)}</${name}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', p.title) +
    el('dc:subject', p.subject) +
    el('dc:creator', p.creator) +
    el('cp:keywords', p.keywords) +
    el('dc:description', p.description) +
    el('cp:lastModifiedBy', p.creator) +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${xmlEscape(p.date)}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${xmlEscape(p.date)}</dcterms:modified>` +
    el('dc:language', p.language) +
    '</cp:coreProperties>'
  );
}

/** The 16 key bytes of a `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` font key, in the order ECMA-376 XORs them. */
function keyBytes(guid: string): number[] {
  const hex = guid.replace(/[{}-]/g, '');
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) throw new Error(`bad font key ${guid}`);
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return bytes.reverse();
}

/** XOR the first 32 bytes with the key (ECMA-376 Part 1, 17.8.1): its own inverse. */
export function obfuscateFont(data: Uint8Array, guid: string): Uint8Array {
  const key = keyBytes(guid);
  const out = new Uint8Array(data);
  for (let i = 0; i < 32 && i < out.length; i++) out[i] = out[i]! ^ key[i % 16]!;
  return out;
}

/** A GUID derived from the font's own bytes, so the same font always gets the same key. */
export function fontKeyFor(font: Uint8Array): string {
  const h = createHash('sha256').update('docx-font-key\0').update(font).digest('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

/** A font file's key and obfuscated part, once per font buffer (the font files are read once per process: fonts.ts). */
const keyed = new WeakMap<Uint8Array, { key: string; part: Uint8Array }>();
function keyedFont(font: Uint8Array): { key: string; part: Uint8Array } {
  let k = keyed.get(font);
  if (!k) {
    const key = fontKeyFor(font);
    k = { key, part: obfuscateFont(font, key) };
    keyed.set(font, k);
  }
  return k;
}

function attrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** Re-key every embedded font of the package (font table and `.odttf` parts). */
function rekeyFonts(files: Map<string, Uint8Array>): void {
  const tablePath = 'word/fontTable.xml';
  const relsPath = 'word/_rels/fontTable.xml.rels';
  const table = files.get(tablePath);
  const rels = files.get(relsPath);
  if (!table || !rels) return;
  const targets = new Map<string, string>();
  for (const m of new TextDecoder().decode(rels).matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id !== undefined && target !== undefined) targets.set(id, `word/${target.replace(/^\.\//, '')}`);
  }
  const xml = new TextDecoder().decode(table).replace(/<w:embed(?:Regular|Bold|Italic|BoldItalic)\b[^>]*\/>/g, (tag) => {
    const a = attrs(tag);
    const id = a.get('r:id');
    const oldKey = a.get('w:fontKey');
    if (id === undefined || oldKey === undefined) return tag;
    const path = targets.get(id);
    const part = path === undefined ? undefined : files.get(path);
    if (path === undefined || part === undefined) return tag;
    const stored = obfuscateFont(part, oldKey);
    const { key: newKey, part: obfuscated } = keyedFont(fontForPlaceholder(stored) ?? stored);
    files.set(path, obfuscated);
    return tag.replace(`w:fontKey="${oldKey}"`, `w:fontKey="${newKey}"`);
  });
  files.set(tablePath, new TextEncoder().encode(xml));
}

/**
 * Numbering as written here, without the docx library's leftovers: it marks
 * every list level `w:tentative` (a level nobody has used yet; these are
 * used), and always adds a bullet list (numId 1) that nothing here uses.
 */
function tidyNumbering(files: Map<string, Uint8Array>): void {
  const part = files.get('word/numbering.xml');
  if (!part) return;
  let xml = new TextDecoder().decode(part).replace(/ w:tentative="(?:1|true|on)"/g, '');
  const usesNum1 = [...files.entries()].some(
    ([name, data]) => name.startsWith('word/') && name.endsWith('.xml') && name !== 'word/numbering.xml' &&
      /<w:numId w:val="1"\/>/.test(new TextDecoder().decode(data)),
  );
  const num1 = /<w:num w:numId="1"><w:abstractNumId w:val="(\d+)"\/>.*?<\/w:num>/s.exec(xml);
  if (!usesNum1 && num1) {
    const abstractId = num1[1]!;
    const others = [...xml.matchAll(/<w:abstractNumId w:val="(\d+)"\/>/g)].filter((m) => m[1] === abstractId).length;
    xml = xml.replace(num1[0], '');
    if (others === 1) {
      xml = xml.replace(new RegExp(`<w:abstractNum\\b[^>]*w:abstractNumId="${abstractId}"[^>]*>.*?</w:abstractNum>`, 's'), '');
    }
  }
  files.set('word/numbering.xml', new TextEncoder().encode(xml));
}

/**
 * Right-to-left sections (`w:sectPr/w:bidi`, Word's "Section direction:
 * right-to-left"), which the docx library cannot write. In CT_SectPr order
 * it comes just before `w:docGrid`.
 */
function rtlSections(files: Map<string, Uint8Array>): void {
  const part = files.get('word/document.xml');
  if (!part) return;
  const xml = new TextDecoder().decode(part).replace(/<w:sectPr\b[^>]*>.*?<\/w:sectPr>/gs, (sect) => {
    if (/<w:bidi\b/.test(sect)) return sect;
    return /<w:docGrid\b/.test(sect) ? sect.replace(/<w:docGrid\b/, '<w:bidi/><w:docGrid') : sect.replace('</w:sectPr>', '<w:bidi/></w:sectPr>');
  });
  files.set('word/document.xml', new TextEncoder().encode(xml));
}

/**
 * Footnotes as the document numbers them: each section's `w:footnotePr`
 * (first in CT_SectPr after the header and footer references) gives Word's
 * number format (`hindiNumbers`: ١ ٢ ٣), and in a right-to-left document
 * the separator paragraphs of footnotes.xml are right to left (`w:bidi`),
 * which puts the short separator rule at the right margin.
 */
function footnoteSettings(files: Map<string, Uint8Array>, numFmt: string | undefined, rtl: boolean): void {
  const doc = files.get('word/document.xml');
  if (doc && numFmt !== undefined) {
    const pr = `<w:footnotePr><w:numFmt w:val="${xmlEscape(numFmt)}"/></w:footnotePr>`;
    const xml = new TextDecoder().decode(doc).replace(/(<w:sectPr\b[^>]*>)((?:<w:(?:headerReference|footerReference)\b[^>]*\/>)*)/g, `$1$2${pr}`);
    files.set('word/document.xml', new TextEncoder().encode(xml));
  }
  const notes = files.get('word/footnotes.xml');
  if (notes) {
    // The docx library gives the separators a footnote number mark (w:footnoteRef) too: Word draws none there.
    const xml = new TextDecoder().decode(notes).replace(/<w:footnote w:type="(?:separator|continuationSeparator)"[^>]*>.*?<\/w:footnote>/gs, (note) => {
      const bare = note.replace(/<w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteRef\/><\/w:r>/g, '');
      return rtl ? bare.replace(/<w:pPr>(?!<w:bidi\/>)/g, '<w:pPr><w:bidi/>') : bare;
    });
    files.set('word/footnotes.xml', new TextEncoder().encode(xml));
  }
}

const FIRST = ['[Content_Types].xml', '_rels/.rels'];

/** The order parts are written in: content types and package relationships first, then by name. */
export function partOrder(names: Iterable<string>): string[] {
  const all = [...names];
  const rest = all.filter((n) => !FIRST.includes(n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...FIRST.filter((n) => all.includes(n)), ...rest];
}

/**
 * The docx library's package, made deterministic: same parts, fixed core
 * properties, font keys from the fonts, and a zip with fixed dates and order.
 */
export interface RepackOptions {
  /** Mark every section right to left (`w:sectPr/w:bidi`). */
  readonly rtlSections?: boolean;
  /** Word's number format of the footnotes (`decimal`, `hindiNumbers`…), when the document has any. */
  readonly footnoteFormat?: string;
  /** Embed the merge base of the round trip with Word (the data the draft was made from). */
  readonly base?: BaseInfo;
}

export function repack(docx: Uint8Array, core: CoreProperties, zipDate: Date, options: RepackOptions = {}): Uint8Array {
  return repackParts(new Map(readZip(docx).map((e) => [e.name, e.data])), core, zipDate, options);
}

/** The same, from the package's parts by name (changed in place). */
export function repackParts(files: Map<string, Uint8Array>, core: CoreProperties, zipDate: Date, options: RepackOptions = {}): Uint8Array {
  rekeyFonts(files);
  stableRelationshipIds(files);
  stableDrawingIds(files);
  tidyNumbering(files);
  if (options.rtlSections) rtlSections(files);
  footnoteSettings(files, options.footnoteFormat, options.rtlSections === true);
  files.set('docProps/core.xml', new TextEncoder().encode(coreXml(core)));
  if (options.base) addDraftBase(files, options.base);
  return writeZip(partOrder(files.keys()).map((name) => ({ name, data: files.get(name)! })), zipDate);
}
