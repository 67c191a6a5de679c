import { DocError } from '../errors.js';
import type { Backend } from './types.js';

/**
 * The registry of backends. Each is loaded on first use only, so a PDF-only
 * build never loads the DOCX library (and vice versa).
 */
const loaders = {
  pdf: async (): Promise<Backend> => (await import('./pdf/index.js')).pdfBackend,
  docx: async (): Promise<Backend> => (await import('./docx/index.js')).docxBackend,
} as const satisfies Record<string, () => Promise<Backend>>;

export type FormatName = keyof typeof loaders;
export const FORMATS = Object.keys(loaders) as FormatName[];

/** The file extension of each format, known without loading its backend (the up-to-date check needs only this). */
export const EXTENSIONS: Readonly<Record<FormatName, string>> = { pdf: 'pdf', docx: 'docx' };

export function isFormat(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(loaders, name);
}

const cache = new Map<FormatName, Promise<Backend>>();

export function getBackend(name: string): Promise<Backend> {
  if (!isFormat(name)) {
    throw new DocError('UNKNOWN_FORMAT', `unknown format "${name}"`, {
      hint: `valid formats are: ${FORMATS.join(', ')}`,
    });
  }
  let b = cache.get(name);
  if (!b) {
    b = loaders[name]();
    cache.set(name, b);
  }
  return b;
}
