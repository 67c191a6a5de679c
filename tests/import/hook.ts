/**
 * Until the DOCX converter marks fields itself: a small converter that makes a
 * marked draft from a data file through the real template and model (each data
 * field through marking.ts's MarkRegistry, with bidi isolates at its edges as
 * the converter may put them), packed by the real repack with the merge base.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Document, Header, Packer, Paragraph, TextRun } from 'docx';
import type { ParagraphChild } from 'docx';
import { MarkRegistry, fieldLabel } from '../../src/backends/docx/marking.js';
import { repack } from '../../src/backends/docx/package.js';
import { draftBaseInfo } from '../../src/backends/docx/base-info.js';
import type { Block, Inline } from '../../src/model/index.js';
import { loadDocument } from '../../src/pipeline.js';
import { at } from '../../src/template/validate.js';

export async function markedDraft(dataFile: string): Promise<Uint8Array> {
  const { model, bytes } = await loadDocument(dataFile);
  const data = JSON.parse(readFileSync(dataFile, 'utf8')) as unknown;
  const reg = new MarkRegistry(model.meta.lang);
  const runs = (nodes: readonly Inline[], derived: boolean, fmt: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] =>
    nodes.flatMap((n): ParagraphChild[] => {
      switch (n.type) {
        case 'text': return [new TextRun({ text: n.value, ...fmt })];
        case 'strong': return runs(n.children, derived, { ...fmt, bold: true });
        case 'emphasis': return runs(n.children, derived, { ...fmt, italics: true });
        case 'lineBreak': return [new TextRun({ break: 1 })];
        case 'field': return [new TextRun({ text: '#' })];
        case 'data': {
          const inner = runs(n.children, derived, fmt);
          const pointer = n.source?.pointer;
          if (pointer === undefined) return inner;
          const text = n.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
          const isDerived = derived || at(data, pointer) !== text;
          return reg.mark(pointer, fieldLabel(pointer, model.meta.lang), isDerived, [new TextRun('\u2068'), ...inner, new TextRun('\u2069')]);
        }
      }
    });
  const paragraphs = (blocks: readonly Block[], derived: boolean): Paragraph[] =>
    blocks.flatMap((b): Paragraph[] => {
      if (b.type === 'paragraph' || b.type === 'heading') return [new Paragraph({ children: runs(b.children, derived) })];
      if (b.type === 'listItem') return b.children.flatMap((c) => (c.type === 'paragraph' ? [new Paragraph({ children: runs(c.children, derived) })] : []));
      return [];
    });
  const sections = model.sections.map((s) => ({
    ...(s.header ? { headers: { default: new Header({ children: paragraphs(s.header, true) }) } } : {}),
    children: paragraphs(s.blocks, false),
  }));
  const raw = new Uint8Array(await Packer.toBuffer(new Document({ sections })));
  return repack(raw, { title: model.meta.title, date: '2018-09-24T00:00:00Z' }, new Date(Date.UTC(2018, 8, 24)), {
    rtlSections: true, base: await draftBaseInfo(bytes, basename(dataFile)),
  });
}
