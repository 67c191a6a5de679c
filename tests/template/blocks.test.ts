import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderModel } from '../../src/pipeline.js';
import type { Block, Section } from '../../src/model/index.js';
import { makeTemplates, META } from './util.js';

const data = JSON.parse(readFileSync('tests/fixtures/blocks.json', 'utf8'));
const FILE = 'tests/fixtures/blocks.json';
const rendered = renderModel(data, FILE, { templatesDir: 'tests/fixtures/templates' });
/** The model without template positions (tested on their own below). */
const model: typeof rendered = JSON.parse(JSON.stringify(rendered, (k, v) => (k === 'origin' ? undefined : v)));
const section = model.sections[0] as Section;
const blocks = section.blocks;
const d = (value: string, pointer?: string) => ({
  type: 'data', children: [{ type: 'text', value }], source: pointer === undefined ? { file: FILE } : { file: FILE, pointer },
});
const find = <T extends Block['type']>(type: T): Extract<Block, { type: T }>[] =>
  blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);

describe('one fixture per block and inline type', () => {
  test('every block knows the template file and line it was written at', () => {
    const [heading, paragraph] = (rendered.sections[0] as Section).blocks as readonly { origin?: unknown }[];
    expect(heading!.origin).toEqual({ file: 'tests/fixtures/templates/blocks/partials/blocks.hbs', line: 1 });
    expect(paragraph!.origin).toEqual({ file: 'tests/fixtures/templates/blocks/partials/blocks.hbs', line: 2 });
  });

  test('heading: level, style, collapsed template whitespace, data isolate', () => {
    expect(find('heading')).toEqual([
      { type: 'heading', style: 'heading', level: 2, children: [{ type: 'text', value: 'Title: ' }, d('T', '/title')] },
    ]);
  });

  test('paragraph with strong, emphasis and lineBreak; spaces trimmed at ends and around the break', () => {
    expect(blocks[1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', value: 'one ' },
        { type: 'strong', children: [{ type: 'text', value: 'bold ' }, d('T', '/title')] },
        { type: 'text', value: ' ' },
        { type: 'emphasis', children: [{ type: 'text', value: 'it' }] },
        { type: 'lineBreak' },
        { type: 'text', value: 'two' },
      ],
    });
  });

  test('listItem: derived numbers, continuation paragraphs, item style given to its first paragraph', () => {
    expect(find('listItem')).toEqual([
      { type: 'listItem', style: 'numbered', list: 'l', number: 1, children: [
        { type: 'paragraph', style: 'numbered', children: [d('first', '/items/0/text')] },
      ] },
      { type: 'listItem', style: 'numbered', list: 'l', number: 2, children: [
        { type: 'paragraph', style: 'numbered', children: [d('second', '/items/1/text')] },
        { type: 'paragraph', style: 'continuation', children: [d('cont A', '/items/1/more/0')] },
        { type: 'paragraph', style: 'continuation', children: [d('cont B', '/items/1/more/1')] },
      ] },
    ]);
  });

  test('pageBreak', () => {
    expect(find('pageBreak')).toEqual([{ type: 'pageBreak' }]);
    expect(blocks.findIndex((b) => b.type === 'pageBreak')).toBe(4);
  });

  test('table: columns, rows, cells, pointers of nested lists', () => {
    const cell = (v: string, p: string) => ({ type: 'tableCell', children: [{ type: 'paragraph', children: [d(v, p)] }] });
    expect(find('table')).toEqual([{
      type: 'table', columns: [2, 1], rows: [
        { type: 'tableRow', cells: [cell('a1', '/rows/0/0'), cell('b1', '/rows/0/1')] },
        { type: 'tableRow', cells: [cell('a2', '/rows/1/0'), cell('b2', '/rows/1/1')] },
      ],
    }]);
  });

  test('field in the footer, header blocks', () => {
    expect(section.header).toEqual([{ type: 'paragraph', children: [{ type: 'text', value: 'head' }] }]);
    expect(section.footer).toEqual([{ type: 'paragraph', children: [
      { type: 'text', value: 'page ' }, { type: 'field', name: 'page' }, { type: 'text', value: ' of ' }, { type: 'field', name: 'pageCount' },
    ] }]);
  });

  test('helpers print as data with the pointer of their argument; ../ and @root resolve to the root field', () => {
    const tail = blocks.slice(-3);
    // A helper's result is derived: shown, not edited (the Word draft locks it).
    expect(tail[0]).toEqual({ type: 'paragraph', children: [{ ...d('29 فبراير 2020', '/date'), derived: true }] });
    expect(tail[1]).toEqual({ type: 'paragraph', children: [
      d('T', '/title'), { type: 'text', value: '/' }, d('T', '/title'), { type: 'text', value: '/' }, d('0'),
    ] });
    expect(tail[2]!.type === 'paragraph' && tail[2]!.children[4]).toEqual(d('1'));
  });

  test('meta and page come from the template', () => {
    expect(model.meta).toEqual({ title: 'T', date: '2020-02-29', lang: 'ar', dir: 'rtl' });
    expect(model.page.margins.top).toBe(72);
    expect(Object.keys(model.styles)).toEqual(['normal', 'heading', 'numbered', 'continuation']);
  });

  test('list numbering continues across items and restarts with start=', () => {
    const root = makeRoot('<item list="a"><p>x</p></item><item list="b"><p>y</p></item><item list="a"><p>z</p></item><item list="a" start="10"><p>w</p></item><item list="a"><p>v</p></item>');
    const m = renderModel({ template: 't', title: 'x' }, 'x.json', { templatesDir: root });
    expect(m.sections[0]!.blocks.map((b) => b.type === 'listItem' && `${b.list}${b.number}`)).toEqual(['a1', 'b1', 'a2', 'a10', 'a11']);
  });
});

function makeRoot(body: string): string {
  return makeTemplates({ 'main.hbs': `<document>${META}<section name="s">${body}</section></document>` });
}
