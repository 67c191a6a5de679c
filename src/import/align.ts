/**
 * The draft's paragraphs against the base's: which draft paragraphs stand for
 * which base paragraph (anchored by the fields they hold; a paragraph split
 * by Enter gives two draft paragraphs for one base paragraph), which base
 * paragraphs are gone, which draft paragraphs are new.
 */
import type { BaseParagraph } from './base.js';
import type { Shape } from './shape.js';

export interface Alignment {
  /** Base paragraph index → draft paragraph indexes (in order). */
  readonly groups: Map<number, number[]>;
  /** Draft paragraphs that stand for no base paragraph. */
  readonly added: number[];
}

/** Where the new paragraphs typed inside (or after) a field go: a list of continuation paragraphs. */
export function continuationOf(pointer: string): { list: string; item: string; index: number } | undefined {
  let m = /^(.*\/\d+)\/text$/.exec(pointer);
  if (m) return { list: `${m[1]}/continuation`, item: m[1]!, index: 0 };
  m = /^((.*\/\d+)\/continuation)\/(\d+)$/.exec(pointer);
  if (m) return { list: m[1]!, item: m[2]!, index: Number(m[3]) + 1 };
  return undefined;
}

/** `anchors[i]`: the base paragraph of draft paragraph i's first known field, if any. */
export function align(base: readonly BaseParagraph[], shapes: readonly Shape[], anchors: readonly (number | undefined)[]): Alignment {
  const groups = new Map<number, number[]>();
  const added: number[] = [];
  const join = (b: number, i: number): void => {
    const g = groups.get(b);
    if (g) g.push(i);
    else groups.set(b, [i]);
  };
  anchors.forEach((b, i) => {
    if (b !== undefined) join(b, i);
  });
  let i = 0;
  while (i < shapes.length) {
    if (anchors[i] !== undefined) { i++; continue; }
    const start = i;
    while (i < shapes.length && anchors[i] === undefined) i++;
    const run = Array.from({ length: i - start }, (_, k) => start + k);
    const prevB = start > 0 ? anchors[start - 1]! : -1;
    const nextB = i < shapes.length ? anchors[i]! : base.length;
    const candidates = base.map((_, b) => b).filter((b) => b > prevB && b < nextB && !groups.has(b));
    if (candidates.length === run.length) {
      run.forEach((d, k) => join(candidates[k]!, d));
      continue;
    }
    // Counts differ: pair paragraphs of template text with an equal draft paragraph, in order; the rest is new.
    let c = 0;
    for (const d of run) {
      const text = shapes[d]!.literals.join('');
      let k = c;
      while (k < candidates.length && !(base[candidates[k]!]!.tags.length === 0 && base[candidates[k]!]!.literals.join('') === text)) k++;
      if (k < candidates.length) {
        join(candidates[k]!, d);
        c = k + 1;
      } else added.push(d);
    }
  }
  return { groups, added };
}

/**
 * Fields found by position in a paragraph whose markers were all lost: the
 * base's template text between fields, found in order in the draft's text.
 * Of the possible splits, the one keeping the most of each field's base text
 * wins; undefined when no split fits or two fit equally well.
 */
export function splitByPosition(text: string, literals: readonly string[], baseTexts: readonly string[]): string[] | undefined {
  const n = baseTexts.length;
  const first = literals[0]!;
  const last = literals[n]!;
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return undefined;
  const body = text.slice(first.length, text.length - last.length);
  const splits: string[][] = [];
  const search = (from: number, k: number, acc: string[]): void => {
    if (splits.length > 200) return;
    if (k === n - 1) { splits.push([...acc, body.slice(from)]); return; }
    const lit = literals[k + 1]!;
    if (lit === '') return; // two fields side by side: no way to tell where one ends
    for (let p = body.indexOf(lit, from); p >= 0; p = body.indexOf(lit, p + 1)) search(p + lit.length, k + 1, [...acc, body.slice(from, p)]);
  };
  search(0, 0, []);
  const kept = (a: string, b: string): number => {
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let s = 0;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    return p + s;
  };
  const scored = splits.map((s) => ({ s, score: s.reduce((t, x, j) => t + kept(x, baseTexts[j]!), 0) })).sort((a, b) => b.score - a.score);
  if (scored.length === 0 || (scored.length > 1 && scored[0]!.score === scored[1]!.score)) return undefined;
  return scored[0]!.s;
}
