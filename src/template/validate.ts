/**
 * Data checks before rendering: the template's JSON Schema (every problem,
 * each with its JSON pointer), real dates, no bidi control characters, and
 * a non-empty content list.
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
        return new DocError('SCHEMA', 'the text is empty', { file, pointer: e.instancePath, hint: `write the text${what}, or remove the entry` });
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
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

function bidiErrors(v: unknown, pointer: string, file: string, out: DocError[]): void {
  if (typeof v === 'string') {
    const m = BIDI_CONTROLS.exec(v);
    if (m) {
      const cp = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      out.push(new DocError('BIDI_CONTROL', `the text contains the invisible direction control U+${cp} at character ${m.index + 1}`, {
        file, pointer, hint: 'delete it: every field is already laid out as its own bidi isolate',
      }));
    }
  } else if (Array.isArray(v)) v.forEach((x, i) => bidiErrors(x, `${pointer}/${i}`, file, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) bidiErrors(x, `${pointer}/${escapePointerToken(k)}`, file, out);
  }
}

/** Every problem of the data for this template (empty when it can be rendered). */
export function validateData(template: Template, data: unknown, file: string): DocError[] {
  const errors: DocError[] = [];
  if (!template.validate(data)) {
    for (const e of template.validate.errors ?? []) errors.push(schemaError(e, data, file));
  }
  bidiErrors(data, '', file, errors);
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
