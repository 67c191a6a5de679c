/**
 * Visual word order, measured the same way on every renderer (Chromium, our
 * PDF engine, LibreOffice's PDF of the DOCX).
 *
 * A paragraph's logical text is cut into atoms: a run of Arabic letters, a run
 * of other letters, a run of digits, or one other visible character
 * (punctuation, symbol). Combining marks belong to the atom before them.
 * Spaces (also no-break spaces) separate atoms; invisible format characters
 * (ZWNJ, ZWJ, LRM, RLM, ALM, soft hyphen…) are skipped without separating;
 * the isolate controls U+2066–U+2069 (field edges) and the line separator
 * U+2028 separate. Every atom is laid out inside one bidi level, so its
 * position (the centre of its ink box) says where the renderer put it; the
 * order of the atoms left to right is the visual order. Atoms inside one
 * "word" matter: `1/18-COMSTECH` and `COMSTECH-1/18` differ in it.
 */

export interface Atom {
  /** Ordinal in logical order. */
  readonly index: number;
  /** UTF-16 range in the text the atoms were made from. */
  readonly start: number;
  readonly end: number;
  /** The atom's characters, without invisible format characters. */
  readonly text: string;
}

export type Kind = 'arab' | 'letter' | 'digit' | 'other' | 'space' | 'skip' | 'break' | 'mark';

/** The atom class of one character. */
export function kind(ch: string): Kind {
  if (/[\u2066-\u2069\u202a-\u202e\u2028\u2029\n\r\t]/.test(ch)) return 'break';
  if (/[\s\u00a0\u3000]/.test(ch)) return 'space';
  if (/\p{Cf}/u.test(ch) || /\p{Cc}/u.test(ch)) return 'skip';
  if (/\p{M}/u.test(ch)) return 'mark';
  if (/\p{Script=Arabic}/u.test(ch) && /\p{L}/u.test(ch)) return 'arab';
  if (/\p{L}/u.test(ch)) return 'letter';
  if (/\p{Nd}/u.test(ch)) return 'digit';
  return 'other';
}

/** The atoms of a text (see the module comment). */
export function atoms(text: string): Atom[] {
  const out: { start: number; end: number; text: string; kind: Kind }[] = [];
  let open: (typeof out)[number] | undefined;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    const k = kind(ch);
    if (k === 'break' || k === 'space') open = undefined;
    else if (k === 'skip') {
      // invisible: neither part of an atom nor a separator
    } else if (k === 'mark') {
      if (open) {
        open.text += ch;
        open.end = next;
      } else out.push((open = { start: i, end: next, text: ch, kind: 'other' }));
    } else if (open && open.kind === k && k !== 'other') {
      open.text += ch;
      open.end = next;
    } else {
      out.push((open = { start: i, end: next, text: ch, kind: k }));
    }
    i = next;
  }
  return out.map((a, index) => ({ index, start: a.start, end: a.end, text: a.text }));
}

/** A measured atom: where a renderer drew it, in points or pixels from the left. */
export interface Placed {
  readonly atom: Atom;
  readonly left: number;
  readonly right: number;
}

/** The visual order as compared in the tests: `ordinal:text`, left to right. */
export function visualOrder(placed: readonly Placed[]): string[] {
  return [...placed]
    .sort((a, b) => (a.left + a.right) / 2 - (b.left + b.right) / 2)
    .map((p) => `${p.atom.index}:${p.atom.text}`);
}

/**
 * An atom as compared across renderers that give back characters, not
 * indices (LibreOffice's PDF read with MuPDF): marks and tatweel dropped, the
 * letters of an Arabic atom sorted (an extractor may give a ligature's letters
 * in either order; inside one atom the order is the script's own).
 */
export function atomKey(text: string): string {
  const t = text.replace(/[\p{M}\p{Cf}\u0640]/gu, '');
  return /\p{Script=Arabic}/u.test(t) && /\p{L}/u.test(t) ? `ar:${[...t].sort().join('')}` : t;
}
