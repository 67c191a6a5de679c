import { describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDocument, renderModel } from '../../src/pipeline.js';
import { inlineText, type Block, type DocumentModel, type Inline, type ListItemNode, type ParagraphNode } from '../../src/model/index.js';
import { caught, makeTemplates, META } from './util.js';

const ANNEX = 'data/acm-2018-azer-rep-annex-v';
const load = async (file: string): Promise<{ model: DocumentModel; data: Record<string, unknown> }> => ({
  model: (await loadDocument(file)).model,
  data: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>,
});
const text = (b: Block | undefined): string => (b && (b.type === 'paragraph' || b.type === 'heading') ? inlineText(b.children) : '');
/** The kinds of a paragraph's inlines, to tell the template's words (text) from data. */
const kinds = (list: readonly Inline[]): string[] => list.map((n) => n.type);

describe('oic-annex in three languages from one template folder', () => {
  test.each([
    ['ar', '', 'rtl', '%1-', 'start', 'نيويورك، مقر الأمم المتحدة، 24 سبتمبر 2018', 'تقرير اجتماع فريق الاتصال'],
    ['en', '.en', 'ltr', '%1.', 'end', 'New York, United Nations Headquarters, 24 September 2018', 'Report of the Meeting of the Contact Group'],
    ['fr', '.fr', 'ltr', '%1.', 'end', 'New York, Siège des Nations Unies, 24 septembre 2018', 'Rapport de la Réunion du Groupe de contact'],
  ])('%s: direction, numbering, symbol block, date and words from lang/%s.json', async (lang, suffix, dir, numberFormat, symbolAlign, venue, heading) => {
    const { model, data } = await load(`${ANNEX}${suffix}.json`);
    expect(model.meta.lang).toBe(lang);
    expect(model.meta.dir).toBe(dir);
    expect(model.meta.subject).toBe(venue);
    expect(model.styles['normal']!.dir).toBe(dir);
    expect(model.styles['numbered']!.numberFormat).toBe(numberFormat);
    // The Latin symbol block is a left-to-right paragraph: start = left (Arabic), end = right (English, French).
    expect(model.styles['symbol']!.dir).toBe('ltr');
    expect(model.styles['symbol']!.align).toBe(symbolAlign);
    const [cover, body] = model.sections;
    expect(text(cover!.blocks[0])).toBe('ACM-2018/AZER/REP');
    expect(text(cover!.blocks[5])).toBe(venue);
    expect(text(body!.blocks[0])).toMatch(new RegExp(`^${heading}`));
    // The template's words are template text, the data's fields data.
    const venueLine = body!.blocks[1] as ParagraphNode;
    expect(kinds(venueLine.children)).toEqual(['data', 'text', 'data']);
    // Paragraph text is the data's, character for character.
    const items = body!.blocks.slice(2) as ListItemNode[];
    const paragraphs = data['paragraphs'] as { text: string; continuation?: string[] }[];
    expect(items.map((i) => inlineText(i.children[0]!.children))).toEqual(paragraphs.map((p) => p.text));
    expect(items[2]!.children.slice(1).map((p) => inlineText(p.children))).toEqual(paragraphs[2]!.continuation);
  });

  test('the translations are of the same document: same structure, same symbol, date and numbers', async () => {
    const ar = (await load(`${ANNEX}.json`)).data;
    for (const suffix of ['.en', '.fr']) {
      const t = (await load(`${ANNEX}${suffix}.json`)).data;
      expect(Object.keys(t)).toEqual(Object.keys(ar));
      expect([t['symbol'], t['date'], t['template']]).toEqual([ar['symbol'], ar['date'], ar['template']]);
      const ps = t['paragraphs'] as { text: string; continuation?: string[] }[];
      const arPs = ar['paragraphs'] as { text: string; continuation?: string[] }[];
      expect(ps.map((p) => p.continuation?.length ?? 0)).toEqual(arPs.map((p) => p.continuation?.length ?? 0));
      const all = JSON.stringify(ps);
      for (const n of ['1992', '2017', '822 (1993)', '853 (1993)', '874 (1993)', '884 (1993)']) expect(all, `${suffix} ${n}`).toContain(n);
    }
    // French typography: apostrophes and guillemets as Word types them, with no-break spaces.
    const fr = readFileSync(`${ANNEX}.fr.json`, 'utf8');
    expect(fr).toContain('«\u00a0sur la solidarité avec les victimes du massacre de Khodjaly de 1992\u00a0»');
    expect(fr).not.toMatch(/[a-z]'[a-zéè]/i);
  });
});

describe('a new language needs a file, not code', () => {
  test('Turkish: lang/tr.json with its own month names, and "tr" in schema.json', () => {
    const root = mkdtempSync(join(tmpdir(), 'oic-lang-'));
    cpSync('templates/oic-annex', join(root, 'oic-annex'), { recursive: true });
    const en = JSON.parse(readFileSync('templates/oic-annex/lang/en.json', 'utf8'));
    writeFileSync(join(root, 'oic-annex/lang/tr.json'), JSON.stringify({
      ...en, $comment: 'Türkçe',
      words: { venueDate: ', ', headingJoin: ' – ' },
      dates: {
        months: ['Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim', 'Kasım', 'Aralık'],
        pattern: '{day} {month} {year}', dash: '-', rangeSeparator: ' – ',
        hijriMonths: ['Muharrem', 'Safer', 'Rebiülevvel', 'Rebiülahir', 'Cemaziyelevvel', 'Cemaziyelahir', 'Recep', 'Şaban', 'Ramazan', 'Şevval', 'Zilkade', 'Zilhicce'],
        hijriPattern: '{day} {month} {year}',
      },
      styles: { ...en.styles, normal: { ...en.styles.normal, lang: 'tr' } },
    }, null, 2));
    const schemaFile = join(root, 'oic-annex/schema.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    schema.properties.lang.enum.push('tr');
    writeFileSync(schemaFile, JSON.stringify(schema, null, 2));
    const data = { ...JSON.parse(readFileSync(`${ANNEX}.en.json`, 'utf8')), lang: 'tr', venue: 'New York', documentType: 'Rapor', hijri: true };
    const model = renderModel(data, 'data/tr.json', { templatesDir: root });
    expect(model.meta.subject).toBe('New York, 24 Eylül 2018 (14 Muharrem 1440)');
    expect(model.meta.dir).toBe('ltr');
    expect(model.styles['normal']!.lang).toBe('tr');
  });
});

describe('mistakes in a language table name the table and its line', () => {
  const doc = '<document>' + META + '<section name="s"><p>{{word "hello"}}</p></section></document>';
  const table = (extra: object = {}) => JSON.stringify({ dir: 'rtl', quotes: ['«', '»'], words: { hello: 'مرحبا' }, ...extra }, null, 2);
  const errorsFor = (files: Record<string, string>) =>
    caught(() => renderModel({ template: 't', title: 'x', lang: 'ar' }, 'd.json', { templatesDir: makeTemplates({ 'main.hbs': doc, ...files }) }));

  test('a syntax error gives line and column', () => {
    const [e] = errorsFor({ 'lang/ar.json': '{\n  "dir": "rtl",\n  "words": { "hello": "مرحبا", }\n}' });
    expect(e!.file).toMatch(/lang\/ar\.json$/);
    expect([e!.line, e!.column]).toEqual([3, 30]);
    expect(e!.message).toBe('ar.json is not valid JSON: a comma after the last field (delete it)');
  });
  test('a wrong value names its line', () => {
    const [e] = errorsFor({ 'lang/ar.json': table({ dir: 'right-to-left' }) });
    expect(e!.message).toBe('ar.json: /dir must be one of "rtl", "ltr"');
    expect(e!.line).toBe(2);
  });
  test('a style the template does not have', () => {
    const [e] = errorsFor({ 'lang/ar.json': table({ styles: { numberd: { numberFormat: '%1.' } } }) });
    expect(e!.message).toBe('ar.json: unknown style "numberd"');
    expect(e!.hint).toContain('normal, numbered');
    expect(e!.line).toBe(11);
  });
  test('a word one table has and another lacks', () => {
    const [e] = errorsFor({ 'lang/ar.json': table(), 'lang/en.json': table({ dir: 'ltr', words: { hello: 'Hello', bye: 'Bye' } }) });
    expect(e!.message).toMatch(/lang\/ar\.json has no word "bye", which .*lang\/en\.json has$/);
    expect(e!.line).toBe(7);
  });
  test('a word the template uses and no table has: the template line', () => {
    const [e] = errorsFor({ 'lang/ar.json': table({ words: { hi: 'مرحبا' } }) });
    expect(e!.message).toMatch(/^\{\{word "hello"\}\}: .*lang\/ar\.json has no word "hello"$/);
    expect(e!.file).toMatch(/main\.hbs$/);
    expect(e!.hint).toContain('its words are: hi');
  });
  test('a language that is not built in must give its dates', () => {
    const [e] = errorsFor({ 'lang/ar.json': table(), 'lang/tr.json': table({ dir: 'ltr', dates: { months: Array(12).fill('x') } }) });
    expect(e!.message).toBe('tr.json: "tr" is not a built-in language (ar, en, fr), so "dates" needs "pattern", "dash", "rangeSeparator", "hijriMonths", "hijriPattern"');
  });
  test('a field name must not be empty', () => {
    const [e] = errorsFor({ 'lang/ar.json': table({ fields: { title: ' ' } }) });
    expect(e!.message).toBe('ar.json: /fields/title must not be empty');
    expect(e!.line).toBe(11);
  });
  test('data naming a language the template has no table for', () => {
    const root = makeTemplates({ 'main.hbs': doc, 'lang/ar.json': table() });
    const [e] = caught(() => renderModel({ template: 't', title: 'x', lang: 'fr' }, 'd.json', { templatesDir: root }));
    expect(e!.message).toBe('the template has no language table for "fr"');
    expect([e!.file, e!.pointer]).toEqual(['d.json', '/lang']);
  });
  test('words are template text: markup characters in a word are printed, not parsed', () => {
    const root = makeTemplates({ 'main.hbs': doc, 'lang/ar.json': table({ words: { hello: '<b>& {{title}} "x" \\' } }) });
    const model = renderModel({ template: 't', title: 'x', lang: 'ar' }, 'd.json', { templatesDir: root });
    const p = model.sections[0]!.blocks[0] as ParagraphNode;
    expect(p.children).toEqual([{ type: 'text', value: '<b>& {{title}} "x" \\' }]);
  });
  test('a font fonts.json does not list, in styles.json or a table, is blamed on that file and line', () => {
    const styles = '{\n  "page": { "width": 595, "height": 842, "margins": { "top": 72, "right": 72, "bottom": 72, "left": 72 } },\n  "styles": {\n    "normal": { "font": "Amiri", "size": 14 },\n    "title": { "font": "Amiry" }\n  }\n}\n';
    const errs = errorsFor({ 'styles.json': styles, 'lang/ar.json': table({ styles: { normal: { font: 'Noto Naskh' } } }) });
    expect(errs.map((e) => [e.code, e.file!.replace(/.*\/t\//, ''), e.line])).toEqual([['FONT_MISSING', 'styles.json', 5], ['FONT_MISSING', 'lang/ar.json', 12]]);
    expect(errs[0]!.hint).toMatch(/^did you mean "Amiri"\?/);
    expect(errs[1]!.hint).toMatch(/^did you mean "Noto Naskh Arabic"\?/);
  });
  test('numberStyle in styles.json or a table: decimal, arabic-indic, latin-lower or abjad', () => {
    const styles = JSON.stringify({ page: { width: 595, height: 842, margins: { top: 72, right: 72, bottom: 72, left: 72 } }, styles: { normal: { font: 'Amiri' }, numbered: { numberStyle: 'roman' } } });
    const [e] = errorsFor({ 'styles.json': styles, 'lang/ar.json': table() });
    expect(e!.pointer).toBe('/styles/numbered/numberStyle');
    expect(e!.message).toMatch(/must be equal to one of the allowed values/);
    const [t] = errorsFor({ 'lang/ar.json': table({ styles: { numbered: { numberStyle: 'hindi' } } }) });
    expect([t!.pointer, t!.line]).toEqual(['/styles/numbered/numberStyle', 12]);
    const root = makeTemplates({ 'main.hbs': doc, 'lang/ar.json': table({ styles: { numbered: { numberStyle: 'abjad' } } }) });
    const model = renderModel({ template: 't', title: 'x', lang: 'ar' }, 'd.json', { templatesDir: root });
    expect(model.styles['numbered']).toEqual({ numberFormat: '%1-', numberWidth: 28, numberStyle: 'abjad' });
  });
});
