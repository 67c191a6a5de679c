/**
 * Characters the PDF cannot draw: those no configured font has, and any
 * glyph 0 (.notdef, the empty box) shaping produced anyway. Both fail the
 * build with the characters and the data field named; glyph 0 is never drawn.
 */
import type { SourceRef } from '../../model/index.js';
import type { LaidOutLine, LaidOutParagraph, PlacedGlyph } from '../../text/index.js';
import type { Diagnostic } from '../types.js';

/** Where a paragraph's data fields are in its laid-out text. */
export interface FieldRanges {
  readonly sources: readonly { readonly start: number; readonly end: number; readonly source: SourceRef }[];
}

export function noteMissing(diagnostics: Diagnostic[], laid: LaidOutParagraph, ctx: FieldRanges, source: SourceRef | undefined): void {
  if (laid.missing.length === 0) return;
  const bySource = new Map<string, { source: SourceRef | undefined; chars: string[] }>();
  for (const m of laid.missing) {
    const src = fieldAt(ctx, m.index) ?? source;
    const key = `${src?.file ?? ''}#${src?.pointer ?? ''}`;
    const entry = bySource.get(key) ?? { source: src, chars: [] };
    const desc = `"${m.char}" U+${m.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    if (!entry.chars.includes(desc)) entry.chars.push(desc);
    bySource.set(key, entry);
  }
  for (const { source: src, chars } of bySource.values()) {
    diagnostics.push({
      severity: 'error',
      code: 'MISSING_GLYPHS',
      message: `no configured font can draw ${chars.join(', ')}`,
      ...(src ? { source: src } : {}),
    });
  }
}

/**
 * A glyph 0 (.notdef, the empty box) that shaping produced anyway — a
 * control character or an unmapped one that slipped past the checks —
 * fails the build with the characters named; it is never drawn either.
 */
export function noteNotdef(diagnostics: Diagnostic[], laid: LaidOutParagraph, ctx: FieldRanges, source: SourceRef | undefined): void {
  const bySource = new Map<SourceRef | undefined, Set<string>>();
  // Characters no font has are already reported (noteMissing).
  const reported = new Set(laid.missing.map((m) => m.char));
  const unreported = (g: { id: number; text: string }): boolean => g.id === 0 && ![...g.text].every((c) => reported.has(c));
  for (const line of laid.lines) {
    for (const run of line.runs) {
      if (!run.glyphs.some(unreported)) continue;
      const src = fieldAt(ctx, run.start) ?? source;
      const chars = bySource.get(src) ?? new Set<string>();
      for (const g of run.glyphs) if (unreported(g)) chars.add(g.text);
      bySource.set(src, chars);
    }
  }
  for (const [src, chars] of bySource) {
    const desc = [...chars].map((t) => [...t].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ') || 'part of a character');
    diagnostics.push({
      severity: 'error',
      code: 'MISSING_GLYPHS',
      message: `the fonts draw no glyph for ${desc.join(', ')} (it would print as an empty box)`,
      ...(src ? { source: src } : {}),
    });
  }
}

/** The innermost data field holding the character at `index` (fields nest inside isolates). */
function fieldAt(ctx: FieldRanges, index: number): SourceRef | undefined {
  let best: FieldRanges['sources'][number] | undefined;
  for (const s of ctx.sources) if (index >= s.start && index < s.end && (!best || s.start >= best.start)) best = s;
  return best?.source;
}

/** The line without any glyph 0 (its advance goes to the glyph before it): the PDF never draws a box. */
export function withoutNotdef(line: LaidOutLine): LaidOutLine {
  if (!line.runs.some((r) => r.glyphs.some((g) => g.id === 0))) return line;
  const runs = line.runs.map((r) => {
    const glyphs: PlacedGlyph[] = [];
    for (const g of r.glyphs) {
      if (g.id !== 0) glyphs.push(g);
      else if (glyphs.length > 0) glyphs[glyphs.length - 1] = { ...glyphs[glyphs.length - 1]!, xAdvance: glyphs[glyphs.length - 1]!.xAdvance + g.xAdvance };
    }
    return { ...r, glyphs };
  });
  return { ...line, runs };
}
