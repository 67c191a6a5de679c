/**
 * What prepareLine hands to pdfkit: every glyph drawn where the engine put
 * it, whatever the order; glyphs for no character mapped to a directional
 * mark (never U+200B) with no advance; the list label its own inline, drawn
 * first.
 */
import { describe, expect, it } from 'vitest';
import { engineFor } from '../../../src/backends/pdf/index.js';
import { prepareLine } from '../../../src/backends/pdf/extraction.js';
import type { LaidOutLine, TextStyle } from '../../../src/text/index.js';

const engine = engineFor();
const ar: TextStyle = { family: 'Amiri', bold: false, italic: false, size: 14, lang: 'ar' };

function line(text: string, label?: string, align: 'start' | 'end' = 'start'): LaidOutLine {
  const p = engine.layoutParagraph({ items: [{ kind: 'text', text, style: ar }], dir: 'rtl', align, width: 2000, ...(label ? { label: { text: label, style: ar, width: 30 } } : {}) });
  return p.lines[0]!;
}

/** Absolute x (font units from the line's left edge) and id of every glyph, sorted. */
function drawnAt(glyphs: readonly { id: number; xAdvance: number; xOffset: number }[][], starts: readonly number[]): string[] {
  const out: string[] = [];
  glyphs.forEach((gs, k) => {
    let pen = starts[k]!;
    for (const g of gs) {
      out.push(`${g.id}@${Math.round((pen + g.xOffset) * 100) / 100}`);
      pen += g.xAdvance;
    }
  });
  return out.sort();
}

describe('prepareLine', () => {
  // Amiri draws the lam of "والمملكة" with two glyphs; the second stands for no character.
  const l = line('والمملكة العربية السعودية');
  const prepared = prepareLine(l, () => engine.fontFor(ar), 14);
  const upem = engine.fontFor(ar).upem;
  const k = 14 / upem;

  it('draws every glyph where the engine placed it', () => {
    const engineGlyphs = l.runs.map((r) => [...r.glyphs]);
    const before = drawnAt(engineGlyphs, l.runs.map((r) => r.x / k));
    // Prepared inlines start at the line's left edge (a gap glyph covers the indent).
    const starts: number[] = [];
    let x = 0;
    for (const p of prepared) {
      starts.push(x);
      x += p.glyphs.reduce((a, g) => a + g.xAdvance, 0);
    }
    // Space glyphs aside: prepareLine adds one for each gap (the indent), and justification widens them.
    const spaceId = engine.fontFor(ar).hbFont.nominalGlyph(32);
    const notSpace = (x: string): boolean => !x.startsWith(`${spaceId}@`);
    const after = drawnAt(prepared.map((p) => [...p.glyphs]), starts);
    expect(after.filter(notSpace)).toEqual(before.filter(notSpace));
  });

  it('maps a glyph for no character to U+200F, with no advance, first in its cluster', () => {
    const p = prepared[0]!;
    const silent = p.glyphs.map((g, i) => ({ g, i })).filter(({ g }) => g.text === '');
    expect(silent.length).toBeGreaterThan(0);
    for (const { g, i } of silent) {
      expect(p.codePoints[i]).toEqual([0x200f]);
      expect(g.xAdvance).toBe(0);
      expect(p.widths[i]).toBe(0);
      // In a right-to-left run the cluster is [silent…, owner]: the next glyph owns the letter.
      expect(p.glyphs[i + 1]!.text).not.toBe('');
    }
    expect(prepared.flatMap((q) => q.codePoints).some((c) => c.includes(0x200b))).toBe(false);
  });

  it('never maps a glyph to U+200B, not even for one typed in the data', () => {
    const typed = prepareLine(line('كلمة\u200bأخرى ACM\u200b2018'), () => engine.fontFor(ar), 14);
    const cps = typed.flatMap((q) => q.codePoints.flat());
    expect(cps).not.toContain(0x200b);
    expect(String.fromCodePoint(...cps.filter((c) => c !== 0x200e && c !== 0x200f))).toContain('ACM');
  });

  it('gives a list label an inline of its own, drawn first', () => {
    const withLabel = prepareLine(line('تقرير الاجتماع', '1-'), () => engine.fontFor(ar), 14);
    expect(withLabel.length).toBe(2);
    // Right to left: the label is the rightmost inline, placed last and drawn first.
    expect([...withLabel[1]!.text.trim()].sort()).toEqual(['-', '1']);
    expect(withLabel.map((p) => p.drawOrder)).toEqual([1, 0]);
  });

  it('lets the letter before a word gap that a mark follows declare its width up to the letter after the mark', () => {
    // "بناءً": the tanween on the last letter is drawn first in the word, right after the gap.
    const p = prepareLine(line('على بناءً على'), () => engine.fontFor(ar), 14)[0]!;
    const pens: number[] = [];
    let pen = 0;
    for (const g of p.glyphs) {
      pens.push(pen);
      pen += g.xAdvance;
    }
    const isMark = (t: string): boolean => /^\p{Mn}+$/u.test(t);
    const gaps = [...p.glyphs.keys()].filter((i) => i > 0 && p.glyphs[i]!.text === ' ' && isMark(p.glyphs[i + 1]?.text ?? ''));
    expect(gaps.length).toBe(1);
    const i = gaps[0]!;
    const before = p.glyphs[i - 1]!;
    const letterAfter = i + 2;
    expect(p.widths[i - 1]).toBe(Math.round(pens[letterAfter]! + p.glyphs[letterAfter]!.xOffset - (pens[i - 1]! + before.xOffset)));
    // The space itself keeps its own advance (no new variant per justified width).
    expect(p.widths[i]).toBe(p.glyphs[i]!.advance);
  });

  it('puts a marker before a line that begins with a mark: no advance, RLM + space, a span whose /ActualText is a space', () => {
    // Right to left, the leftmost word is the last: its tanween is the first glyph drawn on the line.
    // Aligned to the end (the left edge), so that no gap glyph comes first.
    const inlines = prepareLine(line('على وعنفاً', undefined, 'end'), () => engine.fontFor(ar), 14);
    expect(inlines.length).toBe(2);
    const [marker, text] = inlines as [(typeof inlines)[0], (typeof inlines)[0]];
    expect(/^\p{Mn}$/u.test(text.glyphs[0]!.text)).toBe(true);
    expect(marker.actualText).toBe(' ');
    expect(marker.codePoints).toEqual([[0x200f, 0x20]]);
    expect(marker.glyphs.map((g) => g.xAdvance)).toEqual([0]);
    // Drawn where the mark is, and just before it.
    expect(marker.glyphs[0]!.xOffset).toBe(text.glyphs[0]!.xOffset);
    expect(marker.drawOrder).toBe(text.drawOrder - 1);
    expect(text.actualText).toBeUndefined();
  });
});
