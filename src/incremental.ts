/**
 * Incremental builds: a fingerprint (SHA-256) of everything an output depends
 * on, and a cache manifest per document, `<out>/.cache/<name>.json`, written
 * atomically after the outputs.
 *
 * The inputs of a document: the data file's bytes, every file of its template
 * folder, fonts/fonts.json and every font file it names, the project version
 * (package.json), the bundle's build id, SOURCE_DATE_EPOCH, the build settings
 * that change bytes (e.g. the PDF/A level) and the format.
 * Anything that cannot be fingerprinted (bad JSON, unknown template, missing
 * font) gives no fingerprint: the document is built, and reports its error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { projectRoot } from './paths.js';
import { loadFontConfig } from './text/fonts.js';

declare const __OIC_BUILD_ID__: string | undefined;

/** The bundle's build id (set by scripts/bundle.mjs); `dev` when run from source. */
export const BUILD_ID: string = typeof __OIC_BUILD_ID__ === 'string' ? __OIC_BUILD_ID__ : 'dev';

let version: string | undefined;
/** The project's version (package.json), read once. */
export function projectVersion(): string {
  if (version === undefined) {
    try {
      version = String((JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version ?? '');
    } catch {
      version = '';
    }
  }
  return version;
}

const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** Font files are large and rarely change: hashed once per (path, size, mtime) per process. */
const fontHashes = new Map<string, { key: string; hash: string }>();
function fontFileHash(path: string): string {
  const s = statSync(path);
  const key = `${s.size}:${s.mtimeMs}`;
  const hit = fontHashes.get(path);
  if (hit && hit.key === key) return hit.hash;
  const hash = sha(readFileSync(path));
  fontHashes.set(path, { key, hash });
  return hash;
}

/** SHA-256 of fonts/fonts.json and every font file it names; undefined when the config is unusable. */
export function fontsFingerprint(): string | undefined {
  try {
    const config = loadFontConfig();
    const h = createHash('sha256');
    h.update(readFileSync(config.configFile));
    const files = new Set<string>();
    for (const fam of Object.values(config.families)) for (const f of Object.values(fam)) if (f) files.add(f);
    for (const f of [...files].sort()) h.update(`\0${f}\0${fontFileHash(f)}`);
    return h.digest('hex');
  } catch {
    return undefined;
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/**
 * SHA-256 of every file (relative name and bytes) of a template folder; undefined when it is missing.
 * The small files of the build's checks are read synchronously: each asynchronous call is a trip
 * through the thread pool, and a warm rebuild waited about 5 ms on them for nothing.
 */
export async function templateFingerprint(dir: string): Promise<string | undefined> {
  try {
    const h = createHash('sha256');
    for (const f of listFiles(dir)) {
      h.update(`\0${relative(dir, f)}\0`);
      h.update(sha(readFileSync(f)));
    }
    return h.digest('hex');
  } catch {
    return undefined;
  }
}

/** The template a data file names, without validating anything else; undefined when unreadable. */
export function templateNameOf(bytes: Uint8Array): string | undefined {
  try {
    let text = new TextDecoder().decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const name = (JSON.parse(text) as Record<string, unknown>)?.['template'];
    return typeof name === 'string' && /^[^/\\]+$/.test(name) && name !== '.' && name !== '..' ? name : undefined;
  } catch {
    return undefined;
  }
}

export interface Fingerprint {
  /** The template's name and its folder's fingerprint (used to drop stale cached templates). */
  readonly template: string;
  readonly templateHash: string;
  /** Per-format input hashes. */
  hash(format: string): string;
}

/** The fingerprint of a document's inputs, or undefined when the build must run anyway (it will report the error). */
export async function fingerprint(bytes: Uint8Array, templatesDir: string, settings = ''): Promise<Fingerprint | undefined> {
  const template = templateNameOf(bytes);
  if (template === undefined) return undefined;
  const templateHash = await templateFingerprint(resolve(templatesDir, template));
  if (templateHash === undefined) return undefined;
  const fonts = fontsFingerprint();
  if (fonts === undefined) return undefined;
  const base = [
    'oic-docs-cache/1', projectVersion(), BUILD_ID, process.env['SOURCE_DATE_EPOCH'] ?? '',
    settings, sha(bytes), template, templateHash, fonts,
  ].join('\0');
  return { template, templateHash, hash: (format) => sha(`${base}\0${format}`) };
}

// -------------------------------------------------------------- manifest

export interface ManifestEntry {
  readonly hash: string;
  readonly file: string;
  readonly bytes: number;
}

export interface Manifest {
  readonly version: 1;
  readonly input: string;
  readonly formats: Record<string, ManifestEntry>;
}

export function manifestPath(outDir: string, stem: string): string {
  return join(outDir, '.cache', `${stem}.json`);
}

export async function readManifest(path: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m && m.version === 1 && typeof m.formats === 'object' && m.formats !== null ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Is this format's output present, of the recorded size, and made from the same inputs? */
export async function isUpToDate(entry: ManifestEntry | undefined, hash: string, file: string): Promise<boolean> {
  if (!entry || entry.hash !== hash || entry.file !== file) return false;
  try {
    const s = statSync(file);
    return s.isFile() && s.size === entry.bytes;
  } catch {
    return false;
  }
}

/** Writes the manifest through a temp file in its folder and a rename. Failures only cost a rebuild next time. */
export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  const dir = join(path, '..');
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, JSON.stringify(manifest, null, 2) + '\n');
    renameSync(tmp, path);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing written
    }
  }
}

/** Removes a manifest (before outputs are replaced, so a crash between the two never leaves a lying manifest). */
export async function dropManifest(path: string): Promise<void> {
  try {
    unlinkSync(path);
  } catch {
    // none there
  }
}
