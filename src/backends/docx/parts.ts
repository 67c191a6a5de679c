/**
 * The docx library's package as its parts by name, without its zip: the
 * library's own compiler (what `Packer` zips) gives them, and package.ts
 * writes the one zip of the build. Zipping them here (fflate deflates every
 * part) only for package.ts to inflate them again cost a third of a warm
 * DOCX rebuild. When the library has no such compiler (another version),
 * its zip is read back as before: the same parts either way.
 */
import { type File, Packer } from 'docx';
import { readZip } from './zip.js';

type Compiled = Map<string, string | Uint8Array | ArrayBuffer | ArrayBufferView>;
interface CompilerLike { compile(file: File, prettify?: string, overrides?: readonly unknown[]): Compiled }

const encoder = new TextEncoder();

/** A part's bytes as the library's zip stores them (strings as UTF-8). */
function bytesOf(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (typeof data === 'string') return encoder.encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

export async function packageParts(document: File): Promise<Map<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: CompilerLike }).compiler;
  if (compiler && typeof compiler.compile === 'function') {
    const parts = new Map<string, Uint8Array>();
    for (const [path, data] of compiler.compile(document)) parts.set(path, bytesOf(data));
    return parts;
  }
  return new Map(readZip(new Uint8Array(await Packer.toBuffer(document))).map((e) => [e.name, e.data]));
}
