/**
 * The JSON scanner agrees with JSON.parse: on any JSON value it finds no
 * error and the place of every value; on any text JSON.parse rejects (a valid
 * text with one character deleted or inserted) it finds an error, and on any
 * it accepts, none.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { jsonPlaces, jsonSyntaxError } from '../../src/input/json.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);
const SEED = Number(process.env['FUZZ_SEED'] ?? 18);

function pointers(v: unknown, p = '', out: string[] = []): string[] {
  out.push(p);
  if (Array.isArray(v)) v.forEach((x, i) => pointers(x, `${p}/${i}`, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) pointers(x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
  return out;
}

function valueAt(v: unknown, pointer: string): unknown {
  if (pointer === '') return v;
  return pointer.slice(1).split('/').reduce<unknown>((x, t) => (x as Record<string, unknown>)[t.replace(/~1/g, '/').replace(/~0/g, '~')], v);
}

const accepts = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('the JSON scanner agrees with JSON.parse', () => {
  test('any JSON value: no error, every value placed where it starts', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (v, indent) => {
      const text = JSON.stringify(v, null, indent);
      expect(jsonSyntaxError(text)).toEqual({ offset: 0, message: 'invalid JSON' });
      const places = jsonPlaces(text);
      const all = pointers(JSON.parse(text));
      // Duplicate keys cannot occur in a stringified value, so pointers and places match one to one.
      expect([...places.keys()].sort()).toEqual([...new Set(all)].sort());
      for (const p of all) {
        const value = valueAt(JSON.parse(text), p);
        const rest = text.slice(places.get(p)!.value);
        if (Array.isArray(value)) expect(rest[0]).toBe('[');
        else if (typeof value === 'object' && value !== null) expect(rest[0]).toBe('{');
        else expect(rest.startsWith(JSON.stringify(value))).toBe(true);
      }
    }), { numRuns: RUNS, seed: SEED });
  });

  test('one character deleted or inserted: an error exactly when JSON.parse rejects it', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '"', '}', ']', ':', ' ', 'x', '\n'), (v, n, insert) => {
      const text = JSON.stringify(v, null, 2);
      const i = n % (text.length + 1);
      const broken = insert === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + insert + text.slice(i);
      const found = jsonSyntaxError(broken);
      if (accepts(broken)) expect(found).toEqual({ offset: 0, message: 'invalid JSON' });
      else {
        expect(found.message).not.toBe('invalid JSON');
        expect(found.offset).toBeGreaterThanOrEqual(0);
        expect(found.offset).toBeLessThanOrEqual(broken.length);
      }
    }), { numRuns: RUNS * 3, seed: SEED });
  });
});
