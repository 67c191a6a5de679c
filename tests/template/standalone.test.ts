import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateValidators, precompiledModule } from '../../src/template/standalone.js';
import { STYLES_SCHEMA, newAjv, schemaKey, validatorFor } from '../../src/template/schemas.js';
import type { PrecompiledFactory } from '../../src/template/precompiled.js';

const root = join(import.meta.dirname, '..', '..');
const annexSchema = JSON.parse(readFileSync(join(root, 'templates', 'oic-annex', 'schema.json'), 'utf8')) as object;
const good = JSON.parse(readFileSync(join(root, 'data', 'acm-2018-azer-rep-annex-v.json'), 'utf8')) as Record<string, unknown>;

/** The pre-generated table as the bundle would hold it, made from the generated function bodies. */
function table(): Map<string, PrecompiledFactory> {
  const warnings: string[] = [];
  const gen = generateValidators(join(root, 'templates'), (m) => warnings.push(m));
  expect(warnings).toEqual([]);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Map(gen.map((g) => [g.key, new Function('oicFormats', g.body) as PrecompiledFactory]));
}

/** What a secretary gets wrong: a misspelt field, a date that does not exist, a number for a text, a missing list. */
const wrongData: unknown[] = [
  { ...good, titel: good['title'] },
  { ...good, date: '2018-02-30' },
  { ...good, date: '24/09/2018' },
  { ...good, symbol: 2018 },
  { ...good, lang: 'AR' },
  { ...good, template: 'oic-anex' },
  { ...good, paragraphs: [{ text: ' ' }, { text: 'ok', continuation: [''] }, { txt: 'x' }] },
  (({ paragraphs: _p, venue: _v, ...rest }) => rest)(good),
  'not an object',
];

describe('pre-generated (standalone) validators give the errors Ajv gives at run time', () => {
  const t = table();

  test('the styles schema and the annex schema are pre-generated', () => {
    expect(t.has(schemaKey('styles', STYLES_SCHEMA))).toBe(true);
    expect(t.has(schemaKey('data', annexSchema))).toBe(true);
    expect(precompiledModule([...generateValidators(join(root, 'templates'))])).toContain('export const precompiled = new Map');
  });

  test('data: the same errors, in the same order, with the same parent schemas', () => {
    const pre = validatorFor('data', annexSchema, t);
    const compiled = newAjv('data').compile(annexSchema);
    expect(pre).not.toBe(compiled);
    expect(pre(good)).toBe(true);
    for (const d of wrongData) {
      expect(pre(d)).toBe(false);
      expect(compiled(d)).toBe(false);
      expect(pre.errors!.length).toBeGreaterThan(0);
      expect(pre.errors).toEqual(compiled.errors);
    }
  });

  test('styles: the same errors', () => {
    const pre = validatorFor('styles', STYLES_SCHEMA, t);
    const compiled = newAjv('styles').compile(STYLES_SCHEMA);
    const styles = JSON.parse(readFileSync(join(root, 'templates', 'oic-annex', 'styles.json'), 'utf8')) as Record<string, unknown>;
    expect(pre(styles)).toBe(true);
    for (const s of [{ ...styles, page: { width: -1, height: 'A4' } }, { ...styles, styles: { heading: { size: 0, colour: 'red' } } }]) {
      expect(pre(s)).toBe(false);
      compiled(s);
      expect(pre.errors).toEqual(compiled.errors);
    }
  });

  test('a schema not pre-generated (a new or edited template) is compiled at run time', () => {
    const a = annexSchema as { required: string[]; properties: object };
    const edited = { ...a, required: [...a.required, 'chair'], properties: { ...a.properties, chair: { type: 'string' } } };
    expect(t.has(schemaKey('data', edited))).toBe(false);
    const v = validatorFor('data', edited, t);
    expect(v(good)).toBe(false);
    expect(v.errors!.map((e) => e.params)).toEqual([{ missingProperty: 'chair' }]);
    expect(() => validatorFor('data', { type: 'object', properties: { a: { type: 'strnig' } } }, t)).toThrow(/type/);
  });
});
