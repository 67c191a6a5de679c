import { describe, expect, test } from 'vitest';
import { renderModel } from '../../src/pipeline.js';
import { inlineText, type ParagraphNode } from '../../src/model/index.js';
import { makeTemplates, META } from './util.js';

const root = makeTemplates({
  'main.hbs': `<document>${META}<section name="s">
    <p>before {{title}} after</p>
    <p><b>{{title}}</b></p>
    {{#each items}}<p>{{this}}</p>{{/each}}
  </section></document>`,
});

function paragraphs(title: string, items: string[] = []): ParagraphNode[] {
  const m = renderModel({ template: 't', title, items }, 'd.json', { templatesDir: root });
  return m.sections[0]!.blocks as ParagraphNode[];
}

const NASTY = [
  '<b>bold?</b>',
  '</p><p>',
  '&amp; &lt; & <',
  '{{title}} {{{title}}} {{> x}}',
  ']]> <![CDATA[x]]> <?pi?> <!-- c -->',
  '"quotes" \'apos\'',
  '  two  spaces\nnew line  ', // a tab or another control character is refused (CONTROL_CHAR, tests/pipeline/when-wrong.test.ts)
  'U+E000 \uE000 and \uE0011:1\uE001 markers',
  'كما أكد ٨٢٢ (١٩٩٣)، و٨٥٣',
  '𝒜 astral',
];

/** A data value's inlines: its text, a newline being a line break (and nothing else changed). */
function text(value: string): unknown[] {
  return value.split('\n').flatMap((part, i) => [...(i > 0 ? [{ type: 'lineBreak' }] : []), ...(part !== '' ? [{ type: 'text', value: part }] : [])]);
}

describe('data is text, never markup', () => {
  test.each(NASTY)('%j comes out exactly as written', (value) => {
    const [p1, p2, p3] = paragraphs(value, [value]);
    expect(p1!.children).toEqual([
      { type: 'text', value: 'before ' },
      { type: 'data', children: text(value), source: { file: 'd.json', pointer: '/title' } },
      { type: 'text', value: ' after' },
    ]);
    expect(inlineText(p2!.children)).toBe(value);
    expect(p2!.children[0]!.type).toBe('strong');
    expect(p3!.children).toEqual([{ type: 'data', children: text(value), source: { file: 'd.json', pointer: '/items/0' } }]);
  });

  test('a newline in data is a line break inside the paragraph; a Windows \\r\\n is one too', () => {
    const [p1] = paragraphs('سطر أول\r\nسطر ثان\nثالث');
    expect((p1!.children[1] as { readonly children: readonly unknown[] }).children).toEqual([
      { type: 'text', value: 'سطر أول' }, { type: 'lineBreak' }, { type: 'text', value: 'سطر ثان' }, { type: 'lineBreak' }, { type: 'text', value: 'ثالث' },
    ]);
  });

  test('data never adds blocks or elements', () => {
    const blocks = paragraphs('</p></section><section name="evil"><p>x', ['<pagebreak/>']);
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  test('an empty value prints nothing', () => {
    const [p1] = paragraphs('');
    expect(p1!.children).toEqual([{ type: 'text', value: 'before after' }]);
  });
});
