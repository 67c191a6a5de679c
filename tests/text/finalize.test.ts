/**
 * Rule L2 keeps the isolate controls' levels (src/text/finalize.ts): a
 * right-to-left isolate right after a left-to-right run inside Arabic text
 * comes next in reading order, to the left of that run, as in a browser and
 * in LibreOffice (fribidi and bidi-js agree on the levels), not glued to the
 * run's right end. Before, the controls were left out before reordering and
 * the isolate joined the run: a footnote's number after `S/RES/822 (1993)`
 * was drawn right of `(1993)`, where LibreOffice draws it left of `S/RES/822`.
 */
import { describe, expect, it } from 'vitest';
import { TextEngine, type LaidOutParagraph, type TextStyle } from '../../src/text/index.js';
import { loadFontConfig } from '../../src/text/fonts.js';

const engine = new TextEngine(loadFontConfig());
const ar: TextStyle = { family: 'Amiri', bold: false, italic: false, size: 14, lang: 'ar' };
const small: TextStyle = { ...ar, size: 9 };

function lay(items: Parameters<TextEngine['layoutParagraph']>[0]['items']): LaidOutParagraph {
  return engine.layoutParagraph({ items, dir: 'rtl', align: 'start', width: 2000 });
}
/** The line's runs' texts, left to right. */
const visual = (p: LaidOutParagraph): string[] => p.lines[0]!.runs.map((r) => r.text);

describe('isolates in the visual order of a line', () => {
  it('puts an Arabic-Indic number in its own RLI after a Latin run to the left of the run', () => {
    const p = lay([
      { kind: 'text', text: 'قرارات مجلس الأمن الدولي S/RES/822 (1993)', style: ar },
      { kind: 'isolate', dir: 'rtl' }, { kind: 'text', text: '٢', style: small }, { kind: 'endIsolate' },
      { kind: 'text', text: ' وS/RES/853', style: ar },
    ]);
    const v = visual(p);
    const marker = v.indexOf('٢');
    const latin = v.findIndex((t) => t.includes('S/RES/822'));
    expect(marker).toBeGreaterThanOrEqual(0);
    expect(marker).toBe(latin - 1);
  });

  it('puts a Western number in its own RLI after a Latin word to the left of the word, too', () => {
    const v = visual(lay([
      { kind: 'text', text: 'الوثيقة COMSTECH', style: ar },
      { kind: 'isolate', dir: 'rtl' }, { kind: 'text', text: '12', style: small }, { kind: 'endIsolate' },
      { kind: 'text', text: ' المؤرخة', style: ar },
    ]));
    expect(v.indexOf('12')).toBe(v.findIndex((t) => t.includes('COMSTECH')) - 1);
  });

  it('leaves a number with no isolate of its own in the Latin run (European digits after Latin are Latin)', () => {
    const v = visual(lay([{ kind: 'text', text: 'الوثيقة COMSTECH 12 المؤرخة', style: ar }]));
    expect(v.some((t) => t.includes('COMSTECH 12'))).toBe(true);
  });
});
