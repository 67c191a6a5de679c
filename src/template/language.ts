/**
 * A template's language tables: `lang/<code>.json` in the template folder, one
 * per language the template prints ("ar", "en", "fr"; the file name is the
 * code the data's "lang" field names). Each holds what differs between the
 * language versions, so that a new language is a new file, not code:
 *
 *   dir      "rtl" | "ltr": the document's direction ({{direction}})
 *   quotes   [open, close]: quotation marks ({{quote x}})
 *   dates    optional: month names, patterns, range dash, Hijri months (over the
 *            built-in ar/en/fr words; all of them for another language)
 *   words    the template's own words ({{word "key"}}); every table of a
 *            template must have the same keys
 *   styles   optional: per style, the properties that differ from styles.json
 *            (numberFormat, the symbol block's align, fonts, …)
 *   fields   optional: the data fields' names in this language, by JSON key
 *            ("venue": "المكان"), shown to editors on the Word draft's fields
 *
 * Every mistake names the table's file and line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { validatorFor } from './schemas.js';
import { xmlEscape } from '../xml.js';
import { DocError, DocErrors } from '../errors.js';
import type { ParagraphStyle } from '../model/index.js';
import { jsonPlaces, jsonSyntaxError, lineColumn } from '../input/json.js';
import { dateWordsOf, type DateWords } from './dates.js';
import type { LanguageTable } from './helpers.js';
import { loadFontConfig, styleFontErrors } from '../text/fonts.js';

export interface TemplateLanguage {
  readonly table: LanguageTable;
  /** styles.json with the table's style properties applied. */
  readonly styles: Readonly<Record<string, ParagraphStyle>>;
  /** The table's text (for callers that point at its lines, e.g. font checks). */
  readonly text: string;
}

const DATE_KEYS = ['months', 'pattern', 'first', 'dash', 'rangeSeparator', 'hijriMonths', 'hijriPattern'] as const;

export function tableSchema(styleProps: Record<string, object>): object {
  const twelve = { type: 'array', items: { type: 'string', pattern: '\\S' }, minItems: 12, maxItems: 12 };
  return {
    type: 'object',
    required: ['dir', 'quotes', 'words'],
    additionalProperties: false,
    properties: {
      $comment: { type: 'string' },
      dir: { enum: ['rtl', 'ltr'] },
      quotes: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
      dates: {
        type: 'object', additionalProperties: false,
        properties: {
          months: twelve, hijriMonths: twelve,
          pattern: { type: 'string', pattern: '\\{day\\}' }, hijriPattern: { type: 'string', pattern: '\\{day\\}' },
          first: { type: 'string' }, dash: { type: 'string' }, rangeSeparator: { type: 'string' },
        },
      },
      words: { type: 'object', additionalProperties: { type: 'string' } },
      fields: { type: 'object', additionalProperties: { type: 'string', pattern: '\\S' } },
      styles: { type: 'object', additionalProperties: { type: 'object', additionalProperties: false, properties: styleProps } },
    },
  };
}

function ajvText(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown field "${String((e.params as { additionalProperty?: unknown }).additionalProperty)}"`;
  if (e.keyword === 'required') return `missing field "${String((e.params as { missingProperty?: unknown }).missingProperty)}"`;
  if (e.keyword === 'enum') return `must be one of ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'pattern' && (e.params as { pattern?: unknown }).pattern === '\\S') return 'must not be empty';
  return e.message ?? 'is invalid';
}

/**
 * Reads every `lang/*.json` of a template folder. `shown` turns a path into
 * the form shown in messages. Empty when the template has no lang folder (it
 * then prints one language, as written in its files).
 */
export function loadLanguages(
  dir: string, base: Readonly<Record<string, ParagraphStyle>>, styleProps: Record<string, object>, shown: (p: string) => string,
): Map<string, TemplateLanguage> {
  const out = new Map<string, TemplateLanguage>();
  const langDir = join(dir, 'lang');
  if (!existsSync(langDir)) return out;
  // Pre-generated when bundling (standalone.ts), like styles.json's: no Ajv at run time.
  const validate = validatorFor('styles', tableSchema(styleProps));
  const files = readdirSync(langDir).filter((f) => f.toLowerCase().endsWith('.json')).sort();
  const keysOf = new Map<string, { file: string; keys: Set<string>; at: { line?: number; column?: number } }>();
  for (const f of files) {
    const path = join(langDir, f);
    const file = shown(path);
    const code = f.slice(0, -5);
    const text = readFileSync(path, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      const { offset, message } = jsonSyntaxError(text);
      throw new DocError('TEMPLATE', `${f} is not valid JSON: ${message}`, { file, ...lineColumn(text, offset), hint: 'fix the JSON syntax: text in double quotes, commas between entries, none after the last' });
    }
    const places = jsonPlaces(text);
    const where = (pointer: string): { file: string; pointer: string; line?: number; column?: number } => {
      for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
        const at = places.get(p);
        if (at !== undefined) return { file, pointer, ...lineColumn(text, at.key ?? at.value) };
        if (p === '') return { file, pointer };
      }
    };
    if (!validate(raw)) {
      const errs = (validate.errors ?? []).map((e) => new DocError('TEMPLATE', `${f}: ${e.instancePath || '/'} ${ajvText(e)}`, where(e.instancePath)));
      throw errs.length === 1 ? errs[0]! : new DocErrors(errs);
    }
    const t = raw as { dir: 'rtl' | 'ltr'; quotes: [string, string]; dates?: Partial<DateWords>; words: Record<string, string>; fields?: Record<string, string>; styles?: Record<string, Partial<ParagraphStyle>> };
    const dates = { ...(dateWordsOf(code) ?? {}), ...(t.dates ?? {}) } as Partial<DateWords>;
    const missing = DATE_KEYS.filter((k) => k !== 'first' && dates[k] === undefined);
    if (missing.length) {
      throw new DocError('TEMPLATE', `${f}: "${code}" is not a built-in language (ar, en, fr), so "dates" needs ${missing.map((k) => `"${k}"`).join(', ')}`, {
        ...where('/dates'), hint: 'copy "dates" from another language table and translate it',
      });
    }
    const styles: Record<string, ParagraphStyle> = { ...base };
    for (const [name, props] of Object.entries(t.styles ?? {})) {
      if (!(name in base)) {
        throw new DocError('TEMPLATE', `${f}: unknown style "${name}"`, { ...where(`/styles/${name}`), hint: `the styles of styles.json are: ${Object.keys(base).join(', ')}` });
      }
      styles[name] = { ...base[name], ...props };
    }
    const { line, column } = where('/words');
    keysOf.set(code, { file, keys: new Set(Object.keys(t.words)), at: line === undefined ? {} : { line, ...(column === undefined ? {} : { column }) } });
    const table: LanguageTable = { code, file, dir: t.dir, words: t.words, quotes: t.quotes, dates: dates as DateWords, fields: t.fields ?? {} };
    out.set(code, { table, styles, text });
  }
  checkSameWords(keysOf);
  return out;
}

/** Every table has the words of every other, so no language version fails at print time only. */
function checkSameWords(keysOf: Map<string, { file: string; keys: Set<string>; at: { line?: number; column?: number } }>): void {
  const all = [...keysOf.values()];
  const errors: DocError[] = [];
  for (const a of all) {
    const told = new Set<string>();
    for (const b of all) {
      for (const k of b.keys) {
        if (!a.keys.has(k) && !told.has(k)) {
          told.add(k);
          errors.push(new DocError('TEMPLATE', `${a.file} has no word "${k}", which ${b.file} has`, {
            file: a.file, pointer: '/words', ...a.at, hint: `add "${k}" to "words" in ${a.file}, in its language`,
          }));
        }
      }
    }
  }
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new DocErrors(errors);
}

/** `{{word "key"}}` as written in a template file (a key in double or single quotes). */
const WORD_CALL = /\{\{~?\s*word\s+(?:"([^"]*)"|'([^']*)')\s*~?\}\}/g;

/** A word as template text: XML-escaped, and no character Handlebars would read as syntax. */
function asTemplateText(word: string): string {
  return xmlEscape(word)
    .replace(/\\/g, '&#92;').replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');
}

/**
 * A template file's source with every `{{word "key"}}` replaced by the word of
 * the language table: the template's own words are then template text, like
 * the words of a one-language template, not data. A key the table lacks is an
 * error at the template line that uses it. (A `word` call elsewhere, e.g. in a
 * subexpression, is left to the helper.)
 */
export function withWords(source: string, table: LanguageTable, file: string): string {
  return source.replace(WORD_CALL, (call: string, dq: string | undefined, sq: string | undefined, offset: number) => {
    const key = dq ?? sq ?? '';
    const word = table.words[key];
    if (word === undefined) {
      const line = source.slice(0, offset).split('\n').length;
      throw new DocError('TEMPLATE', `{{word "${key}"}}: ${table.file} has no word "${key}"`, {
        file, line, hint: `add "${key}" to "words" in ${table.file}; its words are: ${Object.keys(table.words).join(', ')}`,
      });
    }
    void call;
    return asTemplateText(word);
  });
}

/** The language table the data's "lang" names (none for a template without tables). */
export function languageOf(languages: ReadonlyMap<string, TemplateLanguage>, data: unknown, dataFile: string): TemplateLanguage | undefined {
  if (languages.size === 0) return undefined;
  const lang = (data as Record<string, unknown>)['lang'];
  const found = typeof lang === 'string' ? languages.get(lang) : undefined;
  if (!found) {
    throw new DocError('SCHEMA', `the template has no language table for ${JSON.stringify(lang)}`, {
      file: dataFile, pointer: '/lang', hint: `use one of ${[...languages.keys()].map((k) => JSON.stringify(k)).join(', ')}`,
    });
  }
  return found;
}

/** A font that fonts/fonts.json lacks, blamed on the styles file (or language table) and line that names it. */
export function checkFonts(stylesFile: string, stylesText: string, languages: ReadonlyMap<string, TemplateLanguage>): void {
  const config = loadFontConfig();
  const errors = [
    ...styleFontErrors(config, stylesFile, stylesText),
    ...[...languages.values()].flatMap((l) => styleFontErrors(config, l.table.file, l.text)),
  ];
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new DocErrors(errors);
}

