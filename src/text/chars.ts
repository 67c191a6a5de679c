/** Character classes the engine's stages share. */

/** A forced line break inside a paragraph, in the engine's flattened text. */
export const LINE_SEPARATOR = '\u2028';

/** Characters never drawn: isolate/embedding controls and the forced break. */
export function isControl(ch: number): boolean {
  return (ch >= 0x2066 && ch <= 0x2069) || (ch >= 0x202a && ch <= 0x202e) || ch === 0x2028 || ch === 0x2029;
}

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

/** Characters that need no glyph (default ignorables, controls). */
export function needsGlyph(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x200e || cp === 0x200f || cp === 0x2060 || cp === 0xfeff || cp === 0xad || cp === 0x61c) return false;
  if (isControl(cp)) return false;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return false;
  return true;
}
