/**
 * The pipeline: data file → checks → document model → every format → files.
 * This module is its public face; each job lives in its own module:
 *
 *   src/input/      reading (system errors in words), encoding (UTF-8 only),
 *                   JSON syntax errors at the mistake, locating data messages
 *                   (line, column, "paragraph 5"), checks and the model,
 *                   which files of data/ are documents
 *   src/pipeline/plan.ts   the build plan: up-to-date check, manifest (src/incremental.ts)
 *   src/pipeline/build.ts  rendering every format in memory through the backend registry
 *   src/pipeline/write.ts  atomic writes (temp file + rename; nothing written on failure)
 *   src/cli/report.ts      how build, watch and extract print results and problems
 */
export { buildAll, buildFile, checkFormats } from './pipeline/build.js';
export type { BuildAllResult, BuildFailure, BuildOptions, BuildOutput, BuildResult, Skipped } from './pipeline/options.js';
export { dataFiles, dataFolder, loadDocument, notADocument, renderModel, type LoadedDocument } from './input/document.js';
export { jsonSyntaxError, parseJson } from './input/json.js';
