/**
 * Data checks before rendering: the template's JSON Schema (every problem,
 * each with its JSON pointer; a text of only invisible characters is empty),
 * real dates, no bidi control or C0/C1 control characters (every occurrence
 * listed; a line break U+000A, or U+000D U+000A, is allowed), and a non-empty content list.
 * Warnings: paragraph numbers typed by hand.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { DocError } from '../errors.js';
import type { Template } from './loader.js';
import { escapePointerToken } from './data-helper.js';

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return typeof v;
}

const EXPECT: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false',
  object: 'an object', array: 'a list', null: 'null',
};

/** The value at a JSON pointer (undefined when absent). */
export function at(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let v: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function describeField(schema: unknown): string | undefined {
  const d = (schema as { description?: unknown } | undefined)?.description;
  return typeof d === 'string' ? d : undefined;
}

function schemaError(e: ErrorObject, data: unknown, file: string): DocError {
  const p = e.params as Record<string, unknown>;
  const value = at(data, e.instancePath);
  const about = describeField(e.parentSchema);
  const what = about ? `: ${about}` : '';
  switch (e.keyword) {
    case 'type': {
      const want = String(p['type']).split(',').map((t) => EXPECT[t] ?? t).join(' or ');
      return new DocError('SCHEMA', `expected ${want}, got ${typeName(value)}`, {
        file, pointer: e.instancePath, hint: `write ${want} here${what}`,
      });
    }
    case 'required': {
      const name = String(p['missingProperty']);
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const d = describeField(props?.[name]);
      return new DocError('SCHEMA', `missing required field "${name}"`, {
        file, pointer: `${e.instancePath}/${escapePointerToken(name)}`, hint: `add "${name}"${d ? `: ${d}` : ''}`,
      });
    }
    case 'additionalProperties': {
      const name = String(p['additionalProperty']);
      const props = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
      return new DocError('SCHEMA', `unknown field "${name}"`, {
        file, pointer: `${e.instancePath}/${escapePointerToken(name)}`,
        hint: `remove it or fix its spelling; the fields here are: ${props.join(', ')}`,
      });
    }
    case 'const':
      return new DocError('SCHEMA', `expected ${JSON.stringify(p['allowedValue'])}, got ${JSON.stringify(value)}`, {
        file, pointer: e.instancePath, hint: `write ${JSON.stringify(p['allowedValue'])}${what}`,
      });
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map((x) => JSON.stringify(x)).join(', ');
      return new DocError('SCHEMA', `expected one of ${allowed}, got ${JSON.stringify(value)}`, {
        file, pointer: e.instancePath, hint: `use one of ${allowed}${what}`,
      });
    }
    case 'pattern':
      if (p['pattern'] === '\\S') {
        const invisible = typeof value === 'string' && /\S/u.test(value) && INVISIBLE_ONLY.test(value);
        return new DocError('SCHEMA', invisible ? `the text is empty: it holds only invisible characters (${[...new Set([...value].map((c) => hex(c.codePointAt(0)!)))].join(', ')})` : 'the text is empty', {
          file, pointer: e.instancePath, hint: `write the text${what}, or remove the entry`,
        });
      }
      return new DocError('SCHEMA', `does not match the pattern ${String(p['pattern'])}`, { file, pointer: e.instancePath, hint: about ?? 'fix the value' });
    case 'format':
      if (p['format'] === 'date') {
        return new DocError('BAD_DATE', `"${String(value)}" is not a date`, {
          file, pointer: e.instancePath, hint: 'write a day that exists, as YYYY-MM-DD (e.g. 2018-09-24)',
        });
      }
      return new DocError('SCHEMA', `is not a valid ${String(p['format'])}`, { file, pointer: e.instancePath, hint: about ?? 'fix the value' });
    case 'minItems':
      return new DocError('SCHEMA', `needs at least ${String(p['limit'])} item(s)`, { file, pointer: e.instancePath, hint: about ?? 'add items' });
    default:
      return new DocError('SCHEMA', e.message ?? `fails "${e.keyword}"`, { file, pointer: e.instancePath, ...(about ? { hint: about } : {}) });
  }
}

/** Explicit direction controls that could unbalance the isolates around data (UAX #9 embeddings, overrides, isolates). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
const BIDI_NAMES: Readonly<Record<number, string>> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
};
/**
 * C0 and C1 controls, except U+000A (a line break, kept) and a U+000D just
 * before it (a Windows line end, one line break). Tab included: it prints as
 * nothing useful.
 */
const CONTROL_CHARS = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]|\u000D(?!\u000A)/gu;
const C0_NAMES = ['NULL', 'START OF HEADING', 'START OF TEXT', 'END OF TEXT', 'END OF TRANSMISSION', 'ENQUIRY', 'ACKNOWLEDGE',
  'BELL', 'BACKSPACE', 'TAB', 'LINE FEED', 'LINE TABULATION', 'FORM FEED', 'CARRIAGE RETURN', 'SHIFT OUT', 'SHIFT IN',
  'DATA LINK ESCAPE', 'DEVICE CONTROL ONE', 'DEVICE CONTROL TWO', 'DEVICE CONTROL THREE', 'DEVICE CONTROL FOUR',
  'NEGATIVE ACKNOWLEDGE', 'SYNCHRONOUS IDLE', 'END OF TRANSMISSION BLOCK', 'CANCEL', 'END OF MEDIUM', 'SUBSTITUTE',
  'ESCAPE', 'FILE SEPARATOR', 'GROUP SEPARATOR', 'RECORD SEPARATOR', 'UNIT SEPARATOR'];
const controlName = (cp: number): string =>
  cp < 0x20 ? C0_NAMES[cp]! : cp === 0x7f ? 'DELETE' : cp === 0x85 ? 'NEXT LINE' : 'C1 CONTROL';

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Every match of `re` in `text` as `U+XXXX NAME at character N` (characters counted from 1, by code point). */
function occurrences(text: string, re: RegExp, name: (cp: number) => string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(re)) {
    const cp = m[0].codePointAt(0)!;
    found.push(`${hex(cp)} ${name(cp)} at character ${[...text.slice(0, m.index)].length + 1}`);
  }
  return found;
}

/** Every string of the data with its pointer. */
function strings(v: unknown, pointer: string, out: [string, string][] = []): [string, string][] {
  if (typeof v === 'string') out.push([pointer, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${pointer}/${i}`, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) strings(x, `${pointer}/${escapePointerToken(k)}`, out);
  }
  return out;
}

/** BIDI_CONTROL and CONTROL_CHAR: one message per field, listing every occurrence. */
function characterErrors(data: unknown, file: string, out: DocError[]): void {
  for (const [pointer, text] of strings(data, '')) {
    const bidi = occurrences(text, BIDI_CONTROLS, (cp) => BIDI_NAMES[cp]!);
    if (bidi.length) {
      out.push(new DocError('BIDI_CONTROL', `the text contains ${bidi.length === 1 ? 'the invisible direction control' : `${bidi.length} invisible direction controls:`} ${bidi.join(', ')}`, {
        file, pointer, hint: `delete ${bidi.length === 1 ? 'it' : 'them'}: every field is already laid out as its own bidi isolate`,
      }));
    }
    const controls = occurrences(text, CONTROL_CHARS, controlName);
    if (controls.length) {
      out.push(new DocError('CONTROL_CHAR', `the text contains ${controls.length === 1 ? 'the control character' : `${controls.length} control characters:`} ${controls.join(', ')}`, {
        file, pointer, hint: `delete ${controls.length === 1 ? 'it' : 'them'}: such characters come with text copied out of other programs; between words type a space, for a line break inside the text write \\n`,
      }));
    }
  }
}

/** Characters that print as nothing: a text made only of them (and white space) is empty. */
const INVISIBLE_ONLY = /^[\s\u200B-\u200F\u061C\u00AD\u2060\uFEFF]*$/u;

/** The data with every text made only of invisible characters replaced by "" (so the schema's emptiness check sees it). */
function visibleData(v: unknown): unknown {
  if (typeof v === 'string') return v !== '' && INVISIBLE_ONLY.test(v) ? '' : v;
  if (Array.isArray(v)) return v.map(visibleData);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visibleData(x)]));
  return v;
}

/** A number typed by hand at the start of a paragraph: "1- ", "1. ", "(1) ", "١) ". */
const TYPED_NUMBER = /^\s*(\(?[0-9\u0660-\u0669\u06F0-\u06F9]{1,3}\s*[-.)\u2013\u2014:]|\([0-9\u0660-\u0669\u06F0-\u06F9]{1,3}\))\s*(?=\S)/u;

/**
 * Warnings about the data (it can still be printed): paragraphs of the
 * template's content list (their `text`, or the item itself when a string)
 * that begin with a number typed by hand, which the template numbers again.
 */
export function dataWarnings(template: Template, data: unknown, file: string): DocError[] {
  const pointer = template.manifest.content;
  const list = pointer === undefined ? undefined : at(data, pointer);
  if (!Array.isArray(list)) return [];
  const out: DocError[] = [];
  list.forEach((item, i) => {
    const [p, text] = typeof item === 'string' ? [`${pointer}/${i}`, item]
      : [`${pointer}/${i}/text`, (item as Record<string, unknown> | null)?.['text']];
    const m = typeof text === 'string' ? TYPED_NUMBER.exec(text) : null;
    if (m) {
      out.push(new DocError('TYPED_NUMBER', `the paragraph begins with the number "${m[0].trim()}" typed by hand; the template numbers paragraphs itself, so it would print twice`, {
        file, pointer: p, hint: `delete "${m[0].trim()}" at the start of the text`,
      }));
    }
  });
  return out;
}

/** Every problem of the data for this template (empty when it can be rendered). */
export function validateData(template: Template, data: unknown, file: string): DocError[] {
  const errors: DocError[] = [];
  const visible = visibleData(data);
  if (!template.validate(visible)) {
    for (const e of template.validate.errors ?? []) errors.push(schemaError(e, data, file));
  }
  characterErrors(data, file, errors);
  if (errors.length === 0 && template.manifest.content !== undefined) {
    const list = at(data, template.manifest.content);
    if (Array.isArray(list) && list.length === 0) {
      errors.push(new DocError('EMPTY_DOCUMENT', 'the document has no content', {
        file, pointer: template.manifest.content, hint: 'add at least one entry to this list',
      }));
    }
  }
  return errors;
}
