/**
 * The text of a PDF's body as the common viewers copy and search it:
 * pdf.js (Firefox), PDFium (Chrome, Edge), poppler's pdftotext (Evince,
 * Okular) and MuPDF (`mutool draw -F stext.json`, the structured text behind
 * `-F txt`). Only what lies between the page's top and bottom margins is
 * read, so running headers and footers stay aside. poppler and MuPDF are
 * Debian packages (poppler-utils, mupdf-tools): `undefined` when absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfiumBodyPages } from './pdfium.js';

export type Extractor = 'pdf.js' | 'PDFium' | 'poppler' | 'MuPDF';
export const EXTRACTORS: readonly Extractor[] = ['pdf.js', 'PDFium', 'poppler', 'MuPDF'];

/** The body band of every page: points from the page top. */
export interface Band {
  readonly top: number;
  readonly bottom: number;
}

const has = (tool: string): boolean => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined;
export const hasPoppler = has('pdftotext');
export const hasMupdf = has('mutool');

/** Firefox's find text: getTextContent items in order, a newline after each that ends a line (as PDFFindController joins them). */
async function pdfjsBody(bytes: Uint8Array, band: Band): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  let out = '';
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const height = page.getViewport({ scale: 1 }).height;
    const tc = await page.getTextContent({ disableNormalization: true });
    for (const it of tc.items) {
      if (!('str' in it)) continue;
      const y = height - it.transform[5]!;
      if (y < band.top || y > band.bottom) continue;
      out += it.str + (it.hasEOL ? '\n' : '');
    }
    out += '\n';
  }
  await pdf.destroy();
  return out;
}

function popplerBody(file: string, band: Band, width: number): string {
  const y = Math.floor(band.top);
  const h = Math.ceil(band.bottom) - y;
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-x', '0', '-y', String(y), '-W', String(Math.ceil(width)), '-H', String(h), file, '-'], { encoding: 'utf8' });
}

interface StextLine { y: number; text: string }
interface StextPage { blocks: { lines?: StextLine[] }[] }

/** MuPDF's structured text (what `-F txt` prints), line by line, baselines in the band. */
function mupdfBody(file: string, band: Band): string {
  const json = execFileSync('mutool', ['draw', '-q', '-F', 'stext.json', '-o', '-', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const { pages } = JSON.parse(json) as { pages: StextPage[] };
  let out = '';
  for (const page of pages) {
    for (const b of page.blocks) for (const l of b.lines ?? []) if (l.y >= band.top && l.y <= band.bottom) out += `${l.text}\n`;
    out += '\n';
  }
  return out;
}

/** The body text of `bytes` as each extractor gives it (undefined: the tool is not installed). */
export async function readBack(bytes: Uint8Array, band: Band, pageWidth: number): Promise<Record<Extractor, string | undefined>> {
  const dir = mkdtempSync(join(tmpdir(), 'oic-extract-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, bytes);
  try {
    return {
      'pdf.js': await pdfjsBody(bytes, band),
      PDFium: (await pdfiumBodyPages(bytes, band)).join('\n'),
      poppler: hasPoppler ? popplerBody(file, band, pageWidth) : undefined,
      MuPDF: hasMupdf ? mupdfBody(file, band) : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Text as a search box compares it: bidi and isolate controls dropped (no
 * viewer shows them), whitespace collapsed, no space after a hyphen that
 * ended a line (`ناغورني-` / `كاراباخ`).
 */
export function normalize(s: string): string {
  return s
    .replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/- /g, '-')
    .trim();
}

/** Also diacritics and tatweel dropped: what Firefox's and Chrome's find match by default. */
export const withoutMarks = (s: string): string => normalize(s.replace(/[\p{Mn}\u0640]/gu, ''));

/** A source's distinct words: split on whitespace, surrounding punctuation and symbols stripped. */
export function distinctWords(paragraphs: readonly string[]): string[] {
  const words = new Set<string>();
  for (const p of paragraphs) {
    // Typed in a search box: without the invisible characters text pasted from Word may hold.
    for (const w of normalize(p.replace(/\p{Cf}/gu, '')).split(' ')) {
      const core = w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
      if (core) words.add(core);
    }
  }
  return [...words];
}

export interface Measure {
  /** % of paragraphs found verbatim (normalized) in the extraction. */
  readonly paragraphsPct: number;
  /** % of distinct words a search finds, diacritics matched. */
  readonly wordsPct: number;
  /** % of distinct words a search finds with diacritics ignored (the viewers' default). */
  readonly wordsNoMarksPct: number;
  readonly missedParagraphs: readonly string[];
  readonly missedWords: readonly string[];
  /** U+200B in the extraction (none in a good PDF). */
  readonly zeroWidthSpaces: number;
}

const pct = (n: number, of: number): number => (of === 0 ? 100 : Math.round((1000 * n) / of) / 10);

/**
 * `paragraphs`: the body paragraphs as printed (a footnote's number in its place, as every viewer
 * copies it); `typed`: the same as the data has them (no footnote numbers), for the words a search
 * must find. Without `typed`, both are `paragraphs`.
 */
export function measure(text: string, paragraphs: readonly string[], typed: readonly string[] = paragraphs): Measure {
  const hay = normalize(text);
  const hayBare = withoutMarks(text);
  const missedParagraphs = paragraphs.filter((p) => !hay.includes(normalize(p)));
  const words = distinctWords(typed);
  const missedWords = words.filter((w) => !hay.includes(w));
  const missedBare = words.filter((w) => !hayBare.includes(withoutMarks(w)));
  return {
    paragraphsPct: pct(paragraphs.length - missedParagraphs.length, paragraphs.length),
    wordsPct: pct(words.length - missedWords.length, words.length),
    wordsNoMarksPct: pct(words.length - missedBare.length, words.length),
    missedParagraphs,
    missedWords,
    zeroWidthSpaces: [...text].filter((c) => c === '\u200b').length,
  };
}
