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
      out.push({ page: p, y: viewport.height - item.transform[5]!, x: item.transform[4]!, width: item.width, text: item.str, dir: item.dir, fontName: item.fontName });
    }
  }
  await pdf.destroy();
  return out;
}

export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
