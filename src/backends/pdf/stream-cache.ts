/**
 * Deflated streams kept from one document to the next, by content. pdfkit
 * deflates every stream it writes (each page's content, each font subset,
 * ToUnicode maps, the ICC profile, the attached data) as the document ends;
 * a rebuild after a one-word edit writes almost all of them with the same
 * bytes. zlib's output depends only on its input (pdfkit's default options),
 * so a stream whose bytes were deflated before is given the same deflated
 * bytes again: same PDF, no deflate. Inputs are compared byte for byte (no
 * hash), the cache is bounded.
 */
import { deflateSync } from 'node:zlib';
import { longLived } from '../../process-mode.js';

interface ReferenceLike {
  compress: boolean;
  buffer: Uint8Array[] | Uint8Array;
  document: { _security?: unknown };
  finalize(): void;
}

interface Entry { readonly input: Buffer; readonly output: Buffer }
/** Entries by input length (streams of different lengths never compare their bytes). */
const byLength = new Map<number, Entry[]>();
const order: Entry[] = [];
let kept = 0;
const BYTES_KEPT = 48 * 1024 * 1024;
/** Streams smaller than this are deflated directly: looking them up would cost about as much. */
const SMALL = 256;

function deflated(input: Buffer): Buffer {
  // A process that builds once (the CLI's build) has no later build to serve: the same deflate, nothing kept.
  if (!longLived()) return deflateSync(input);
  const list = byLength.get(input.length);
  if (list) for (const e of list) if (e.input.equals(input)) return e.output;
  const entry: Entry = { input, output: deflateSync(input) };
  if (list) list.push(entry);
  else byLength.set(input.length, [entry]);
  order.push(entry);
  kept += input.length + entry.output.length;
  while (kept > BYTES_KEPT && order.length > 1) {
    const old = order.shift()!;
    const same = byLength.get(old.input.length)!;
    same.splice(same.indexOf(old), 1);
    if (same.length === 0) byLength.delete(old.input.length);
    kept -= old.input.length + old.output.length;
  }
  return entry.output;
}

/** How many deflated streams are kept; and forgetting them all (tests: a build with nothing cached). */
export const cachedStreams = (): number => order.length;
export function forgetStreams(): void {
  byLength.clear();
  order.length = 0;
  kept = 0;
}

const patched = new WeakSet<object>();

/**
 * Wraps pdfkit's PDFReference.finalize (its prototype, reached through any
 * reference of a document) so that a stream to compress is deflated through
 * the cache; pdfkit then writes it as it would have (Filter and Length as
 * before). Encrypted documents are left to pdfkit.
 */
export function installStreamCache(reference: unknown): void {
  const proto = reference !== null && typeof reference === 'object' ? (Object.getPrototypeOf(reference) as Partial<ReferenceLike> | null) : null;
  if (!proto || patched.has(proto) || typeof proto.finalize !== 'function') return;
  patched.add(proto);
  const finalize = proto.finalize;
  proto.finalize = function (this: ReferenceLike) {
    if (!this.compress || this.document._security || !Array.isArray(this.buffer) || this.buffer.length === 0) return finalize.call(this);
    const input = Buffer.concat(this.buffer);
    if (input.length < SMALL) return finalize.call(this);
    this.buffer = [deflated(input)];
    this.compress = false;
    try {
      finalize.call(this);
    } finally {
      this.compress = true;
    }
  };
}
