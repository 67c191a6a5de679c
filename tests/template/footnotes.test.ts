/**
 * Footnotes from the data's structure (`"notes": [{ "after": "…", "text": "…" }]`),
 * placed by the markup (`<note><after>{{after}}</after>{{text}}</note>`):
 * the marker after the first occurrence of the words in the paragraph's
 * text (template text or data, the bold lead included), at the template's
 * place without `after`; data never parsed as markup; words that are not
 * there are a FOOTNOTE error at the data's pointer and line, saying what to do.
 */
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/pipeline.js';
import { DocError } from '../../src/errors.js';
import type { Block, Inline, ParagraphNode } from '../../src/model/index.js';
import { longResolution, writeData } from '../fixtures/footnotes.js';
import { META, makeTemplates } from './util.js';

/** A paragraph's inlines as a flat string, each footnote as ⟦its text⟧. */
function show(nodes: readonly Inline[]): string {
  return nodes.map((n) => {
    switch (n.type) {
      case 'text': return n.value;
      case 'footnote': return `⟦${show(n.children)}⟧`;
      case 'lineBreak': return '\n';
      case 'field': return '';
      default: return show(n.children);
    }
  }).join('');
}

const paragraphs = (blocks: readonly Block[]): ParagraphNode[] =>
  blocks.flatMap((b) => (b.type === 'paragraph' ? [b] : b.type === 'listItem' ? b.children : []));

const SCHEMA = JSON.stringify({
  type: 'object', required: ['template', 'title'],
  properties: {
    template: { type: 'string' }, title: { type: 'string' },
    paras: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, notes: { type: 'array', items: { type: 'object', properties: { after: { type: 'string' }, text: { type: 'string' } } } } } } },
  },
});
const TEMPLATES = makeTemplates({
  'schema.json': SCHEMA,
  'main.hbs': `<document>${META}<section name="s">{{#each paras}}<p>قبل {{text}}{{#each notes}}<note>{{#if after}}<after>{{after}}</after>{{/if}}{{text}}</note>{{/each}}</p>{{/each}}</section></document>`,
});

async function model(paras: unknown[]) {
  const file = writeData({ template: 't', title: 'عنوان', paras }, 'notes.json');
  return { file, doc: (await loadDocument(file, { templatesDir: TEMPLATES })).model };
}

describe('footnotes in the markup', () => {
  it('puts the marker right after the words named, inside the data text, and keeps the text whole', async () => {
    const { doc } = await model([{ text: 'قرار رقم 10/44-س بشأن COVID-19؛', notes: [{ after: 'رقم 10/44-س', text: 'اعتمد في 2017.' }] }]);
    const [p] = paragraphs(doc.sections[0]!.blocks);
    expect(show(p!.children)).toBe('قبل قرار رقم 10/44-س⟦اعتمد في 2017.⟧ بشأن COVID-19؛');
    // The data field stays one node holding the marker: its text, notes aside, is the value as typed.
    const data = p!.children.find((n) => n.type === 'data')!;
    expect(show((data as { children: readonly Inline[] }).children).replace(/⟦[^⟧]*⟧/g, '')).toBe('قرار رقم 10/44-س بشأن COVID-19؛');
  });

  it('finds the words in template text too, and puts a note without "after" where the template wrote it', async () => {
    const { doc } = await model([{ text: 'نص', notes: [{ after: 'قبل', text: 'أولى' }, { text: 'ثانية https://www.oic-oci.org/' }] }]);
    expect(show(paragraphs(doc.sections[0]!.blocks)[0]!.children)).toBe('قبل⟦أولى⟧ نص⟦ثانية https://www.oic-oci.org/⟧');
  });

  it('prints markup in the data as text: <b>, &amp; and {{…}} in a note stay characters', async () => {
    const { doc } = await model([{ text: 'نص <b>x</b>', notes: [{ after: '<b>x</b>', text: 'a &amp; <i>b</i> {{title}}' }] }]);
    expect(show(paragraphs(doc.sections[0]!.blocks)[0]!.children)).toBe('قبل نص <b>x</b>⟦a &amp; <i>b</i> {{title}}⟧');
  });

  it('keeps a no-break space and a right-to-left mark pasted from Word; the words must match them exactly', async () => {
    const { doc } = await model([{ text: 'الاسم\u00a0الرسمي\u200f: أذربيجان', notes: [{ after: 'الاسم\u00a0الرسمي\u200f', text: 'ملاحظة' }] }]);
    expect(show(paragraphs(doc.sections[0]!.blocks)[0]!.children)).toBe('قبل الاسم\u00a0الرسمي\u200f⟦ملاحظة⟧: أذربيجان');
    const err = await model([{ text: 'الاسم\u00a0الرسمي', notes: [{ after: 'الاسم الرسمي', text: 'ملاحظة' }] }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocError);
  });

  it('reports words that are not in the paragraph as FOOTNOTE, at the data pointer and line, saying what to do', async () => {
    const paras = [{ text: 'أول' }, { text: 'قرار رقم 10/44-س', notes: [{ text: 'سليمة' }, { after: 'رقم 10/45-س', text: 'خطأ' }] }];
    const err = (await model(paras).catch((e: unknown) => e)) as DocError;
    expect(err).toBeInstanceOf(DocError);
    expect(err.code).toBe('FOOTNOTE');
    expect(err.pointer).toBe('/paras/1/notes/1/after');
    expect(err.file).toMatch(/notes\.json$/);
    // JSON.stringify(…, null, 2) writes "after" of the second note of the second paragraph on line 15.
    expect(err.line).toBe(15);
    expect(err.message).toContain('رقم 10/45-س');
    expect(err.hint).toMatch(/copy the words exactly/);
    expect(err.hint).toMatch(/leave "after" out/);
  });

  it('refuses a note inside a note, two <after>, and an <after> without data, naming the template line', async () => {
    for (const body of ['<p>x<note>a<note>b</note></note></p>', '<p>x{{#each paras}}<note><after>{{text}}</after><after>{{text}}</after>n</note>{{/each}}</p>', '<p>x<note><after>typed</after>n</note></p>']) {
      const t = makeTemplates({ 'schema.json': SCHEMA, 'main.hbs': `<document>${META}<section name="s">${body}</section></document>` });
      const file = writeData({ template: 't', title: 'x', paras: [{ text: 'x' }] }, 'n.json');
      const err = (await loadDocument(file, { templatesDir: t }).catch((e: unknown) => e)) as DocError;
      expect(err.code, body).toBe('MARKUP');
      expect(err.line, body).toBe(1);
    }
  });
});

describe('footnotes of the resolution template', () => {
  it('places every note of a long resolution (after the bold lead, after words of the text, at the end)', async () => {
    const data = longResolution('ar', 1);
    const { model: doc } = await loadDocument(writeData(data, 'res.ar.json'), { templatesDir: 'templates' });
    const texts = paragraphs(doc.sections[0]!.blocks).map((p) => show(p.children)).filter((t) => t.includes('⟦'));
    expect(texts[0]).toContain('القرار رقم 10/44-س⟦');
    expect(texts[1]).toMatch(/^وإذ يشير كذلك⟦انظر أيضًا/);
    expect(texts.at(-1)).toMatch(/⟧$/);
  });
});
