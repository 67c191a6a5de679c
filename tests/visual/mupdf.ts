/**
 * Characters of a PDF with their positions, as MuPDF gives them
 * (`mutool draw -F stext`), grouped into lines, and a line's visual atoms:
 * its characters left to right, cut into atoms as tests/visual/atoms.ts does.
 * Used on LibreOffice's PDF of our DOCX: it tells where LibreOffice drew each
 * character, whatever order it wrote them in.
 */
import { execFileSync } from 'node:child_process';
import { atomKey, kind } from './atoms.js';

export interface PdfChar { readonly page: number; readonly x: number; readonly right: number; readonly y: number; readonly c: string }
export interface CharLine { readonly page: number; readonly y: number; readonly chars: readonly PdfChar[] }

const unescape = (s: string): string => s
  .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
  .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function mupdfLines(pdf: string): CharLine[] {
  const xml = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', pdf], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  const lines: { page: number; y: number; chars: PdfChar[] }[] = [];
  let page = 0;
  for (const m of xml.matchAll(/<page\b|<char quad="([^"]+)" x="([^"]+)" y="([^"]+)"[^>]* c="([^"]*)"\/>/g)) {
    if (m[0] === '<page') { page++; continue; }
    const q = m[1]!.split(' ').map(Number);
    const ch: PdfChar = { page, x: Number(m[2]), right: Math.max(q[2]!, q[6]!), y: Number(m[3]), c: unescape(m[4]!) };
    let line = lines.find((l) => l.page === page && Math.abs(l.y - ch.y) < 2);
    if (!line) lines.push((line = { page, y: ch.y, chars: [] }));
    line.chars.push(ch);
  }
  for (const l of lines) l.chars.sort((a, b) => (a.x + a.right) / 2 - (b.x + b.right) / 2);
  return lines.sort((a, b) => a.page - b.page || a.y - b.y);
}

/**
 * The line's atoms left to right, as atomKey()s. Words are told apart by the
 * gap between glyphs, not by extracted spaces: LibreOffice draws a ZWNJ as a
 * space glyph on top of the letter before it. U+FFFD (a glyph without text,
 * e.g. the second glyph of Amiri's split lam) stands inside its word.
 */
export function lineAtoms(line: CharLine, gap = 1.2): string[] {
  const out: { k: string; text: string }[] = [];
  let open: { k: string; text: string } | undefined;
  let right = -Infinity;
  for (const { c, x, right: r } of line.chars) {
    // Spaces and marks (placed over a letter, with no advance of their own) do not tell words apart.
    if (/^[\s\p{M}]+$/u.test(c)) continue;
    if (x - right > gap) open = undefined;
    right = Math.max(right, r);
    for (const ch of c) {
      const k = ch === '\ufffd' ? 'skip' : kind(ch);
      if (k === 'space' || k === 'break') open = undefined;
      else if (k === 'skip' || k === 'mark' || ch === '\u0640') continue;
      else if (open && open.k === k && k !== 'other') open.text += ch;
      else out.push((open = { k, text: ch }));
    }
  }
  return out.map((a) => atomKey(a.text));
}

/** The characters an atom sequence is made of, sorted: to find a paragraph's line. */
export const charBag = (keys: readonly string[]): string => [...keys.map((k) => k.replace(/^ar:/, '')).join('')].sort().join('');
