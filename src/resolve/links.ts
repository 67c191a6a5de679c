import { findPhones } from './phones.js';

/**
 * Links in data text: web addresses and e-mail addresses become links, with
 * the text exactly as typed. Decided here once, so the PDF (link
 * annotations) and the DOCX (`w:hyperlink`) link the same characters to the
 * same targets.
 *
 * Only three schemes are ever produced: `https:`, `http:` and `mailto:`.
 * `www.…` without a scheme links to `https://www.…`; an address is linked
 * as `mailto:`. Anything else (`javascript:`, `file:`, `ftp:`) stays text.
 * Invisible characters pasted with an address (zero-width spaces, bidi
 * marks, soft hyphens) stay in the text but not in the target.
 */

/** Characters that end an address: spaces, isolates, line separators, and what cannot end a URL. */
const INVISIBLE = '\\u00ad\\u200b-\\u200f\\u202a-\\u202e\\u2060\\ufeff';
const URL = new RegExp(
  `\\b(?:https?:\\/\\/|www\\.)[^\\s\\u2066-\\u2069\\u2028<>"]*[^\\s\\u2066-\\u2069\\u2028<>".,;:!?،؛)\\]»'${INVISIBLE}]`,
  'giu',
);
const EMAIL = new RegExp(`(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-][\\p{L}\\p{N}._%+${INVISIBLE}-]*@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}`, 'gu');
const STRIP = new RegExp(`[${INVISIBLE}]`, 'g');

export interface LinkRange {
  /** UTF-16 range of the text. */
  readonly start: number;
  readonly end: number;
  /** `https:…`, `http:…` or `mailto:…`. */
  readonly target: string;
}

/** The links of a text, in order, not overlapping. */
export function findLinks(text: string): LinkRange[] {
  const found: LinkRange[] = [];
  // Neither pattern can match without these: most texts are not tried at every letter.
  const urls = /:\/\/|www\./i.test(text);
  const emails = text.includes('@');
  if (!urls && !emails) return found;
  if (urls) for (const m of text.matchAll(URL)) {
    const raw = m[0].replace(STRIP, '');
    const target = /^www\./i.test(raw) ? `https://${raw}` : raw;
    if (!/^https?:\/\/[^/?#\s]+\.[^/?#\s]+/i.test(target) && !/^https?:\/\/localhost\b/i.test(target)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, target });
  }
  if (emails) for (const m of text.matchAll(EMAIL)) {
    const start = m.index;
    const end = start + m[0].length;
    // An address inside a URL (https://x.org/a@b.org) belongs to the URL.
    if (found.some((l) => start < l.end && end > l.start)) continue;
    const local = m[0].split('@')[0]!;
    if (local.startsWith('.') || local.endsWith('.')) continue;
    found.push({ start, end, target: `mailto:${m[0].replace(STRIP, '')}` });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * What reads left to right as one unit in data text, in any language: its
 * links and, where no link is, its telephone numbers (phones.ts), in order.
 */
export function leftToRightSpans(text: string): { readonly start: number; readonly end: number; readonly target?: string }[] {
  const links = findLinks(text);
  const phones = findPhones(text).filter((p) => !links.some((l) => p.start < l.end && p.end > l.start));
  return [...links, ...phones].sort((x, y) => x.start - y.start);
}
