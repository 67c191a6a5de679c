/** In-place JSON edits: only the edited values change, in the file's own style. */
import { describe, expect, test } from 'vitest';
import { editJson } from '../../src/import/jsonedit.js';

describe('editJson', () => {
  test('a string replaced: everything else byte for byte (escapes, key order, CRLF, final newline)', () => {
    const text = '{\r\n  "b": "\\u0627\\u0644",\r\n  "a": "old \\"q\\"",\r\n  "n": [1, 2.50, true]\r\n}\r\n';
    const out = editJson(text, [{ op: 'replace', pointer: '/a', value: 'جديد "q" \\ /' }]);
    expect(out).toBe('{\r\n  "b": "\\u0627\\u0644",\r\n  "a": "جديد \\"q\\" \\\\ /",\r\n  "n": [1, 2.50, true]\r\n}\r\n');
    expect(JSON.parse(out).a).toBe('جديد "q" \\ /');
  });

  test('pointers with ~0 and ~1, array items, a BOM', () => {
    const text = '\uFEFF{"a/b": {"~x": ["p", "q"]}}';
    const out = editJson(text, [{ op: 'replace', pointer: '/a~1b/~0x/1', value: 'Q' }]);
    expect(out).toBe('\uFEFF{"a/b": {"~x": ["p", "Q"]}}');
  });

  test('a list replaced and a member added, indented like the file (tabs or spaces)', () => {
    const tabs = '{\n\t"items": [\n\t\t{\n\t\t\t"text": "a"\n\t\t}\n\t]\n}\n';
    const added = editJson(tabs, [{ op: 'add', pointer: '/items/0', key: 'continuation', value: ['b', 'c'] }]);
    expect(added).toBe('{\n\t"items": [\n\t\t{\n\t\t\t"text": "a",\n\t\t\t"continuation": [\n\t\t\t\t"b",\n\t\t\t\t"c"\n\t\t\t]\n\t\t}\n\t]\n}\n');
    const spaces = '{\n  "c": [\n    "x"\n  ]\n}';
    expect(editJson(spaces, [{ op: 'replace', pointer: '/c', value: ['x', 'y'] }])).toBe('{\n  "c": [\n    "x",\n    "y"\n  ]\n}');
    expect(editJson('{"a":{"t":"x"}}', [{ op: 'add', pointer: '/a', key: 'k', value: ['y'] }])).toBe('{"a":{"t":"x", "k": ["y"]}}');
  });

  test('several edits at once, and a missing pointer is an error', () => {
    const text = '{"a": "1", "b": "2", "c": "3"}';
    expect(editJson(text, [{ op: 'replace', pointer: '/c', value: 'C' }, { op: 'replace', pointer: '/a', value: 'A' }])).toBe('{"a": "A", "b": "2", "c": "C"}');
    expect(() => editJson(text, [{ op: 'replace', pointer: '/z', value: 'x' }])).toThrow('no value at /z');
  });
});
