/**
 * Issue 6, end to end: every kind of bad input gives one clear message per
 * problem (file, JSON pointer or template line, what to do), the build fails,
 * and the outputs of an earlier good build stay byte for byte as they were.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFile, type BuildOptions } from '../../src/pipeline.js';
import { DocError, errorsOf, formatError } from '../../src/errors.js';
import { run } from '../../src/cli/run.js';
import { ANNEX, lineCol, tempDir } from './util.js';

const annex = (): Record<string, any> => JSON.parse(readFileSync(ANNEX, 'utf8'));

/** A data file `doc.json` in its own folder. */
function dataFile(content: string | Record<string, any>): string {
  const file = join(tempDir(), 'doc.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}
function variant(edit: (d: Record<string, any>) => void): string {
  const d = annex();
  edit(d);
  return dataFile(d);
}

/** Outputs of a good build of `doc.json` (both formats), made once. */
let good: Record<string, Buffer>;
beforeAll(async () => {
  const out = tempDir();
  await buildFile(dataFile(annex()), { outDir: out });
  good = Object.fromEntries(['doc.pdf', 'doc.docx'].map((n) => [n, readFileSync(join(out, n))]));
});

/**
 * Builds `file` into a folder holding the outputs of the good build; expects
 * it to fail, and those outputs to be byte-identical (and nothing added).
 * Returns the problems as the CLI prints them.
 */
async function fails(file: string, options: BuildOptions = {}): Promise<{ errors: DocError[]; lines: string[] }> {
  const out = tempDir();
  for (const [n, b] of Object.entries(good)) writeFileSync(join(out, n), b);
  let errors: DocError[] | undefined;
  try {
    await buildFile(file, { outDir: out, force: true, ...options });
  } catch (e) {
    errors = errorsOf(e);
    if (!errors) throw e;
  }
  expect(errors, 'the build should have failed').toBeDefined();
  expect(readdirSync(out).filter((n) => n !== '.cache').sort()).toEqual(['doc.docx', 'doc.pdf']);
  for (const [n, b] of Object.entries(good)) expect(readFileSync(join(out, n)).equals(b), `${n} changed`).toBe(true);
  return { errors: errors!, lines: errors!.map(formatError) };
}

describe('when something goes wrong (issue 6)', () => {
  test('JSON syntax error: file, line and column', async () => {
    const file = dataFile('{\n  "template": "oic-annex",\n  "title": ,\n}');
    const { errors, lines } = await fails(file);
    expect(errors.map((e) => e.code)).toEqual(['JSON_SYNTAX']);
    expect(lines).toEqual([`${file}:3:12: expected a value, found "," (fix the JSON syntax: strings in double quotes, commas between items, none after the last)`]);
  });

  test('a missing and a mistyped required field: all problems at once, with pointers', async () => {
    const file = variant((d) => { delete d.title; d.paragraphs[3].text = 42; });
    const { errors, lines } = await fails(file);
    expect(errors.map((e) => e.code)).toEqual(['SCHEMA', 'SCHEMA']);
    expect(lines).toContainEqual(`${file}:${lineCol(file, '"text": 42')}: /paragraphs/3/text (paragraph 4): expected a string, got a number (write a string here: the paragraph's text, without its number)`);
    // A missing field: at the object it is missing from (here the whole document, line 1).
    expect(lines).toContainEqual(`${file}:1:1: /title: missing required field "title" (add "title": the meeting title, printed once on the cover and after the document type in the body heading)`);
  });

  test('an unknown template lists the known ones', async () => {
    const file = variant((d) => { d.template = 'oic-anex'; });
    const { errors, lines } = await fails(file);
    expect(errors.map((e) => e.code)).toEqual(['UNKNOWN_TEMPLATE']);
    expect(lines[0]).toContain(`${file}:${lineCol(file, '"template"')}: /template: `);
    expect(lines[0]).toContain('oic-anex');
    expect(lines[0]).toContain('oic-annex');
  });

  test('an impossible date', async () => {
    const file = variant((d) => { d.date = '2018-02-30'; });
    const { errors, lines } = await fails(file);
    expect(errors.map((e) => e.code)).toEqual(['BAD_DATE']);
    expect(lines[0]).toMatch(new RegExp(`^${file}:${lineCol(file, '"date"')}: /date: .*2018-02-30.*\\(.+\\)$`));
  });

  describe('template mistakes name the template file and line', () => {
    function templates(edit: (main: string) => string): string {
      const dir = tempDir();
      cpSync('templates', dir, { recursive: true });
      const main = join(dir, 'oic-annex', 'main.hbs');
      writeFileSync(main, edit(readFileSync(main, 'utf8')));
      return dir;
    }
    test('a field the data does not have (strict template)', async () => {
      const dir = templates((m) => m.replace('<keyword>{{symbol}}</keyword>', '<keyword>{{symbool}}</keyword>'));
      const { errors, lines } = await fails(dataFile(annex()), { templatesDir: dir });
      expect(errors.map((e) => e.code)).toEqual(['TEMPLATE']);
      expect(errors[0]!.file).toBe(join(dir, 'oic-annex', 'main.hbs'));
      expect(errors[0]!.line).toBe(7);
      expect(lines[0]).toContain('symbool');
      expect(lines[0]).toMatch(/\(.+\)$/);
    });
    test('a missing helper', async () => {
      const dir = templates((m) => m.replace('<keyword>{{symbol}}</keyword>', '<keyword>{{upper symbol}}</keyword>'));
      const { errors, lines } = await fails(dataFile(annex()), { templatesDir: dir });
      expect(errors.map((e) => e.code)).toEqual(['MISSING_HELPER']);
      expect([errors[0]!.file, errors[0]!.line]).toEqual([join(dir, 'oic-annex', 'main.hbs'), 7]);
      expect(lines[0]).toContain('upper');
      expect(lines[0]).toContain('formatDate'); // the helpers there are
    });
  });

  const HINT = "(use characters the document's fonts have, or add a font that has them to fonts/fonts.json)";

  test('characters no configured font can draw: named, with code points and the field (no tofu, no PDF)', async () => {
    const file = variant((d) => { d.paragraphs[2].text = '😀'; });
    const { errors, lines } = await fails(file);
    expect(errors.map((e) => e.code)).toEqual(['MISSING_GLYPHS']);
    expect(lines).toEqual([`${file}:${lineCol(file, '"text"', 2)}: /paragraphs/2/text (paragraph 3): no configured font can draw "😀" U+1F600 ${HINT}`]);
  });

  test('characters no font can draw anywhere in the data: every one named, each problem once', async () => {
    const file = variant((d) => { d.paragraphs[2].text = `${d.paragraphs[2].text} 中文 😀`; d.venue = `${d.venue} ✈`; });
    const { errors, lines } = await fails(file);
    expect(errors.every((e) => e.code === 'MISSING_GLYPHS')).toBe(true);
    expect(lines).toHaveLength(2); // the venue is printed twice, reported once
    expect(lines.join('\n')).toContain('"中" U+4E2D, "文" U+6587, "😀" U+1F600');
    expect(lines.join('\n')).toContain('"✈" U+2708');
    for (const l of lines) expect(l.startsWith(`${file}:`) && l.endsWith(HINT)).toBe(true);
  });

  // Regression: the PDF flow once lost data-field offsets past nested inlines, so these had no pointer.
  test('…and names the JSON pointer of a field that is not at the start of its paragraph', async () => {
    const file = variant((d) => { d.paragraphs[2].text = `${d.paragraphs[2].text} 中文 😀`; d.venue = `${d.venue} ✈`; });
    const { lines } = await fails(file);
    expect([...lines].sort()).toEqual([
      `${file}:${lineCol(file, '"text"', 2)}: /paragraphs/2/text (paragraph 3): no configured font can draw "中" U+4E2D, "文" U+6587, "😀" U+1F600 ${HINT}`,
      `${file}:${lineCol(file, '"venue"')}: /venue: no configured font can draw "✈" U+2708 ${HINT}`,
    ].sort());
  });

  test('…and for a field of several characters no font has, names its pointer once', async () => {
    const file = variant((d) => { d.paragraphs[2].text = '中文'; });
    const { lines } = await fails(file);
    expect(lines).toEqual([`${file}:${lineCol(file, '"text"', 2)}: /paragraphs/2/text (paragraph 3): no configured font can draw "中" U+4E2D, "文" U+6587 ${HINT}`]);
  });

  test('an empty document (no paragraphs)', async () => {
    const file = variant((d) => { d.paragraphs = []; });
    const { errors, lines } = await fails(file);
    expect(errors.map((e) => e.code)).toEqual(['EMPTY_DOCUMENT']);
    expect(lines[0]).toMatch(new RegExp(`^${file}:${lineCol(file, '"paragraphs"')}: /paragraphs: .+\\(.+\\)$`));
  });

  test('direction controls in the data are refused, naming the field', async () => {
    const file = variant((d) => { d.paragraphs[1].text = `\u202E${d.paragraphs[1].text}`; d.symbol = 'ACM\u2066-2018\u2069'; });
    const { errors, lines } = await fails(file);
    expect(errors.map((e) => e.code)).toEqual(['BIDI_CONTROL', 'BIDI_CONTROL']);
    // Every occurrence in a field, in one message.
    expect(lines).toContainEqual(`${file}:${lineCol(file, '"symbol"')}: /symbol: the text contains 2 invisible direction controls: U+2066 LEFT-TO-RIGHT ISOLATE at character 4, U+2069 POP DIRECTIONAL ISOLATE at character 10 (delete them: every field is already laid out as its own bidi isolate)`);
    expect(lines).toContainEqual(`${file}:${lineCol(file, '"text"', 1)}: /paragraphs/1/text (paragraph 2): the text contains the invisible direction control U+202E RIGHT-TO-LEFT OVERRIDE at character 1 (delete it: every field is already laid out as its own bidi isolate)`);
  });

  test('an output folder that cannot be written (a file is in the way): nothing else is touched', async () => {
    const dir = tempDir();
    const blocker = join(dir, 'out');
    writeFileSync(blocker, 'a file, not a folder');
    let err: unknown;
    try {
      await buildFile(dataFile(annex()), { outDir: join(blocker, 'pdfs'), formats: ['pdf'] });
    } catch (e) {
      err = e;
    }
    const [e] = errorsOf(err) ?? [];
    expect(e?.code).toBe('OUTPUT_UNWRITABLE');
    expect(formatError(e!)).toBe(`${join(blocker, 'pdfs')}: cannot write the output: a file is in the way where a folder is needed (rename or move that file, or choose another --out folder)`);
    expect(readFileSync(blocker, 'utf8')).toBe('a file, not a folder');
    expect(readdirSync(dir)).toEqual(['out']);
  });

  test('the CLI prints one line per problem, no stack trace, exit 1', async () => {
    const file = variant((d) => { d.paragraphs[0].text = '中'; d.paragraphs[1].text = 7; });
    const err: string[] = [];
    const code = await run(['build', file, '--out', tempDir()], { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err.join('\n')).not.toMatch(/\n\s+at |Error:|\.ts:\d+/);
    // Schema problems are found first; the glyph check runs on valid data only.
    expect(err).toEqual([`${file}:${lineCol(file, '"text": 7')}: /paragraphs/1/text (paragraph 2): expected a string, got a number (write a string here: the paragraph's text, without its number)`]);
    const fixed = variant((d) => { d.paragraphs[0].text = '中'; });
    const err2: string[] = [];
    expect(await run(['build', fixed, '--out', tempDir()], { out: () => undefined, err: (l) => err2.push(l) })).toBe(1);
    expect(err2).toEqual([`${fixed}:${lineCol(fixed, '"text"')}: /paragraphs/0/text (paragraph 1): no configured font can draw "中" U+4E2D (use characters the document's fonts have, or add a font that has them to fonts/fonts.json)`]);
  });

  test('control characters (pasted tab, NUL, C1) are refused: every one named with its code and place; a line break is allowed', async () => {
    const file = variant((d) => {
      d.venue = 'نيويورك\t،\tمقر الأمم المتحدة';
      d.paragraphs[4].text = `${d.paragraphs[4].text}\u0000 end\u0085`;
      d.paragraphs[5].text = 'سطر أول\nسطر ثان'; // allowed
    });
    const { errors, lines } = await fails(file);
    expect(errors.map((e) => e.code)).toEqual(['CONTROL_CHAR', 'CONTROL_CHAR']);
    const hint = '(delete them: such characters come with text copied out of other programs; between words type a space, for a line break inside the text write \\n)';
    const n = [...annex().paragraphs[4].text].length;
    expect(lines).toEqual([
      `${file}:${lineCol(file, '"venue"')}: /venue: the text contains 2 control characters: U+0009 TAB at character 8, U+0009 TAB at character 10 ${hint}`,
      `${file}:${lineCol(file, '"text"', 4)}: /paragraphs/4/text (paragraph 5): the text contains 2 control characters: U+0000 NULL at character ${n + 1}, U+0085 NEXT LINE at character ${n + 6} ${hint}`,
    ]);
  });

  test('a text of only invisible characters (pasted from Word) is empty', async () => {
    const file = variant((d) => { d.venue = '\u200B\u200F '; d.paragraphs[1].continuation = ['\u00AD\u2060']; d.title = '\u200E'; });
    const { errors, lines } = await fails(file);
    expect(errors.map((e) => e.code)).toEqual(['SCHEMA', 'SCHEMA', 'SCHEMA']);
    expect([...lines].sort()).toEqual([
      `${file}:${lineCol(file, '"title"')}: /title: the text is empty: it holds only invisible characters (U+200E) (write the text: the meeting title, printed once on the cover and after the document type in the body heading, or remove the entry)`,
      `${file}:${lineCol(file, '"venue"')}: /venue: the text is empty: it holds only invisible characters (U+200B, U+200F, U+0020) (write the text: where the meeting took place; the date is added after it, or remove the entry)`,
      `${file}:${lineCol(file, '"\u00AD\u2060"')}: /paragraphs/1/continuation/0 (paragraph 2, continuation 1): the text is empty: it holds only invisible characters (U+00AD, U+2060) (write the text: a continuation paragraph's text, or remove the entry)`,
    ].sort());
  });
});

describe('warnings: the document is built, the warning says where and what to do', () => {
  test('a paragraph number typed by hand ("1- ", "2. ", "(3) ", "٤) ") is a warning, with file, line and paragraph', async () => {
    const file = variant((d) => {
      d.paragraphs[0].text = `1- ${d.paragraphs[0].text}`;
      d.paragraphs[1].text = `2. ${d.paragraphs[1].text}`;
      d.paragraphs[2].text = `(3) ${d.paragraphs[2].text}`;
      d.paragraphs[3].text = `٤) ${d.paragraphs[3].text}`;
    });
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['build', file, '--format', 'docx', '--out', tempDir()], { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(code).toBe(0);
    const w = (k: number, typed: string): string =>
      `warning: ${file}:${lineCol(file, '"text"', k)}: /paragraphs/${k}/text (paragraph ${k + 1}): the paragraph begins with the number "${typed}" typed by hand; the template numbers paragraphs itself, so it would print twice (delete "${typed}" at the start of the text) [TYPED_NUMBER]`;
    expect(err).toEqual([w(0, '1-'), w(1, '2.'), w(2, '(3)'), w(3, '٤)')]);
  });

  test('a year or a number inside the text is not a typed paragraph number', async () => {
    const file = variant((d) => {
      d.paragraphs[0].text = `1992 ${d.paragraphs[0].text}`;
      d.paragraphs[1].text = `ACM-2018 ${d.paragraphs[1].text}`;
      d.paragraphs[2].text = `24 سبتمبر 2018: ${d.paragraphs[2].text}`;
    });
    const err: string[] = [];
    expect(await run(['build', file, '--format', 'docx', '--out', tempDir()], { out: () => undefined, err: (l) => err.push(l) })).toBe(0);
    expect(err).toEqual([]);
  });
});

