/** Reading our PDFs back the way a browser does: pdf.js (pdfjs-dist). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ExtractedLine {
  readonly page: number;
  /** Baseline y from the page top, points. */
  readonly y: number;
  readonly x: number;
  readonly width: number;
  readonly text: string;
  readonly dir: string;
  readonly fontName: string;
  /** Font size (points). */
  readonly size: number;
  /** pdf.js ends a line after it. */
  readonly eol: boolean;
}

/** Every text item pdf.js finds, page by page, in content-stream order. */
export async function extractItems(bytes: Uint8Array): Promise<ExtractedLine[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: ExtractedLine[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const viewport = page.getViewport({ scale: 1 });
    const tc = await page.getTextContent();
    for (const item of tc.items) {
      if (!('str' in item)) continue;
      if (item.str === '' && !item.hasEOL) continue;
      out.push({ page: p, y: viewport.height - item.transform[5]!, x: item.transform[4]!, width: item.width, text: item.str, dir: item.dir, fontName: item.fontName, size: item.height, eol: item.hasEOL });
    }
  }
  await pdf.destroy();
  return out;
}

/** The items' text as pdf.js's find joins it: one after another, a line end as a space. */
export const joinItems = (items: readonly ExtractedLine[]): string => items.map((i) => i.text + (i.eol ? ' ' : '')).join('');

export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

export interface DrawnGlyph {
  readonly page: number;
  /** BaseFont of the PDF font, with its subset tag. */
  readonly font: string;
  /** The glyph code in the PDF (for our Identity-H fonts: the subset slot). */
  readonly code: number;
  readonly unicode: string;
}

/** Every glyph drawn, page by page, as pdf.js parses it: lines in content-stream order, each line's text objects left to right. */
export async function drawnGlyphs(bytes: Uint8Array): Promise<DrawnGlyph[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0, fontExtraProperties: true }).promise;
  const out: DrawnGlyph[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const ops = await page.getOperatorList();
    let font = '';
    // Text objects (BT … ET) of one baseline drawn one after another (a line: its label, its bidi units), put left to right.
    let line: { x: number; glyphs: DrawnGlyph[] }[] = [];
    let lineY = NaN;
    let part: { x: number; y: number; glyphs: DrawnGlyph[] } | undefined;
    const flush = (): void => {
      for (const q of line.sort((a, b) => a.x - b.x)) out.push(...q.glyphs);
      line = [];
    };
    const close = (): void => {
      if (!part || part.glyphs.length === 0) return;
      if (!(Math.abs(part.y - lineY) < 0.01)) flush();
      lineY = part.y;
      line.push(part);
      part = undefined;
    };
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === pdfjs.OPS.setFont) {
        const loaded = page.commonObjs.get(args[0] as string) as { name?: string };
        font = loaded?.name ?? String(args[0]);
      } else if (fn === pdfjs.OPS.beginText) {
        close();
      } else if (fn === pdfjs.OPS.setTextMatrix) {
        // The first matrix of a text object is where it starts (later ones place a glyph's offset).
        const m = (args.length === 1 ? Array.from(args[0] as ArrayLike<number>) : args) as number[];
        part ??= { x: m[4]!, y: m[5]!, glyphs: [] };
      } else if (fn === pdfjs.OPS.showText) {
        part ??= { x: NaN, y: lineY, glyphs: [] };
        for (const g of args[0] as unknown[]) {
          if (typeof g !== 'object' || g === null) continue;
          const glyph = g as { originalCharCode: number; unicode: string };
          part.glyphs.push({ page: p, font, code: glyph.originalCharCode, unicode: glyph.unicode });
        }
      }
    }
    close();
    flush();
  }
  await pdf.destroy();
  return out;
}

/** The subset tag pdfkit puts before a font's name, derived from its resource id. */
export function subsetTag(id: string): string {
  return [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((id.charCodeAt(i) || 73) + 17)).join('');
}
