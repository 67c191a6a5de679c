import { describe, expect, test } from 'vitest';
import { renderModel } from '../../src/pipeline.js';
import { formatError } from '../../src/errors.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caught, makeTemplates, META, SCHEMA } from './util.js';

function errorsFor(files: Record<string, string>, data: Record<string, unknown> = { title: 'x' }) {
  const root = makeTemplates(files);
  return caught(() => renderModel({ template: 't', ...data }, 'd.json', { templatesDir: root }));
}
const doc = (body: string) => `<document>${META}\n<section name="s">\n${body}\n</section></document>`;

describe('template mistakes name the template file and line', () => {
  test('a field missing from the data (strict) → TEMPLATE', () => {
    const [e] = errorsFor({ 'main.hbs': doc('<p>ok</p>\n<p>{{subtitle}}</p>') });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.file!.endsWith('main.hbs')).toBe(true);
    expect(e!.line).toBe(4);
    expect(e!.message).toContain('"subtitle"');
  });

  test('a missing field in a section block (Handlebars strict lookup) → TEMPLATE with line', () => {
    const [e] = errorsFor({ 'main.hbs': doc('{{#missing}}<p>x</p>{{/missing}}') });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.line).toBe(3);
    expect(e!.message).toContain('"missing"');
  });

  test('a missing field inside a partial names the partial', () => {
    const [e] = errorsFor({ 'main.hbs': doc('{{> inner}}'), 'partials/inner.hbs': '<p>a</p>\n\n<p>{{nope.deeper}}</p>' });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.file!.endsWith('partials/inner.hbs')).toBe(true);
    expect(e!.line).toBe(3);
  });

  test('an unknown helper → MISSING_HELPER at its line, listing the helpers', () => {
    const [e] = errorsFor({ 'main.hbs': doc('<p>\n{{fmtDate title}}</p>') });
    expect(e!.code).toBe('MISSING_HELPER');
    expect(e!.line).toBe(4);
    expect(e!.hint).toContain('formatDate');
    const [s] = errorsFor({ 'main.hbs': doc('{{#if (nothelper title)}}<p>x</p>{{/if}}') });
    expect(s!.code).toBe('MISSING_HELPER');
    expect(s!.message).toContain('nothelper');
  });

  test('an unknown partial → TEMPLATE listing the partials', () => {
    const [e] = errorsFor({ 'main.hbs': doc('{{> nothere}}'), 'partials/a.hbs': '' });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.hint).toContain('a');
    expect(e!.line).toBe(3);
  });

  test('triple braces are refused', () => {
    const [e] = errorsFor({ 'main.hbs': doc('<p>{{{title}}}</p>') });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.message).toContain('{{{');
  });

  test('a Handlebars syntax error → TEMPLATE with line', () => {
    const [e] = errorsFor({ 'main.hbs': doc('<p>{{#if title}}x{{/each}}</p>') });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.line).toBe(3);
  });

  test('printing an object is a mistake', () => {
    const [e] = errorsFor({ 'main.hbs': doc('<p>{{obj}}</p>') }, { title: 'x', obj: { a: 1 } });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.message).toContain('an object');
  });

  test('a helper given wrong arguments → TEMPLATE naming file and line', () => {
    const [e] = errorsFor({ 'main.hbs': doc('\n<p>{{formatDate title title}}</p>') });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.line).toBe(4);
    expect(e!.file!.endsWith('main.hbs')).toBe(true);
  });
});

describe('markup mistakes → MARKUP with the template file and line', () => {
  const cases: [string, Record<string, string>, string, number, string][] = [
    ['unclosed element', { 'main.hbs': doc('<p>a\n<b>b</p>') }, 'main.hbs', 4, 'well-formed'],
    ['unknown element', { 'main.hbs': doc('<p>a</p>\n<para>b</para>') }, 'main.hbs', 4, '<para>'],
    ['unknown attribute', { 'main.hbs': doc('<p colour="red">a</p>') }, 'main.hbs', 3, 'colour'],
    ['unknown style', { 'main.hbs': doc('<p style="nope">a</p>') }, 'main.hbs', 3, 'nope'],
    ['text outside a paragraph', { 'main.hbs': doc('stray words') }, 'main.hbs', 3, 'stray'],
    ['block in the wrong place', { 'main.hbs': doc('<p><h level="1">x</h></p>') }, 'main.hbs', 3, '<h>'],
    ['bad heading level', { 'main.hbs': doc('<h level="9">x</h>') }, 'main.hbs', 3, 'level'],
    ['unknown field', { 'main.hbs': doc('<p><field name="chapter"/></p>') }, 'main.hbs', 3, 'chapter'],
    ['error inside a partial', { 'main.hbs': doc('{{> part}}'), 'partials/part.hbs': '<p>ok</p>\n<p>bad &nbsp; entity</p>' }, 'partials/part.hbs', 2, 'well-formed'],
    ['table rows of different widths', { 'main.hbs': doc('<table><row><cell/><cell/></row>\n<row><cell/></row></table>') }, 'main.hbs', 3, 'row 2'],
    ['a hand-written data element', { 'main.hbs': doc('<p><data ref="99"/></p>') }, 'main.hbs', 3, 'ref'],
  ];
  test.each(cases)('%s', (_name, files, file, line, text) => {
    const [e] = errorsFor(files);
    expect(e!.code).toBe('MARKUP');
    expect(e!.file!.endsWith(file)).toBe(true);
    expect(e!.line).toBe(line);
    expect(formatError(e!)).toContain(text);
  });

  test('no meta → MARKUP', () => {
    const [e] = errorsFor({ 'main.hbs': '<document><section name="s"/></document>' });
    expect(e!.code).toBe('MARKUP');
    expect(e!.message).toContain('<meta>');
  });
});

describe('template folder mistakes', () => {
  test('styles.json that does not follow the style model → TEMPLATE with pointer', () => {
    const [e] = errorsFor({ 'main.hbs': doc(''), 'styles.json': JSON.stringify({ page: { width: 1, height: 1, margins: { top: 0, right: 0, bottom: 0, left: 0 } }, styles: { normal: { size: 'big' } } }) });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.file!.endsWith('styles.json')).toBe(true);
    expect(e!.pointer).toBe('/styles/normal/size');
  });

  test('a schema that is not a JSON Schema → TEMPLATE', () => {
    const [e] = errorsFor({ 'main.hbs': doc(''), 'schema.json': '{"type": "thing"}' });
    expect(e!.code).toBe('TEMPLATE');
    expect(e!.file!.endsWith('schema.json')).toBe(true);
  });
});

describe('template JSON files: syntax errors and encodings at their place', () => {
  test('a comma after the last style → TEMPLATE at the comma, with what to do', () => {
    const styles = '{\n  "page": { "width": 1, "height": 1, "margins": { "top": 0, "right": 0, "bottom": 0, "left": 0 } },\n  "styles": { "normal": { "size": 12 }, }\n}';
    const [e] = errorsFor({ 'main.hbs': doc(''), 'styles.json': styles });
    expect(e!.code).toBe('TEMPLATE');
    expect(formatError(e!)).toMatch(/styles\.json:3:39: styles\.json is not valid JSON: a comma after the last field \(delete it\) \(fix the JSON syntax: /);
  });

  test('a schema.json saved as UTF-16 → TEMPLATE naming the encoding', () => {
    const root = makeTemplates({ 'main.hbs': doc('') });
    writeFileSync(join(root, 't', 'schema.json'), Buffer.from('\ufeff' + SCHEMA, 'utf16le'));
    const [f] = caught(() => renderModel({ template: 't', title: 'x' }, 'd.json', { templatesDir: root }));
    expect(f!.code).toBe('TEMPLATE');
    expect(formatError(f!)).toContain('schema.json: schema.json is not valid JSON: the file is saved as UTF-16 (little-endian; Notepad calls it "Unicode"), not UTF-8 (open it in Notepad');
  });
});
