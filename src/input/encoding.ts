/**
 * The text of a data (or template JSON) file, decoded as UTF-8 before any
 * parsing. A file saved in another encoding is refused with one message that
 * says what it looks like and how to save it as UTF-8 (chosen over reading it
 * with a guess: a guess can differ between machines, a refusal cannot):
 *
 *   UTF-16 with a byte-order mark, or without one (every other byte zero in
 *   the ASCII parts: JSON is mostly ASCII) — Notepad's "Unicode";
 *   not valid UTF-8, with most high bytes in the Arabic letters of the
 *   Windows Arabic code page (Windows-1256) — Notepad's "ANSI" on an Arabic
 *   Windows; any other invalid UTF-8, with the line and column of the first
 *   bad byte.
 */
import { DocError } from '../errors.js';

const SAVE_AS_UTF8 = 'open it in Notepad, choose File > Save As, set Encoding to "UTF-8" and save; in VS Code: click the encoding in the status bar, "Save with Encoding", "UTF-8"';

/** Bytes 0xC1–0xFF that are Arabic letters (or tatweel) in Windows-1256. */
function isCp1256ArabicLetter(b: number): boolean {
  return (b >= 0xc1 && b <= 0xd6) || (b >= 0xd8 && b <= 0xdf) || b === 0xe1 || (b >= 0xe3 && b <= 0xe6)
    || b === 0xec || b === 0xed || (b >= 0xf0 && b <= 0xf3) || b === 0xf5 || b === 0xf6 || b === 0xf8 || b === 0xfa;
}

/**
 * 'le' / 'be' when the bytes look like UTF-16 without a byte-order mark: JSON
 * text has no NUL byte, and UTF-16 has one in every ASCII character (`{`, `"`,
 * `:`), at odd offsets (little-endian) or even ones (big-endian).
 */
function utf16WithoutBom(bytes: Uint8Array): 'le' | 'be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 1 << 16);
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const zeros = evenZero + oddZero;
  if (zeros < 2) return undefined;
  if (oddZero >= zeros * 0.9) return 'le';
  if (evenZero >= zeros * 0.9) return 'be';
  return undefined;
}

/** Offset of the first byte that is not part of valid UTF-8 (-1 when all are). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const b1 = bytes[i + 1]!;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += len;
  }
  return -1;
}

/** Line and column (1-based) of a byte offset, counting in bytes before it decoded leniently. */
function where(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) { line++; start = i + 1; }
  const column = new TextDecoder('utf-8').decode(bytes.subarray(start, offset)).length + 1;
  return { line, column };
}

/** Does invalid UTF-8 look like Arabic text in Windows-1256? */
function looksCp1256(bytes: Uint8Array): boolean {
  let high = 0;
  let arabic = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    high++;
    if (isCp1256ArabicLetter(b)) arabic++;
  }
  return high > 0 && arabic / high >= 0.6;
}

/**
 * The text of a file's bytes (a UTF-8 byte-order mark removed). Throws
 * DocError ENCODING when the file is not UTF-8.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'be' : utf16WithoutBom(bytes);
  if (utf16) {
    throw new DocError('ENCODING', `the file is saved as UTF-16 (${utf16 === 'le' ? 'little' : 'big'}-endian; Notepad calls it "Unicode"), not UTF-8`, {
      file, hint: SAVE_AS_UTF8,
    });
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { line, column } = where(bytes, bad);
    const what = looksCp1256(bytes)
      ? 'the file is not saved as UTF-8: it looks like Arabic text in the Windows Arabic code page (Windows-1256, Notepad\'s "ANSI")'
      : `the file is not saved as UTF-8 (byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')} is not UTF-8)`;
    throw new DocError('ENCODING', what, { file, line, column, hint: SAVE_AS_UTF8 });
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
