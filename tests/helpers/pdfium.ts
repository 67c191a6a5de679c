/**
 * Reading our PDFs back the way Chrome and Edge do: PDFium (the WebAssembly
 * build in @embedpdf/pdfium). `FPDFText_GetText` over a page's whole
 * character range is what select-all + copy gives, and what the viewer's
 * find searches.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The few PDFium calls we use (the package's own types need Emscripten's). */
interface Pdfium {
  pdfium: { wasmExports: { malloc(n: number): number; free(p: number): void }; HEAPU8: Uint8Array; UTF16ToString(ptr: number, maxBytes?: number): string };
  PDFiumExt_Init(): void;
  FPDF_LoadMemDocument(data: number, size: number, password: string): number;
  FPDF_GetPageCount(doc: number): number;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_CloseDocument(doc: number): void;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(text: number): void;
  FPDFText_CountChars(text: number): number;
  FPDFText_GetText(text: number, start: number, count: number, buffer: number): number;
  FPDFText_GetBoundedText(text: number, left: number, top: number, right: number, bottom: number, buffer: number, length: number): number;
  FPDF_GetPageWidthF(page: number): number;
  FPDF_GetPageHeightF(page: number): number;
}

let loaded: Promise<Pdfium> | undefined;

function pdfium(): Promise<Pdfium> {
  loaded ??= (async () => {
    const { init } = (await import('@embedpdf/pdfium')) as unknown as { init(o: Record<string, unknown>): Promise<Pdfium> };
    const wasmBinary = readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm'));
    const p = await init({ wasmBinary, print: () => {}, printErr: () => {} });
    p.PDFiumExt_Init();
    return p;
  })();
  return loaded;
}

/** The text of every page as PDFium gives it (lines end with CR LF). */
export function pdfiumPages(bytes: Uint8Array): Promise<string[]> {
  return pages(bytes, undefined);
}

/** The text between `band.top` and `band.bottom` (points from the page top) of every page. */
export function pdfiumBodyPages(bytes: Uint8Array, band: { top: number; bottom: number }): Promise<string[]> {
  return pages(bytes, band);
}

async function pages(bytes: Uint8Array, band: { top: number; bottom: number } | undefined): Promise<string[]> {
  const P = await pdfium();
  const M = P.pdfium;
  const data = M.wasmExports.malloc(bytes.length);
  M.HEAPU8.set(bytes, data);
  const doc = P.FPDF_LoadMemDocument(data, bytes.length, '');
  if (!doc) {
    M.wasmExports.free(data);
    throw new Error('PDFium cannot open the PDF');
  }
  const out: string[] = [];
  try {
    const count = P.FPDF_GetPageCount(doc);
    for (let i = 0; i < count; i++) {
      const page = P.FPDF_LoadPage(doc, i);
      const text = P.FPDFText_LoadPage(page);
      const n = P.FPDFText_CountChars(text);
      const buf = M.wasmExports.malloc((n + 1) * 4 + 2);
      if (band) {
        // PDF user space: y up from the page bottom.
        const w = P.FPDF_GetPageWidthF(page);
        const h = P.FPDF_GetPageHeightF(page);
        const written = P.FPDFText_GetBoundedText(text, 0, h - band.top, w, h - band.bottom, buf, (n + 1) * 2);
        out.push(written > 0 ? M.UTF16ToString(buf, written * 2) : '');
      } else {
        const written = n > 0 ? P.FPDFText_GetText(text, 0, n, buf) : 0;
        out.push(written > 1 ? M.UTF16ToString(buf, (written - 1) * 2) : '');
      }
      M.wasmExports.free(buf);
      P.FPDFText_ClosePage(text);
      P.FPDF_ClosePage(page);
    }
  } finally {
    P.FPDF_CloseDocument(doc);
    M.wasmExports.free(data);
  }
  return out;
}
