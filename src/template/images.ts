/**
 * Images of a template (`<image>` in the markup): PNG or JPEG files inside
 * the template's own folder, read once when the markup is parsed, so that
 * backends never touch the file system for them.
 *
 * Nothing outside the template folder is read: the name must be a plain
 * relative path (no `..`, not absolute, no drive or URL), and the file's real
 * path (symbolic links followed) must still lie inside the folder. The bytes
 * must be what the name says (PNG or JPEG signature, readable size).
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

export interface LoadedImage {
  readonly format: 'png' | 'jpeg';
  readonly bytes: Uint8Array;
  /** Pixels. */
  readonly pixelWidth: number;
  readonly pixelHeight: number;
}

/** Largest image file accepted (an emblem or a signature is far smaller). */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

/** Why an image cannot be used: a message and a hint for the user (the caller adds where). */
export class ImageProblem extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

/** Reads the image `name` of the template folder `dir`. Throws ImageProblem. */
export function loadTemplateImage(dir: string, name: string): LoadedImage {
  const hint = 'put the PNG or JPEG file in the template folder and give its name, e.g. "emblem.png"';
  if (name.trim() === '') throw new ImageProblem('the image has no file name', hint);
  if (isAbsolute(name) || /^[a-z][a-z0-9+.-]*:/i.test(name) || name.split(/[\\/]/).includes('..')) {
    throw new ImageProblem(`image "${name}" is not a file of the template folder`, hint);
  }
  const ext = extname(name).toLowerCase();
  const expected = ext === '.png' ? 'png' : ext === '.jpg' || ext === '.jpeg' ? 'jpeg' : undefined;
  if (!expected) throw new ImageProblem(`image "${name}" is neither PNG nor JPEG`, 'use a .png, .jpg or .jpeg file');
  let real: string;
  let root: string;
  try {
    root = realpathSync(dir);
    real = realpathSync(join(dir, name));
  } catch {
    throw new ImageProblem(`image "${name}" does not exist in the template folder`, hint);
  }
  const rel = relative(root, real);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new ImageProblem(`image "${name}" lies outside the template folder`, hint);
  }
  let bytes: Uint8Array;
  try {
    if (statSync(real).size > MAX_IMAGE_BYTES) throw new ImageProblem(`image "${name}" is larger than 8 MB`, 'use a smaller image');
    bytes = new Uint8Array(readFileSync(real));
  } catch (e) {
    if (e instanceof ImageProblem) throw e;
    throw new ImageProblem(`image "${name}" cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 'check the file and its permissions');
  }
  const size = expected === 'png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size) throw new ImageProblem(`image "${name}" is not a readable ${expected === 'png' ? 'PNG' : 'JPEG'} file`, 'save the image again as PNG or JPEG');
  return { format: expected, bytes, pixelWidth: size.width, pixelHeight: size.height };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

/** Width and height from the IHDR chunk, which must come first. */
export function pngSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 33 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) return undefined;
  if (String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return undefined;
  const width = u32(b, 16);
  const height = u32(b, 20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** Width and height from the first start-of-frame marker. */
export function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = (b[at + 2]! << 8) + b[at + 3]!;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (b[at + 5]! << 8) + b[at + 6]!;
      const width = (b[at + 7]! << 8) + b[at + 8]!;
      return width > 0 && height > 0 ? { width, height } : undefined;
    }
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}
