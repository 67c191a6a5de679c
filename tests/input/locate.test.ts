/** Data messages by JSON pointer get the line and column of the field and the place in words. */
import { describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { humanPlace } from '../../src/input/locate.js';
import { jsonPlaces, lineColumn } from '../../src/input/json.js';
import { ANNEX, failsKeepingOutputs, lineCol, tempDir } from '../pipeline/util.js';

describe('the place in words', () => {
  test.each([
    ['/paragraphs/4/text', 'paragraph 5'],
    ['/paragraphs/0', 'paragraph 1'],
    ['/paragraphs/2/continuation/1', 'paragraph 3, continuation 2'],
    ['/entries/0/name', 'entry 1'],
    ['/0', 'item 1'],
    ['/title', undefined],
    ['', undefined],
  ])('%s → %s', (pointer, words) => {
    expect(humanPlace(pointer)).toBe(words);
  });
});

describe('the place in the file', () => {
  test('every value of the annex, by pointer, found where a text search finds it', () => {
    const text = readFileSync(ANNEX, 'utf8');
    const places = jsonPlaces(text);
    const data = JSON.parse(text);
    expect(places.size).toBeGreaterThan(20);
    const at = (offset: number): string => { const { line, column } = lineColumn(text, offset); return `${line}:${column}`; };
    expect(at(places.get('/venue')!.key!)).toBe(lineCol(ANNEX, '"venue"'));
    expect(at(places.get('/paragraphs/2/continuation/3')!.value)).toBe(lineCol(ANNEX, JSON.stringify(data.paragraphs[2].continuation[3])));
    expect(at(places.get('/paragraphs/6/text')!.key!)).toBe(lineCol(ANNEX, '"text"', 6));
    // Keys with / and ~ are escaped in pointers (RFC 6901).
    expect([...jsonPlaces('{"a/b": {"~x": 1}}').keys()]).toEqual(['', '/a~1b', '/a~1b/~0x']);
  });

  test('an unknown field is reported at its name; a trailing comma in a data file at the comma, outputs kept', async () => {
    const d = JSON.parse(readFileSync(ANNEX, 'utf8'));
    d.paragraphs[1].note = 'x';
    const file = join(tempDir(), 'doc.json');
    writeFileSync(file, JSON.stringify(d, null, 2));
    const { lines } = await failsKeepingOutputs(file);
    expect(lines).toEqual([`${file}:${lineCol(file, '"note"')}: /paragraphs/1/note (paragraph 2): unknown field "note" (remove it or fix its spelling; the fields here are: text, continuation)`]);

    const trailing = join(tempDir(), 'doc.json');
    writeFileSync(trailing, readFileSync(ANNEX, 'utf8').replace(/("text": "يقدم[^"]*")/, '$1,'));
    const r = await failsKeepingOutputs(trailing);
    // The comma after the last paragraph's text, not the "}" on the next line.
    expect(r.lines).toEqual([`${trailing}:${lineCol(trailing, ',\n    }')}: a comma after the last field (delete it) (fix the JSON syntax: strings in double quotes, commas between items, none after the last)`]);
  });
});
