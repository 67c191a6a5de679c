/** Each printing of a data field is counted once, in document order (the Word draft's markers are named by it). */
import { describe, expect, test } from 'vitest';
import type { DocumentModel, Inline } from '../../src/model/index.js';
import { type RInline, resolveDocument } from '../../src/resolve/index.js';

const field = (pointer: string, value: string): Inline => ({ type: 'data', children: [{ type: 'text', value }], source: { file: 'd.json', pointer } });

const occurrences = (nodes: readonly RInline[]): string[] =>
  nodes.flatMap((n) => (n.kind === 'isolate' ? [...(n.data ? [`${n.data.source.pointer}#${n.data.occurrence}:${n.dir}`] : []), ...occurrences(n.children)] : []));

describe('data occurrences', () => {
  test('fields inside a dir="auto" span are counted once, and take the span\'s first strong direction', () => {
    const doc: DocumentModel = {
      meta: { title: 't', date: '2020-01-01', lang: 'ar', dir: 'rtl' },
      page: { width: 595, height: 842, margins: { top: 72, right: 72, bottom: 72, left: 72 } },
      styles: { normal: { font: 'Amiri', size: 12 } },
      sections: [{ name: 's', blocks: [
        { type: 'paragraph', children: [{ type: 'span', dir: 'auto', children: [{ type: 'text', value: 'Ref. ' }, field('/a', 'x'), { type: 'text', value: ' ' }, field('/b', 'y')] }] },
        { type: 'paragraph', children: [field('/a', 'x')] },
      ] }],
    };
    const [p1, p2] = resolveDocument(doc).sections[0]!.blocks;
    expect(p1!.kind === 'paragraph' && occurrences(p1!.inlines)).toEqual(['/a#0:ltr', '/b#0:ltr']);
    expect(p2!.kind === 'paragraph' && occurrences(p2!.inlines)).toEqual(['/a#1:rtl']);
  });
});
