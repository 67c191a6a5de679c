/**
 * Issue 6, bidi safety — the policy (README "When something goes wrong"):
 * - embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
 *   in data are refused (BIDI_CONTROL naming the field; see when-wrong.test.ts);
 * - the marks U+200E LRM, U+200F RLM and U+061C ALM are kept: they are
 *   ordinary in Arabic text, and as every field is laid out as its own bidi
 *   isolate they cannot reorder anything outside their field.
 * This file checks it on the engine alone; tests/resolve/bidi-policy.test.ts
 * checks the policy through both backends (the PDF's drawn order, the Word
 * draft's runs and the bidi algorithm's order of its text).
 */
import { describe, expect, test } from 'vitest';
import { loadDocument } from '../../src/pipeline.js';
import { inlineText, type ParagraphNode } from '../../src/model/index.js';
import { TextEngine, type InlineItem, type TextStyle } from '../../src/text/index.js';
import { loadFontConfig } from '../../src/text/fonts.js';
import { annexVariant } from './util.js';

const engine = new TextEngine(loadFontConfig());
const ar: TextStyle = { family: 'Amiri', bold: false, italic: false, size: 14, lang: 'ar' };

/** The visual (left-to-right) order of the characters outside the field, on the first line. */
function outside(field: string, dir: 'rtl' | 'ltr'): string {
  const before = 'قال ';
  const after = ' 123 نص';
  const items: InlineItem[] = [
    { kind: 'text', text: before, style: ar },
    { kind: 'isolate', dir: 'auto' }, { kind: 'text', text: field, style: ar }, { kind: 'endIsolate' },
    { kind: 'text', text: after, style: ar },
  ];
  const p = engine.layoutParagraph({ items, dir, align: 'start', width: 2000 });
  const fieldStart = before.length + 1;
  const fieldEnd = fieldStart + field.length;
  const chars: string[] = [];
  for (const r of p.lines[0]!.runs) {
    const g = r.level % 2 === 1 ? [...r.glyphs].reverse() : r.glyphs;
    let at = r.start;
    const mine: string[] = [];
    for (const x of g) {
      if (at < fieldStart || at >= fieldEnd) mine.push(x.text);
      else mine.push('F');
      at += x.text.length;
    }
    chars.push(...(r.level % 2 === 1 ? mine.reverse() : mine));
  }
  return chars.join('').replace(/F+/g, 'F');
}

describe('LRM / RLM / ALM in data: kept, and contained by the field isolate', () => {
  test('data with the marks builds, and keeps them as written', async () => {
    const file = annexVariant((d) => { d.venue = `New York\u200F`; d.paragraphs[0].text = `\u200Fنص ABC\u200E 12`; d.symbol = 'ACM\u061C-2018'; });
    const { model } = await loadDocument(file);
    const texts = model.sections.flatMap((s) => s.blocks).filter((b): b is ParagraphNode => b.type === 'paragraph').map((b) => inlineText(b.children));
    expect(texts.join('\n')).toContain('New York\u200F');
  });

  test.each(['rtl', 'ltr'] as const)('the text around a field orders the same with or without a mark in it (%s)', (dir) => {
    for (const field of ['ABC', 'نص', 'A 1']) {
      const plain = outside(field, dir);
      for (const mark of ['\u200E', '\u200F', '\u061C']) {
        expect(outside(`${field}${mark}`, dir), JSON.stringify([field, mark])).toBe(plain);
        expect(outside(`${mark}${field}`, dir), JSON.stringify([mark, field])).toBe(plain);
      }
    }
  });
});
