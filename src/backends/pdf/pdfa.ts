/**
 * The PDF/A levels the PDF backend can write (`build --pdfa LEVEL`), owned
 * here so that the CLI, the pipeline and the backend agree on one list.
 */
export const PDFA_LEVELS = ['none', '2b', '3b'] as const;
export type PdfaLevel = (typeof PDFA_LEVELS)[number];
export const isPdfa = (s: string): s is PdfaLevel => (PDFA_LEVELS as readonly string[]).includes(s);
/** The PDF backend's own options (RenderOptions.pdf). */
export interface PdfOptions {
  readonly pdfa?: PdfaLevel;
}

/** PDF/A level when the caller names none. */
export const DEFAULT_PDFA: PdfaLevel = '3b';
