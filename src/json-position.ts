/**
 * Where things are in a JSON text: the line and column of the value at a JSON
 * pointer, and of the first syntax error. Used to point a user at the line of
 * a configuration file (fonts.json, styles.json, a language table) instead of
 * a character offset. Dependency-free, so any layer may import it.
 */

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export class JsonPositionError extends Error {
  constructor(readonly offset: number, readonly line: number, readonly column: number, message: string) {
    super(message);
  }
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function escapeToken(k: string): string {
  return k.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Every value of a JSON text by its JSON pointer, with the offset where the
 * value starts (for an object member, where its name starts). Throws
 * JsonPositionError (with line and column) at the first syntax error.
 */
export function jsonPointerOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (what: string): never => {
    const found = i >= text.length ? 'the end of the file' : `"${text[i]}"`;
    const p = positionOf(text, i);
    throw new JsonPositionError(i, p.line, p.column, `expected ${what}, found ${found}`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('a closing quote (a string cannot hold a line break)');
      i++;
    }
    if (i >= text.length) {
      i = start;
      fail('a closing quote for this string');
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('a valid string (check its backslashes)');
    }
  };
  /** Past a comma; a comma before the closing bracket is reported where the comma is. */
  const comma = (close: string): void => {
    const at = i;
    i++;
    ws();
    if (text[i] === close) {
      const p = positionOf(text, at);
      throw new JsonPositionError(at, p.line, p.column, `a "," after the last entry, before "${close}": remove it`);
    }
  };
  const value = (ptr: string, at?: number): void => {
    ws();
    out.set(ptr, at ?? i);
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a field name in double quotes');
        const nameAt = i;
        const key = str(); ws();
        if (text[i] !== ':') fail('":" after the field name');
        i++;
        value(`${ptr}/${escapeToken(key)}`, nameAt); ws();
        if (text[i] === ',') { comma('}'); continue; }
        if (text[i] === '}') { i++; return; }
        fail('"," or "}"');
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (let n = 0; ; n++) {
        value(`${ptr}/${n}`); ws();
        if (text[i] === ',') { comma(']'); continue; }
        if (text[i] === ']') { i++; return; }
        fail('"," or "]"');
      }
    } else if (c === '"') str();
    else {
      const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) fail('a value');
      i += m![0].length;
    }
  };
  value('');
  ws();
  if (i < text.length) fail('the end of the file');
  return out;
}

/** Line and column of the value at `pointer` (or of its nearest existing parent). */
export function pointerPosition(text: string, pointer: string): TextPosition | undefined {
  let offsets: Map<string, number>;
  try {
    offsets = jsonPointerOffsets(text);
  } catch {
    return undefined;
  }
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const at = offsets.get(p);
    if (at !== undefined) return positionOf(text, at);
    if (p === '') return undefined;
  }
}
