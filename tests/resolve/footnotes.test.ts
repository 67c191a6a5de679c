/**
 * Footnotes are numbered once, in the resolve stage, for both backends: in
 * document order (list items, table cells, a note in a data field
 * included), in the digits of the template's `footnote` style; a note in a
 * running header or footer is left out with a warning.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentModel, Inline, ParagraphStyle } from '../../src/model/index.js';
import { type RInline, resolveDocument } from '../../src/resolve/index.js';

const note = (text: string): Inline => ({ type: 'footnote', children: [{ type: 'data', source: { file: 'd.json', pointer: `/n/${text}` }, children: [{ type: 'text', value: text }] }] });

function doc(footnote: ParagraphStyle | undefined): DocumentModel {
  return {
    meta: { title: 't', date: '2020-01-01', lang: 'ar', dir: 'rtl' },
    page: { width: 595, height: 842, margins: { top: 72, right: 72, bottom: 72, left: 72 } },
    styles: { normal: { font: 'Amiri', size: 14 }, ...(footnote ? { footnote } : {}) },
    sections: [{
      name: 's',
      header: [{ type: 'paragraph', children: [{ type: 'text', value: 'رأس' }, note('في الرأس')] }],
      blocks: [
        { type: 'paragraph', children: [{ type: 'text', value: 'أ' }, note('1'), { type: 'data', source: { file: 'd.json', pointer: '/x' }, children: [{ type: 'text', value: 'CFM-44' }, note('2')] }] },
        { type: 'listItem', list: 'l', number: 1, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'ب' }, note('3')] }] },
        { type: 'table', columns: [1, 1], rows: [{ type: 'tableRow', cells: [{ type: 'tableCell', children: [{ type: 'paragraph', children: [note('4')] }] }, { type: 'tableCell', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'ج' }, note('5'), note('6'), note('7'), note('8'), note('9'), note('10'), note('11')] }] }] }] },
      ],
    }],
  };
}

function refs(nodes: readonly RInline[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'noteRef' ? [n.note.label] : n.kind === 'isolate' ? refs(n.children) : []));
}

describe('footnote numbers', () => {
  it('numbers notes 1… in document order, in the footnote style’s digits, the note text resolved as a paragraph', () => {
    const r = resolveDocument(doc({ numberStyle: 'arabic-indic', size: 10 }));
    expect(r.notes.map((n) => n.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.notes.map((n) => n.label)).toEqual(['١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩', '١٠', '١١']);
    expect(r.notes.map((n) => n.paragraph.role)).toEqual(Array(11).fill('footnote'));
    expect(r.notes[0]!.paragraph.styleName).toBe('footnote');
    expect(r.notes[0]!.paragraph.style.size).toBe(10);
    expect(r.notes[0]!.paragraph.dir).toBe('rtl');
    // The marker inside a data field stays inside that field's isolate.
    const first = r.sections[0]!.blocks[0]!;
    expect(first.kind === 'paragraph' && refs(first.inlines)).toEqual(['١', '٢']);
  });

  it('uses Western digits when the template says so, and normal when it has no footnote style', () => {
    expect(resolveDocument(doc({ numberStyle: 'decimal' })).notes.map((n) => n.label).slice(-2)).toEqual(['10', '11']);
    const r = resolveDocument(doc(undefined));
    expect(r.notes[0]!.paragraph.styleName).toBe('normal');
    expect(r.notes[0]!.label).toBe('1');
  });

  it('leaves out a note of a running header, with a warning, and counts its data once', () => {
    const r = resolveDocument(doc({}));
    expect(r.notes.some((n) => n.paragraph.inlines.some((i) => i.kind === 'isolate' && i.data?.source.pointer === '/n/في الرأس'))).toBe(false);
    expect(r.diagnostics.filter((d) => d.code === 'FOOTNOTE')).toHaveLength(1);
    const data = r.notes[0]!.paragraph.inlines.find((i) => i.kind === 'isolate');
    expect(data?.kind === 'isolate' && data.data?.occurrence).toBe(0);
  });
});
