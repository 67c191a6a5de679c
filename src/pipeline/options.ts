/** The build's options and results, shared by the pipeline's stages and the CLI. */
import type { DocError } from '../errors.js';
import type { Diagnostic } from '../backends/types.js';
import type { PdfaLevel } from '../backends/pdf/pdfa.js';

export interface BuildOptions {
  /** Output formats (default: every format of the registry). */
  readonly formats?: readonly string[];
  /** Output folder (default `out`). */
  readonly outDir?: string;
  /** Templates folder (default `templates/` of the project). */
  readonly templatesDir?: string;
  /** PDF/A level of the PDF output (default: the backend's, PDF/A-3b). */
  readonly pdfa?: PdfaLevel;
  /** Data folder of `buildAll` when no file is named (default `data`). */
  readonly dataDir?: string;
  /** Rebuild even when the outputs are up to date. */
  readonly force?: boolean;
  /**
   * Only plan: a document with an output to build fails with NeedsBuild, before anything is loaded
   * (the CLI's up-to-date check ahead of its single-file bundle, src/cli/up-to-date.ts).
   */
  readonly probe?: boolean;
}

/** What a probing build (BuildOptions.probe) throws for a document that is not up to date. */
export class NeedsBuild extends Error {
  constructor(readonly input: string) {
    super(`${input} needs building`);
  }
}

export interface BuildOutput {
  readonly format: string;
  readonly file: string;
  readonly bytes: number;
}

export interface BuildResult {
  readonly input: string;
  readonly outputs: readonly BuildOutput[];
  /** The backends' findings (warnings: an error fails the build). */
  readonly diagnostics: readonly Diagnostic[];
  /** Warnings, located in the data file (the data's own and the backends'), as printed. */
  readonly warnings: readonly DocError[];
  /** Outputs that were up to date and not rebuilt. */
  readonly upToDate: readonly BuildOutput[];
  /** Wall-clock milliseconds. */
  readonly ms: number;
}

export interface BuildFailure {
  readonly input: string;
  readonly error: unknown;
}

export interface Skipped {
  readonly file: string;
  readonly reason: string;
}

export interface BuildAllResult {
  readonly results: readonly BuildResult[];
  readonly failures: readonly BuildFailure[];
  /** JSON files of the data folder that are not documents. */
  readonly skipped: readonly Skipped[];
}
