/**
 * Where our PDF engine put each atom: from the laid-out lines the PDF backend
 * draws (`flow.dump`), glyph by glyph. A run's glyphs are in visual order; in a
 * right-to-left run the logical order is the reverse. Each glyph covers the
 * characters of its `text` (a split letter's second glyph has '' and belongs
 * to the character before it).
 */
import type { LaidOutLine, LaidOutParagraph } from '../../src/text/index.js';
import { atoms, type Placed } from './atoms.js';

interface Box { left: number; right: number }

/** x extent (points from the paragraph box's left edge) of each UTF-16 index drawn on a line. */
export function charBoxes(p: LaidOutParagraph, line: LaidOutLine): Map<number, Box> {
  const boxes = new Map<number, Box>();
  const put = (i: number, b: Box): void => {
    const o = boxes.get(i);
    boxes.set(i, o ? { left: Math.min(o.left, b.left), right: Math.max(o.right, b.right) } : b);
  };
  for (const run of line.runs) {
    if (run.start < 0) continue; // the list label
    const scale = run.size / run.font.upem;
    let x = run.x;
    const placed = run.glyphs.map((g) => {
      const b = { left: x, right: x + g.xAdvance * scale };
      x = b.right;
      return { g, b };
    });
    if (run.level % 2) placed.reverse();
    let cursor = run.start;
    let last = -1;
    for (const { g, b } of placed) {
      if (g.text === '') {
        if (last >= 0) put(last, b);
        continue;
      }
      // Find the glyph's characters at or after the cursor (characters without glyphs are skipped).
      let at = p.text.indexOf(g.text, cursor);
      if (at < 0 || at >= run.end) at = cursor;
      for (let i = at; i < at + g.text.length; i++) put(i, b);
      last = at + g.text.length - 1;
      cursor = at + g.text.length;
    }
  }
  return boxes;
}

/** The atoms of a one-line paragraph where the engine drew them. */
export function enginePlaced(p: LaidOutParagraph): Placed[] {
  if (p.lines.length !== 1) throw new Error(`not one line: ${p.lines.length} lines in "${p.text.slice(0, 40)}"`);
  const boxes = charBoxes(p, p.lines[0]!);
  const out: Placed[] = [];
  for (const a of atoms(p.text)) {
    let left = Infinity;
    let right = -Infinity;
    for (let i = a.start; i < a.end; i++) {
      const b = boxes.get(i);
      if (b) { left = Math.min(left, b.left); right = Math.max(right, b.right); }
    }
    if (left === Infinity) throw new Error(`atom "${a.text}" of "${p.text.slice(0, 40)}" is not drawn`);
    out.push({ atom: a, left, right });
  }
  return out;
}
