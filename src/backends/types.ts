import type { DocumentModel, SourceRef } from '../model/index.js';
import type { PdfOptions } from './pdf/pdfa.js';

/** A non-fatal finding of a backend: never a silent drop. */
export interface Diagnostic {
  readonly severity: 'warning' | 'error';
  readonly code: string;
  readonly message: string;
  readonly source?: SourceRef;
}

export interface RenderOptions {
  /** The bytes of the data file the document was made from (the PDF embeds them). */
  readonly sourceData?: Uint8Array;
  readonly sourceName?: string;
  /** Each backend's own options, under its name (declared by the backend). */
  readonly pdf?: PdfOptions;
  /** The templates folder the document was made with (the Word draft records its template's hash). */
  readonly templatesDir?: string;
  /** The template's name and its folder's hash when the build has them already (the plan's fingerprint). */
  readonly template?: { readonly name: string; readonly sha256: string };
}

export interface RenderResult {
  readonly bytes: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
}

/** One output format. */
export interface Backend {
  readonly name: string;
  /** File extension, without the dot. */
  readonly extension: string;
  render(doc: DocumentModel, options: RenderOptions): Promise<RenderResult>;
}
