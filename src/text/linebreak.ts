/**
 * Stage 3, break: lines in logical order, greedy over UAX #14 opportunities
 * (the `linebreak` package), trailing spaces hanging past the edge. A URL or
 * an e-mail address is not broken inside unless it does not fit on a line
 * alone; a piece wider than the line is cut between grapheme clusters.
 */
import LineBreaker from 'linebreak';
import { bidiClass } from './bidi.js';
import { isControl, isSpace } from './chars.js';

const EPSILON = 0.01;

/**
 * Document symbols and codes with a slash (`S/RES/853`, `OIC/CFM-45/2018/RES/10`,
 * `ACM-2018/AZER/REP`): Latin letters and digits joined by `/`, `-` or `.`.
 * Broken after a slash they would read `S/ RES/853` in extractors and search.
 */
const SYMBOLS = /(?<![\p{L}\p{N}])[\p{Script=Latin}\p{N}]+(?:[/.-][\p{Script=Latin}\p{N}]+)*\/[\p{Script=Latin}\p{N}]+(?:[/.-][\p{Script=Latin}\p{N}]+)*/gu;

/** URLs, e-mail addresses and document symbols: [start, end) ranges of the text. */
const LINKS = /\b(?:https?:\/\/|www\.)[^\s\u2066-\u2069\u2028]+[^\s\u2066-\u2069\u2028.,;:!?\u060c\u061b)\]\u00bb"']|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

export function linkRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  // Neither pattern can match without these (and trying them at every letter was most of a cold build's regex time).
  if (text.includes('://') || text.includes('www.') || text.includes('@')) for (const m of text.matchAll(LINKS)) out.push([m.index, m.index + m[0].length]);
  if (text.includes('/')) for (const m of text.matchAll(SYMBOLS)) {
    const r: [number, number] = [m.index, m.index + m[0].length];
    if (!out.some(([a, b]) => r[0] < b && r[1] > a)) out.push(r);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

export interface LineRange { start: number; end: number; forced: boolean }

/**
 * Greedy line breaking in logical order. Opportunities come from UAX #14;
 * trailing spaces hang past the edge. A piece wider than the line is broken
 * between grapheme clusters (never between a letter and its marks). One
 * loop: the greedy state (line start, last fitting opportunity) is shared by
 * the ordinary and the over-long case.
 */
export function breakLines(text: string, adv: Float64Array, width: number): LineRange[] {
  const n = text.length;
  if (n === 0) return [{ start: 0, end: 0, forced: false }];
  const lines: LineRange[] = [];
  // Prefix sums: the width of any range in constant time.
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + adv[i]!;
  const widthOf = (a: number, b: number): number => prefix[b]! - prefix[a]!;
  const breaks = opportunities(text, (a, b) => widthOf(a, b) <= width + EPSILON);
  const trimmedEnd = (a: number, b: number): number => {
    while (b > a && (isSpace(text.charCodeAt(b - 1)) || isControl(text.charCodeAt(b - 1)))) b--;
    return b;
  };
  let lineStart = 0;
  let lastFit = -1; // last opportunity that fits
  let bi = 0;
  while (bi < breaks.length) {
    const { pos, required } = breaks[bi]!;
    const w = widthOf(lineStart, trimmedEnd(lineStart, pos));
    if (w <= width + EPSILON || lastFit < 0) {
      if (w > width + EPSILON && lastFit < 0) {
        // A single piece wider than the line: cut it at grapheme boundaries.
        let a = lineStart;
        const pieceEnd = trimmedEnd(lineStart, pos);
        while (widthOf(a, pieceEnd) > width + EPSILON) {
          let cut = a;
          let acc = 0;
          for (let i = a; i < pieceEnd; ) {
            const next = nextGrapheme(text, i);
            const gw = widthOf(i, next);
            if (acc + gw > width + EPSILON && cut > a) break;
            acc += gw;
            cut = next;
            i = next;
          }
          lines.push({ start: a, end: cut, forced: false });
          a = cut;
        }
        lineStart = a;
        if (required || pos >= n) {
          lines.push({ start: lineStart, end: pos, forced: required && pos < n });
          lineStart = pos;
          lastFit = -1;
        } else lastFit = pos;
        bi++;
        continue;
      }
      if (required && pos < n) {
        lines.push({ start: lineStart, end: pos, forced: true });
        lineStart = pos;
        lastFit = -1;
      } else lastFit = pos;
      bi++;
    } else {
      lines.push({ start: lineStart, end: lastFit, forced: false });
      lineStart = lastFit;
      lastFit = -1;
    }
  }
  if (lineStart < n || lines.length === 0) lines.push({ start: lineStart, end: n, forced: false });
  return lines;
}

function nextGrapheme(text: string, i: number): number {
  const cp = text.codePointAt(i)!;
  let j = i + (cp > 0xffff ? 2 : 1);
  // Keep combining marks, ZWJ/ZWNJ and variation selectors with their base.
  while (j < text.length) {
    const c = text.codePointAt(j)!;
    const cls = bidiClass(String.fromCodePoint(c));
    if (cls === 'NSM' || c === 0x200d || c === 0x200c || (c >= 0xfe00 && c <= 0xfe0f)) j += c > 0xffff ? 2 : 1;
    else break;
  }
  return j;
}


/** UAX #14 opportunities, less those inside a link that fits on a line (`fits`). */
function opportunities(text: string, fits: (a: number, b: number) => boolean): { pos: number; required: boolean }[] {
  const all: { pos: number; required: boolean }[] = [];
  const lb = new LineBreaker(text);
  for (let b = lb.nextBreak(); b; b = lb.nextBreak()) all.push({ pos: b.position, required: b.required });
  // A link is kept whole when the piece it stands in, up to the opportunities
  // around it (brackets and punctuation glued to it included), fits on a line.
  const links = linkRanges(text).filter(([a, b]) => {
    let from = 0;
    for (const o of all) if (o.pos <= a) from = o.pos;
    const to = all.find((o) => o.pos >= b)?.pos ?? text.length;
    return fits(from, to);
  });
  const breaks: { pos: number; required: boolean }[] = [];
  let k = 0;
  for (const b of all) {
    while (k < links.length && links[k]![1] < b.pos) k++;
    const link = links[k];
    if (!b.required && link && link[0] < b.pos && b.pos < link[1]) continue;
    breaks.push(b);
  }
  return breaks;
}
