/**
 * The build plan of one document: which formats are up to date (their
 * output present and made from the same inputs, per the manifest of
 * src/incremental.ts) and which must be built; then the manifest recorded
 * after the outputs are written.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EXTENSIONS, type FormatName } from '../backends/registry.js';
import { forgetTemplate } from '../template/place.js';
import {
  dropManifest, fingerprint, isUpToDate, manifestPath, readManifest, writeManifest,
  type Fingerprint, type Manifest, type ManifestEntry,
} from '../incremental.js';
import type { BuildOutput } from './options.js';

export interface Plan {
  readonly stem: string;
  /** Up-to-date outputs, not rebuilt. */
  readonly upToDate: readonly BuildOutput[];
  /** Formats to build. */
  readonly todo: readonly FormatName[];
  /** The template the data names and its folder's hash, as fingerprinted (undefined: no fingerprint). */
  readonly template?: { readonly name: string; readonly sha256: string };
  /** Removes the manifest before outputs are replaced. */
  readonly beforeWrite: () => Promise<void>;
  /** Records the manifest of the outputs just written, when the data did not change meanwhile. */
  readonly recordOutputs: (outputs: readonly BuildOutput[], builtFrom: Uint8Array) => Promise<void>;
}

/** The output file of a format. */
export function outputFile(outDir: string, stem: string, format: FormatName): string {
  return join(outDir, `${stem}.${EXTENSIONS[format]}`);
}

/** Template folder fingerprints as loaded in this process (key: templates folder + name). */
const loadedTemplates = new Map<string, string>();

/** A template whose files changed since it was loaded in this process is loaded again. */
function refreshTemplate(print: Fingerprint, templatesDir: string): void {
  const key = `${resolve(templatesDir)}\0${print.template}`;
  if (loadedTemplates.get(key) !== print.templateHash) {
    if (loadedTemplates.has(key)) forgetTemplate(print.template, templatesDir);
    loadedTemplates.set(key, print.templateHash);
  }
}

export async function planBuild(file: string, formats: readonly FormatName[], o: {
  outDir: string; templatesDir: string; settings: string; force: boolean;
}): Promise<Plan> {
  const stem = basename(file).replace(/\.json$/i, '');
  // Unreadable data is left to the input stage to report.
  let dataBytes: Uint8Array | undefined;
  try {
    dataBytes = readFileSync(file);
  } catch {
    dataBytes = undefined;
  }
  const print = dataBytes ? await fingerprint(dataBytes, o.templatesDir, o.settings) : undefined;
  if (print) refreshTemplate(print, o.templatesDir);
  const manifestFile = manifestPath(o.outDir, stem);
  const manifest: Manifest | undefined = print ? await readManifest(manifestFile) : undefined;
  const upToDate: BuildOutput[] = [];
  const kept: Record<string, ManifestEntry> = {};
  const todo: FormatName[] = [];
  for (const format of formats) {
    const out = outputFile(o.outDir, stem, format);
    const entry = manifest?.formats[format];
    if (print && !o.force && entry && (await isUpToDate(entry, print.hash(format), out))) {
      upToDate.push({ format, file: out, bytes: entry.bytes });
      kept[format] = entry;
    } else todo.push(format);
  }
  return {
    stem, upToDate, todo,
    ...(print ? { template: { name: print.template, sha256: print.templateHash } } : {}),
    // The manifest goes first and comes back last: a crash in between leaves none (a rebuild), never a stale one.
    beforeWrite: async () => {
      if (manifest) await dropManifest(manifestFile);
    },
    // The manifest records the inputs the data was read with: if the data file changed while
    // building (a save in watch mode), its hash differs and the next build runs again.
    recordOutputs: async (outputs, builtFrom) => {
      if (!print || !dataBytes || !Buffer.from(builtFrom).equals(Buffer.from(dataBytes))) return;
      // Entries of formats not rebuilt now (up to date, or not asked for) stay: each records its own hash.
      const entries: Record<string, ManifestEntry> = { ...manifest?.formats, ...kept };
      for (const out of outputs) entries[out.format] = { hash: print.hash(out.format), file: out.file, bytes: out.bytes };
      await writeManifest(manifestFile, { version: 1, input: file, formats: entries });
    },
  };
}
