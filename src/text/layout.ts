/**
 * Paragraph layout: the RTL text engine, one stage per file.
 *
 *   items ─ itemize.ts   logical text; bidi levels (UAX #9, whole paragraph);
 *                        a font per word (with fallback); scripts
 *         ─ runs.ts      HarfBuzz shaping of the paragraph's level runs (widths)
 *         ─ linebreak.ts lines in logical order (UAX #14; links kept whole)
 *         ─ finalize.ts  per line: L1, runs, L2, shaping per run in its own
 *                        direction, justify.ts (a Justifier), placement, label
 *
 * The result is lines of positioned glyph runs in visual order, x in points
 * from the left edge of the paragraph's box. Backends draw them as they are.
 */
import { type FontConfig, fontFile } from './fonts.js';
import { finalizeLine, type LineBox } from './finalize.js';
import { type FontChooser, itemize } from './itemize.js';
import { breakLines } from './linebreak.js';
import { shapeParagraph } from './runs.js';
import { type LoadedFont, loadFont } from './shaper.js';
import type { LaidOutLine, LaidOutParagraph, ParagraphSpec, TextStyle } from './types.js';

export type * from './types.js';

/** The engine: fonts resolved through one font configuration. */
export class TextEngine {
  private readonly fallback: string[];
  private readonly chooser: FontChooser;
  constructor(private readonly fonts: FontConfig) {
    this.fallback = Object.keys(fonts.families);
    this.chooser = {
      own: (style) => this.fontFor(style),
      fallbacks: (style) => this.fallback.filter((f) => f !== style.family).map((fam) => loadFont(fontFile(this.fonts, fam, style.bold, style.italic))),
    };
  }

  fontFor(style: TextStyle): LoadedFont {
    return loadFont(fontFile(this.fonts, style.family, style.bold, style.italic));
  }

  /**
   * Laid-out paragraphs by content: a rebuild after an edit (watch mode, or
   * several documents in one process) lays out again only the paragraphs
   * that changed. Results are never mutated, so they can be shared.
   */
  private readonly cache = new Map<string, LaidOutParagraph>();
  private static readonly CACHE_LIMIT = 20_000;

  layoutParagraph(spec: ParagraphSpec): LaidOutParagraph {
    const key = JSON.stringify(spec);
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const laid = this.layoutUncached(spec);
    this.cache.set(key, laid);
    if (this.cache.size > TextEngine.CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return laid;
  }

  private layoutUncached(spec: ParagraphSpec): LaidOutParagraph {
    const it = itemize(spec.items, spec.dir, this.chooser);
    const rtl = it.paragraphLevel % 2 === 1;
    const { runs, advances } = shapeParagraph(it);
    const textWidth = Math.max(1, spec.width - (spec.indentStart ?? 0) - (spec.indentEnd ?? 0) - (spec.label?.width ?? 0));
    const ranges = breakLines(it.text, advances, textWidth);
    const box: LineBox = { spec, rtl, textWidth, ...(spec.label ? { label: this.layoutLabel(spec.label, rtl) } : {}) };
    const lines: LaidOutLine[] = ranges.map((range, i) => finalizeLine(it, runs, box, range, i, range.forced || i === ranges.length - 1));
    return { text: it.text, paragraphLevel: it.paragraphLevel, lines, missing: it.missing };
  }

  /** The label (list number) is laid out on its own, in the paragraph's direction. */
  private layoutLabel(label: NonNullable<ParagraphSpec['label']>, rtl: boolean): NonNullable<LineBox['label']> {
    const sub = this.layoutParagraph({ items: [{ kind: 'text', text: label.text, style: label.style }], dir: rtl ? 'rtl' : 'ltr', align: 'start', width: 1e6 });
    const line = sub.lines[0];
    if (!line) return { runs: [], width: 0 };
    const runs = line.runs.map((r) => ({ ...r, x: r.x - line.left, start: -1, end: -1 }));
    return { runs, width: line.right - line.left };
  }
}
