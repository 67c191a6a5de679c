/**
 * Where templates are and how paths are shown, and the cache of loaded
 * templates: what the up-to-date check needs of templates, without loading
 * Handlebars or the markup parser (src/template/loader.ts loads templates).
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { projectRoot } from '../paths.js';

export function defaultTemplatesDir(): string {
  return join(projectRoot(), 'templates');
}

/** A path as shown to the user: relative to the working folder when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** Loaded templates, by folder (the value is src/template/loader.ts's Template). */
export const templateCache = new Map<string, unknown>();

/** Drops the cached template `name` (the next load reads its files again). */
export function forgetTemplate(name: string, root = defaultTemplatesDir()): void {
  templateCache.delete(resolve(root, name));
}
