/**
 * Stage 5, finalize: one line range → a laid-out line. Rule L1 (trailing
 * whitespace to the paragraph level), runs of one level/font/style, rule L2
 * over the runs, each run shaped in its own direction (reusing the
 * paragraph's glyphs where safe), justification, then placement in the
 * paragraph's box (x from its left edge) with the indents and the label.
 */
import { lineLevels, reorderRuns } from './bidi.js';
import { isControl, isSpace } from './chars.js';
import type { Itemized } from './itemize.js';
import { justifierFor } from './justify.js';
import type { FontConfig } from './fonts.js';
import type { LineRange } from './linebreak.js';
import { type MutableRun, type ShapedRun, reusable, runsOf, shapeRun } from './runs.js';
import type { LaidOutLine, ParagraphSpec, PlacedRun } from './types.js';

const EPSILON = 0.01;

/** The paragraph's box, fixed for all its lines. */
export interface LineBox {
  readonly spec: ParagraphSpec;
  readonly fonts?: FontConfig;
  readonly rtl: boolean;
  /** Width available to the text (label box and indents taken off). */
  readonly textWidth: number;
  /** The label's runs, x from the label box's left edge, and its width. */
  readonly label?: { readonly runs: readonly PlacedRun[]; readonly width: number };
}

/** The line's runs in visual order, shaped, at their natural widths. */
function shapeLine(it: Itemized, paragraphRuns: readonly ShapedRun[], start: number, end: number): MutableRun[] {
  // Visible end: drop trailing spaces and controls.
  let vend = end;
  while (vend > start && (isSpace(it.text.charCodeAt(vend - 1)) || isControl(it.text.charCodeAt(vend - 1)))) vend--;
  const levels = lineLevels(it.text, it.levels, it.paragraphLevel, start, end);
  const logical = runsOf(it, start, vend, levels, start);
  const order = visualOrder(logical, levels, start);
  return order.map((idx) => {
    const r = logical[idx]!;
    return shapeRun(it, r, reusable(paragraphRuns, it, r));
  });
}

/**
 * Rule L2 over the line's runs. The isolate controls between two runs draw
 * nothing, but they keep their level (UAX #9 X9 leaves them in): one at a
 * lower level than both neighbours separates them, as in a browser. Without
 * it, a right-to-left isolate after a left-to-right run inside Arabic (a
 * footnote's number after `S/RES/822 (1993)`) would join that run.
 */
function visualOrder(logical: readonly { start: number; end: number; level: number }[], levels: Uint8Array, base: number): number[] {
  const seq: { level: number; run?: number }[] = [];
  logical.forEach((r, k) => {
    const prev = logical[k - 1];
    if (prev && r.start > prev.end) {
      let gap = Infinity;
      for (let i = prev.end; i < r.start; i++) gap = Math.min(gap, levels[i - base]!);
      if (gap < Math.min(prev.level, r.level)) seq.push({ level: gap });
    }
    seq.push({ level: r.level, run: k });
  });
  return reorderRuns(seq.map((e) => e.level)).map((i) => seq[i]!.run).filter((k): k is number => k !== undefined);
}

export function finalizeLine(it: Itemized, paragraphRuns: readonly ShapedRun[], box: LineBox, range: LineRange, index: number, last: boolean): LaidOutLine {
  const { spec, rtl, textWidth } = box;
  const { start, end } = range;
  const runs = shapeLine(it, paragraphRuns, start, end);
  let natural = runs.reduce((s, r) => s + r.width, 0);
  let justified = false;
  if (spec.align === 'justify' && !last && natural < textWidth - EPSILON) {
    justified = justifierFor(spec.justify).justify({ runs, extra: textWidth - natural, paragraph: it, start, end, spec, ...(box.fonts ? { fonts: box.fonts } : {}) });
    if (justified) natural = textWidth;
  }

  // Place in the text box, then shift the box by the indents and label.
  const indentStart = spec.indentStart ?? 0;
  const indentEnd = spec.indentEnd ?? 0;
  const labelWidth = spec.label?.width ?? 0;
  const boxLeft = rtl ? indentEnd : indentStart + labelWidth;
  const free = textWidth - natural;
  let x = 0;
  if (justified) x = 0;
  else if (spec.align === 'center') x = free / 2;
  else if ((spec.align === 'end') !== rtl) x = free; // end in LTR, start/justify in RTL: right edge
  let cursor = boxLeft + x;
  const placed: PlacedRun[] = [];
  for (const r of runs) {
    placed.push({ ...r, x: cursor });
    cursor += r.width;
  }
  if (index === 0 && box.label) {
    // The label sits in its box at the start edge, flush with that edge.
    const lx = rtl ? spec.width - indentStart - box.label.width : indentStart;
    const labelRuns = box.label.runs.map((r) => ({ ...r, x: r.x + lx }));
    if (rtl) placed.push(...labelRuns);
    else placed.unshift(...labelRuns);
  }
  const left = placed.length ? placed[0]!.x : boxLeft + x;
  const right = placed.length ? placed[placed.length - 1]!.x + placed[placed.length - 1]!.width : left;
  const maxSize = placed.reduce((m, r) => Math.max(m, r.size), 0);
  return { runs: placed, start, end, left, right, justified, last, maxSize };
}
