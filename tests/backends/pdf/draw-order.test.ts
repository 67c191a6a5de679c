/**
 * The drawing order of a line's inlines: the label first, then left to
 * right, or right to left in a right-to-left line, a marker just before its
 * inline; and, in a right-to-left line, the word gap at an edge between two
 * inlines split off into an inline of its own, mapped to RLM + space, with
 * a space as /ActualText.
 */
import { describe, expect, it } from 'vitest';
import { type DrawPiece, RLM_SPACE, drawOrders, splitBidiUnits, splitEdgeGaps, splitLinkEdgeSpaces } from '../../../src/backends/pdf/draw-order.js';
import type { PlacedGlyph } from '../../../src/text/index.js';

const glyph = (text: string, xAdvance = 300): PlacedGlyph => ({ id: text.charCodeAt(0), xAdvance, xOffset: 0, yOffset: 0, advance: xAdvance, text });
function piece(rank: number, text: string): DrawPiece {
  const glyphs = [...text].map((c) => glyph(c));
  return { rank, glyphs, cps: glyphs.map((g) => [g.text.charCodeAt(0)]), levels: glyphs.map(() => 1), text };
}

describe('drawOrders', () => {
  it('draws the label first, then left to right in a left-to-right line', () => {
    expect(drawOrders([piece(0, 'ab'), piece(3, 'cd'), piece(-1, '1.')], false)).toEqual([1, 2, 0]);
  });

  it('draws a right-to-left line right to left, the label first and a marker just before its inline', () => {
    const marker = { ...piece(9, ' '), marker: true };
    // Visual order: [marker][text at the left][lead at the right][label].
    expect(drawOrders([marker, piece(9, 'xy'), piece(0, 'lead'), piece(-1, '1-')], true)).toEqual([2, 3, 1, 0]);
  });
});

describe('splitEdgeGaps', () => {
  it('makes the word gap between two inlines an inline of its own, RLM + space, a span with a space as /ActualText', () => {
    // A right-to-left line in visual order: the text (regular) ends with the gap, then the bold lead.
    const pending = [piece(9, 'abc '), piece(0, 'lead')];
    splitEdgeGaps(pending);
    expect(pending.map((p) => p.glyphs.map((g) => g.text).join(''))).toEqual(['abc', ' ', 'lead']);
    const gap = pending[1]!;
    expect(gap.cps).toEqual([RLM_SPACE]);
    expect(gap.actualText).toBe(' ');
    expect(gap.declared).toEqual([300]);
    expect(pending[0]!.cps.length).toBe(3);
    // Drawn between them: the lead, the gap, the text.
    expect(drawOrders(pending, true)).toEqual([2, 1, 0]);
  });

  it('leaves inlines without a gap at their edge, and the label, as they are', () => {
    const pending = [piece(5, 'abc'), piece(0, 'lead'), piece(-1, ' 1-')];
    splitEdgeGaps(pending);
    expect(pending.length).toBe(3);
  });
});

describe('splitLinkEdgeSpaces', () => {
  interface Run { glyphs: PlacedGlyph[]; codePoints: (readonly number[])[]; widths: number[]; drawOrder: number; actualText?: string }
  const runs = new Map<string, Run>();
  const register = (r: Run): string[] => {
    const key = `k${runs.size}`;
    runs.set(key, r);
    return [key];
  };
  const run = (text: string): string[] => {
    const glyphs = [...text].map((c) => glyph(c));
    return register({ glyphs, codePoints: glyphs.map((g) => [g.text.charCodeAt(0)]), widths: glyphs.map((g) => g.xAdvance), drawOrder: 0 });
  };
  const runFor = (f: unknown): Run | undefined => runs.get((f as string[])[0]!);

  it('draws the word gap next to a link as a piece of its own, RLM + space with a space as /ActualText, right to left', () => {
    // A right-to-left line cut by a link, as drawn (right to left): [Arabic and its gap at the left][link].
    const arabic = { x: 100, width: 12, fontFeatures: run(' بري') };
    const link = { x: 0, width: 100, fontFeatures: run('mail'), link: 'mailto:x' };
    const { inlines, keys } = splitLinkEdgeSpaces([arabic, link], runFor, register);
    expect(keys).toHaveLength(2);
    expect(inlines.map((i) => runFor(i.fontFeatures)!.glyphs.map((g) => g.text).join(''))).toEqual(['بري', ' ', 'mail']);
    const gap = runFor(inlines[1]!.fontFeatures)!;
    expect([gap.codePoints, gap.actualText, inlines[1]!.x, inlines[0]!.x]).toEqual([[RLM_SPACE], ' ', 100, 103]);
    expect(inlines[2]).toBe(link);
  });

  it('leaves a piece alone when no other piece of its inline touches that edge', () => {
    const alone = { x: 0, width: 12, fontFeatures: run(' بري') };
    expect(splitLinkEdgeSpaces([alone], runFor, register).inlines).toEqual([alone]);
  });
});

describe('splitBidiUnits', () => {
  interface Run { glyphs: PlacedGlyph[]; codePoints: (readonly number[])[]; widths: number[]; levels: number[]; size: number; rtlLine?: true; actualText?: string; span?: true }
  const runs = new Map<string, Run>();
  const register = (r: Run): string[] => {
    const key = `u${runs.size}`;
    runs.set(key, r);
    return [key];
  };
  const runFor = (f: unknown): Run | undefined => runs.get((f as string[])[0]!);
  /** An inline as drawn (visual order) with each glyph's level: `text` and `levels` of the same length. */
  const inline = (visual: string, levels: number[], rtl: boolean) => {
    const glyphs = [...visual].map((c) => glyph(c, 500));
    const r: Run = { glyphs, codePoints: glyphs.map((g) => [g.text.charCodeAt(0)]), widths: glyphs.map((g) => g.xAdvance), levels, size: 12, ...(rtl ? { rtlLine: true as const } : {}) };
    return { x: 0, width: glyphs.length * 6, fontFeatures: register(r) };
  };
  const texts = (out: { fontFeatures?: unknown }[]): string[] => out.map((i) => runFor(i.fontFeatures)!.glyphs.map((g) => g.text).join(''));

  it('leaves an inline that pdf.js reads in order as it is', () => {
    // `قال كلمة` drawn: one right-to-left stretch.
    const one = inline('ةملك لاق', [1, 1, 1, 1, 1, 1, 1, 1], true);
    expect(splitBidiUnits([one], runFor, register).inlines).toEqual([one]);
  });

  it('draws the units of a right-to-left line right to left, a number and its word gaps as pieces of their own', () => {
    // `رقم 1/18-COMSTECH` drawn left to right: pdf.js read the item `COMSTECH-1/18 رقم`.
    const code = '1/18-COMSTECH';
    const line = inline(`${code} مقر`, [...Array.from(code, () => 2), 1, 1, 1, 1], true);
    const { inlines } = splitBidiUnits([line], runFor, register);
    expect(texts(inlines)).toEqual(['مقر', ' ', code]);
    const gap = runFor(inlines[1]!.fontFeatures)!;
    expect([gap.codePoints, gap.actualText]).toEqual([[RLM_SPACE], ' ']);
    // Each where it was: the pieces' x as the glyphs', left to right on the page.
    expect(inlines.map((i) => i.x)).toEqual([84, 78, 0]);
  });

  it('draws a right-to-left stretch of neutrals glyph by glyph, right to left', () => {
    // `(COMSTECH)،` at the end of a right-to-left line: drawn `،(COMSTECH)` with mirrored brackets.
    const line = inline('،(AB)', [1, 1, 2, 2, 1], true);
    expect(texts(splitBidiUnits([line], runFor, register).inlines)).toEqual([')', 'AB', '(', '،']);
  });

  it('draws the units of a left-to-right line left to right, each a marked-content span', () => {
    // `Resolution ١٨/١-كومستك`: pdf.js read the item with more Arabic than 30% right to left.
    const arabic = 'كتسموك-١/١٨';
    const line = inline(`Res ${[...arabic].reverse().join('')}`, [0, 0, 0, 0, ...Array.from(arabic, (c) => (/[١٨/]/.test(c) ? 2 : 1))], false);
    const { inlines } = splitBidiUnits([line], runFor, register);
    expect(inlines.length).toBe(2);
    expect(inlines.map((i) => runFor(i.fontFeatures)!.span)).toEqual([true, true]);
    expect(texts(inlines)[0]).toBe('Res ');
  });
});
