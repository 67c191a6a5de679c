/**
 * JSON text: parsing with syntax errors at the real mistake (a comma after
 * the last item, a string with no closing quote, a missing comma, quotes
 * pasted from Word), and the place (line and column) of every value, so that
 * a data message found later by JSON pointer can say where it is in the file.
 */
import { DocError } from '../errors.js';

/** Where a value starts, and where its field name starts when it is a field of an object. */
export interface Place {
  readonly value: number;
  readonly key?: number;
}

class Stop {
  constructor(readonly offset: number, readonly message: string) {}
}

const escapeToken = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Scans a JSON text: records the place of every value by JSON pointer, and
 * throws Stop at the first syntax error. One function, as a recursive-descent
 * scanner reads best whole.
 */
function scan(text: string, places?: Map<string, Place>): void {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const shown = (): string => (i >= text.length ? 'the end of the file' : `"${text[i]}"`);
  const fail = (what: string): never => {
    const c = text[i];
    if (c === "'" || c === '\u201c' || c === '\u201d' || c === '\u2018' || c === '\u2019') {
      throw new Stop(i, `found the quote ${c}: write names and texts in straight double quotes "`);
    }
    throw new Stop(Math.min(i, text.length), `expected ${what}, found ${shown()}`);
  };
  const str = (): string => {
    const open = i++;
    for (;;) {
      if (i >= text.length) throw new Stop(open, 'the text that starts here has no closing double quote "');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(open, i)) as string;
      }
      if (c === '\\') {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'bad \\u escape in a string (write \\u and four hexadecimal digits)');
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else throw new Stop(i, `bad escape \\${n ?? ''} in a string (write \\\\ for a backslash)`);
        continue;
      }
      if (c === '\n' || c === '\r') {
        throw new Stop(open, 'the text that starts here has no closing double quote " before the end of the line (close it, or write a line break as \\n)');
      }
      if (c.charCodeAt(0) < 0x20) throw new Stop(i, 'a tab or control character inside a string (delete it: between words type a space; for a line break inside the text write \\n)');
      i++;
    }
  };
  const num = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail('a value');
    i += m![0].length;
  };
  const value = (pointer: string, key?: number): void => {
    ws();
    places?.set(pointer, key === undefined ? { value: i } : { value: i, key });
    const c = text[i];
    if (c === '{') object(pointer);
    else if (c === '[') array(pointer);
    else if (c === '"') str();
    else if (c !== undefined && (c === '-' || (c >= '0' && c <= '9'))) num();
    else {
      for (const w of ['true', 'false', 'null']) {
        if (text.startsWith(w, i)) { i += w.length; return; }
      }
      fail('a value');
    }
  };
  const object = (pointer: string): void => {
    i++; ws();
    if (text[i] === '}') { i++; return; }
    for (;;) {
      ws();
      if (text[i] !== '"') fail('a field name in double quotes');
      const keyAt = i;
      const name = str(); ws();
      if (text[i] !== ':') fail('":" after the field name');
      i++;
      value(`${pointer}/${escapeToken(name)}`, keyAt);
      const end = i;
      ws();
      if (text[i] === ',') {
        const comma = i;
        i++; ws();
        if (text[i] === '}') throw new Stop(comma, 'a comma after the last field (delete it)');
        continue;
      }
      if (text[i] === '}') { i++; return; }
      if (text[i] === '"') throw new Stop(end, 'a comma is missing after this value (before the next field)');
      fail('"," or "}"');
    }
  };
  const array = (pointer: string): void => {
    i++; ws();
    if (text[i] === ']') { i++; return; }
    for (let n = 0; ; n++) {
      value(`${pointer}/${n}`);
      const end = i;
      ws();
      if (text[i] === ',') {
        const comma = i;
        i++; ws();
        if (text[i] === ']') throw new Stop(comma, 'a comma after the last item (delete it)');
        continue;
      }
      if (text[i] === ']') { i++; return; }
      if (text[i] !== undefined && '{["-0123456789tfn'.includes(text[i]!)) throw new Stop(end, 'a comma is missing after this item (before the next one)');
      fail('"," or "]"');
    }
  };
  value('');
  ws();
  if (i < text.length) fail('the end of the file');
}

/** Finds the first syntax error of a JSON text that JSON.parse rejected. */
export function jsonSyntaxError(text: string): { offset: number; message: string } {
  try {
    scan(text);
    return { offset: 0, message: 'invalid JSON' };
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    throw e;
  }
}

/** 1-based line and column (in UTF-16 units, as editors count) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The place of every value of a valid JSON text, by JSON pointer. */
export function jsonPlaces(text: string): Map<string, Place> {
  const places = new Map<string, Place>();
  try {
    scan(text, places);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return places;
}

/** JSON.parse, but a syntax error is a DocError JSON_SYNTAX with line and column at the mistake. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const { offset, message } = jsonSyntaxError(text);
    throw new DocError('JSON_SYNTAX', message, {
      file, ...lineColumn(text, offset), cause: e,
      hint: 'fix the JSON syntax: strings in double quotes, commas between items, none after the last',
    });
  }
}
