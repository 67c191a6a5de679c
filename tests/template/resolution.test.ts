import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDocument, renderModel } from '../../src/pipeline.js';
import { inlineText, type Block, type Inline, type ListItemNode, type ParagraphNode } from '../../src/model/index.js';
import { caught } from './util.js';

const AR = 'data/cfm-45-2018-res-10.ar.json';
const EN = 'data/cfm-45-2018-res-10.en.json';
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, any>;
const text = (b: Block | undefined): string => (b && (b.type === 'paragraph' || b.type === 'heading') ? inlineText(b.children) : '');
/** A paragraph's inlines as [kind, text]: bold leads are `strong` around the data's lead. */
const shape = (list: readonly Inline[]): [string, string][] => list.map((n) => [n.type === 'strong' ? `strong(${n.children.map((c) => c.type).join()})` : n.type, inlineText([n])]);

describe('the resolution in Arabic and English', () => {
  test.each([
    [AR, 'قرار رقم 10/45-س', 'rtl', '%1-', 'abjad', 'start',
      'إن مجلس وزراء خارجية منظمة التعاون الإسلامي، المنعقد في دورته الخامسة والأربعين (دورة «القيم الإسلامية من أجل السلام المستدام والتضامن والتنمية»)، في دكا، جمهورية بنغلاديش الشعبية، خلال الفترة 5–6 مايو 2018 (19–20 شعبان 1439 هـ)،',
      'صدر في دكا، 6 مايو 2018 (20 شعبان 1439 هـ)'],
    [EN, 'Resolution No. 10/45-POL', 'ltr', '%1.', 'latin-lower', 'end',
      'The Council of Foreign Ministers of the Organisation of Islamic Cooperation, at its Forty-fifth Session (Session of “Islamic Values for Sustainable Peace, Solidarity and Development”), held in Dhaka, People’s Republic of Bangladesh, on 5-6 May 2018 (19-20 Shaban 1439 AH),',
      'Adopted in Dhaka, 6 May 2018 (20 Shaban 1439 AH)'],
  ])('%s', async (file, number, dir, numberFormat, subStyle, symbolAlign, body, adoption) => {
    const data = read(file);
    const { model } = await loadDocument(file);
    expect(model.meta.dir).toBe(dir);
    expect(model.meta.date).toBe('2018-05-06');
    expect(model.styles['operative']!.numberFormat).toBe(numberFormat);
    expect(model.styles['subparagraph']!.numberStyle).toBe(subStyle);
    expect(model.styles['symbol']!.align).toBe(symbolAlign);
    const blocks = model.sections[0]!.blocks;
    expect(blocks.slice(0, 5).map(text)).toEqual([data.symbol, data.organization, number, data.title, body]);
    expect(blocks[2]!.type).toBe('heading');

    // Preambular paragraphs: the lead in bold (from the data's "lead"), a space, the text.
    const preamble = blocks.slice(5, 5 + data.preamble.length) as ParagraphNode[];
    preamble.forEach((p, i) => {
      expect(p.style).toBe('preamble');
      expect(shape(p.children)).toEqual([['strong(data)', data.preamble[i].lead], ['text', ' '], ['data', data.preamble[i].text]]);
    });

    // Operative paragraphs numbered 1…n; sub-paragraphs lettered from 1 again under each.
    const rest = blocks.slice(5 + data.preamble.length) as (ListItemNode | ParagraphNode)[];
    const items = rest.filter((b): b is ListItemNode => b.type === 'listItem');
    expect(items.map((i) => [i.list, i.number])).toEqual([
      ['operative', 1], ['operative', 2], ['operative', 3], ['sub', 1], ['sub', 2], ['sub', 3], ['operative', 4], ['operative', 5],
    ]);
    const ops = items.filter((i) => i.list === 'operative');
    ops.forEach((op, i) => {
      expect(shape(op.children[0]!.children)).toEqual([['strong(data)', data.operative[i].lead], ['text', ' '], ['data', data.operative[i].text]]);
    });
    expect(items.filter((i) => i.list === 'sub').map((i) => inlineText(i.children[0]!.children))).toEqual(data.operative[2].subparagraphs);
    expect(text(rest[rest.length - 1])).toBe(adoption);
  });

  test('the English is the Arabic\'s structure', () => {
    const ar = read(AR);
    const en = read(EN);
    expect(Object.keys(en)).toEqual(Object.keys(ar));
    expect(en.preamble.length).toBe(ar.preamble.length);
    expect(en.operative.map((o: { subparagraphs?: string[] }) => o.subparagraphs?.length ?? 0)).toEqual(ar.operative.map((o: { subparagraphs?: string[] }) => o.subparagraphs?.length ?? 0));
    expect([en.session.from, en.session.to, en.adoption.date]).toEqual([ar.session.from, ar.session.to, ar.adoption.date]);
  });

  test('markup typed into a lead is printed as typed, never as bold', () => {
    const data = read(AR);
    data.preamble[0].lead = '<b>إذ يشير</b>';
    const model = renderModel(data, 'data/x.json');
    const p = model.sections[0]!.blocks[5] as ParagraphNode;
    expect(inlineText(p.children)).toBe(`<b>إذ يشير</b> ${data.preamble[0].text}`);
  });

  test('one-day session: the date once', () => {
    const data = read(EN);
    data.session.to = data.session.from;
    data.session.hijri = false;
    const model = renderModel(data, 'data/x.json');
    expect(text(model.sections[0]!.blocks[4])).toMatch(/, on 5 May 2018,$/);
  });
});

describe('schema errors in a resolution name its file and field', () => {
  const bad = (edit: (d: Record<string, any>) => void) => {
    const data = read(AR);
    edit(data);
    return caught(() => renderModel(data, 'data/cfm-45-2018-res-10.ar.json'));
  };
  test('a lead forgotten, a text left empty, a French resolution, a date that does not exist: each with its pointer', () => {
    const errs = bad((d) => {
      delete d.operative[1].lead;
      d.preamble[2].text = ' ';
      d.lang = 'fr';
      d.session.to = '2018-05-32';
    });
    expect(errs.map((e) => [e.code, e.file, e.pointer]).sort()).toEqual([
      ['BAD_DATE', 'data/cfm-45-2018-res-10.ar.json', '/session/to'],
      ['SCHEMA', 'data/cfm-45-2018-res-10.ar.json', '/lang'],
      ['SCHEMA', 'data/cfm-45-2018-res-10.ar.json', '/operative/1/lead'],
      ['SCHEMA', 'data/cfm-45-2018-res-10.ar.json', '/preamble/2/text'],
    ]);
    const lead = errs.find((e) => e.pointer === '/operative/1/lead')!;
    expect(lead.message).toBe('missing required field "lead"');
    expect(lead.hint).toContain('the first verb, printed in bold');
  });
  test('a sub-paragraph written as an object, and an operative list left empty', () => {
    const [e] = bad((d) => { d.operative[2].subparagraphs[1] = { text: 'x' }; });
    expect([e!.pointer, e!.message]).toEqual(['/operative/2/subparagraphs/1', 'expected a string, got an object']);
    const [empty] = bad((d) => { d.operative = []; });
    expect([empty!.code, empty!.pointer]).toEqual(['EMPTY_DOCUMENT', '/operative']);
  });
});
