import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFile, jsonSyntaxError, loadDocument, parseJson } from '../../src/pipeline.js';
import { DocError, DocErrors, formatError } from '../../src/errors.js';
import { ANNEX, annexVariant, lineCol, outputsIn, tempDir, writeTemp } from './util.js';

async function errorsOf(p: Promise<unknown>): Promise<DocError[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DocErrors) return [...e.errors];
    if (e instanceof DocError) return [e];
    throw e;
  }
  throw new Error('expected the build to fail');
}

describe('JSON syntax errors carry line and column', () => {
  const cases: [string, number, number, string][] = [
    // At the real mistake: the comma after the last item, not the bracket after it.
    ['{\n  "a": 1,\n}', 2, 9, 'a comma after the last field (delete it)'],
    ['[\n  1,\n  2,\n]', 3, 4, 'a comma after the last item (delete it)'],
    // A missing comma: right after the value it should follow.
    ['{\n  "a": 1\n  "b": 2\n}', 2, 9, 'a comma is missing after this value'],
    ['[{"a": 1} {"a": 2}]', 1, 10, 'a comma is missing after this item'],
    ['[1,2,,]', 1, 6, 'a value'],
    // An unclosed string: where it opens, not where the scanner gave up.
    ['{"a": "x\ny"}', 1, 7, 'the text that starts here has no closing double quote " before the end of the line'],
    ['{\n  "title": "abc,\n  "venue": "x"\n}', 2, 12, 'no closing double quote'],
    ['{"a": "abc', 1, 7, 'the text that starts here has no closing double quote "'],
    // Quotes pasted from a word processor.
    ['{\u201ctitle\u201d: 1}', 1, 2, 'straight double quotes'],
    ["{'title': 1}", 1, 2, 'straight double quotes'],
    ['{"a": "x\ty"}', 1, 9, 'a tab or control character inside a string'],
    ['{"a": tru}', 1, 7, 'a value'],
    ['', 1, 1, 'the end of the file'],
    ['{"a": 1} x', 1, 10, 'the end of the file'],
  ];
  test.each(cases)('%j', (text, line, column, words) => {
    let err: DocError | undefined;
    try {
      parseJson(text, 'x.json');
    } catch (e) {
      err = e as DocError;
    }
    expect(err?.code).toBe('JSON_SYNTAX');
    expect([err?.line, err?.column]).toEqual([line, column]);
    expect(err?.message).toContain(words);
    expect(formatError(err!)).toMatch(new RegExp(`^x\\.json:${line}:${column}: `));
  });
  test('the scanner agrees with JSON.parse on valid text', () => {
    expect(jsonSyntaxError(readFileSync(ANNEX, 'utf8'))).toEqual({ offset: 0, message: 'invalid JSON' });
  });
});

describe('data checks', () => {
  test('a type error names the pointer and what to do', async () => {
    const file = annexVariant((d) => { d.paragraphs[3].text = 42; });
    const [e, ...more] = await errorsOf(loadDocument(file));
    expect(more).toEqual([]);
    expect(e!.code).toBe('SCHEMA');
    expect(formatError(e!)).toBe(`${file}:${lineCol(file, '"text": 42')}: /paragraphs/3/text (paragraph 4): expected a string, got a number (write a string here: the paragraph's text, without its number)`);
  });

  test('all problems are reported at once', async () => {
    const file = annexVariant((d) => {
      delete d.title;
      d.paragraphs[1].text = '   ';
      d.paragraphs[2].continuation[1] = null;
      d.extra = true;
      d.lang = 'de';
    });
    const errs = await errorsOf(loadDocument(file));
    expect(errs.map((e) => [e.code, e.pointer]).sort()).toEqual([
      ['SCHEMA', '/extra'], ['SCHEMA', '/lang'], ['SCHEMA', '/paragraphs/1/text'],
      ['SCHEMA', '/paragraphs/2/continuation/1'], ['SCHEMA', '/title'],
    ]);
    expect(errs.every((e) => e.file === file && e.hint)).toBe(true);
  });

  test('a date that does not exist → BAD_DATE', async () => {
    const [e] = await errorsOf(loadDocument(annexVariant((d) => { d.date = '2018-02-30'; })));
    expect([e!.code, e!.pointer]).toEqual(['BAD_DATE', '/date']);
    const [f] = await errorsOf(loadDocument(annexVariant((d) => { d.date = '24 September 2018'; })));
    expect([f!.code, f!.pointer]).toEqual(['BAD_DATE', '/date']);
  });

  test('an unknown template → UNKNOWN_TEMPLATE listing the known ones', async () => {
    const file = annexVariant((d) => { d.template = 'oic-anex'; });
    const [e] = await errorsOf(loadDocument(file));
    expect(e!.code).toBe('UNKNOWN_TEMPLATE');
    expect(e!.file).toBe(file);
    expect(e!.pointer).toBe('/template');
    expect(e!.hint).toContain('oic-annex');
  });

  test('no paragraphs → EMPTY_DOCUMENT', async () => {
    const [e] = await errorsOf(loadDocument(annexVariant((d) => { d.paragraphs = []; })));
    expect([e!.code, e!.pointer]).toEqual(['EMPTY_DOCUMENT', '/paragraphs']);
  });

  test('direction controls in the data → BIDI_CONTROL with pointer', async () => {
    const [e] = await errorsOf(loadDocument(annexVariant((d) => { d.paragraphs[0].text = 'abc\u202Edef'; })));
    expect([e!.code, e!.pointer]).toEqual(['BIDI_CONTROL', '/paragraphs/0/text']);
    expect(e!.message).toContain('U+202E');
  });

  test('unreadable and non-object data', async () => {
    const [e] = await errorsOf(loadDocument('does/not/exist.json'));
    expect([e!.code, e!.file]).toEqual(['INPUT_UNREADABLE', 'does/not/exist.json']);
    const [f] = await errorsOf(loadDocument(writeTemp('[1, 2]')));
    expect([f!.code, f!.pointer]).toEqual(['SCHEMA', '']);
    const [g] = await errorsOf(loadDocument(writeTemp('{"title": "x"}')));
    expect([g!.code, g!.pointer]).toEqual(['SCHEMA', '/template']);
  });
});

describe('buildFile', () => {
  test('an unknown format is refused before any work, listing the valid ones', async () => {
    const out = tempDir();
    const [e] = await errorsOf(buildFile(ANNEX, { formats: ['pdf', 'odt'], outDir: out }));
    expect(e!.code).toBe('UNKNOWN_FORMAT');
    expect(e!.hint).toContain('pdf, docx');
    expect(readdirSync(out)).toEqual([]);
  });

  test('a failed build leaves earlier outputs untouched', async () => {
    const out = tempDir();
    const previous = join(out, 'variant.pdf');
    writeFileSync(previous, 'previous output');
    const file = annexVariant((d) => { d.date = 'soon'; });
    await errorsOf(buildFile(file, { formats: ['pdf'], outDir: out }));
    expect(readFileSync(previous, 'utf8')).toBe('previous output');
    expect(readdirSync(out)).toEqual(['variant.pdf']);
  });

  test('builds the annex into PDF and DOCX (needs both backends)', async () => {
    const out = tempDir();
    const r = await buildFile(ANNEX, { outDir: out });
    expect(r.outputs.map((o) => o.file)).toEqual([join(out, 'acm-2018-azer-rep-annex-v.pdf'), join(out, 'acm-2018-azer-rep-annex-v.docx')]);
    const pdf = readFileSync(r.outputs[0]!.file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docx = readFileSync(r.outputs[1]!.file);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(outputsIn(out)).toEqual(['acm-2018-azer-rep-annex-v.docx', 'acm-2018-azer-rep-annex-v.pdf']); // no temp files left
    expect(existsSync(join(out, '.tmp'))).toBe(false);
  });
});
