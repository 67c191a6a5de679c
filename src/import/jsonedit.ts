/**
 * Editing a JSON file in place: a value found by its JSON pointer is replaced
 * in the text, everything else stays byte for byte (indentation, key order,
 * escapes, the final newline), so the data file's diff shows only the edits.
 */

interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: 'object' | 'array' | 'scalar';
  readonly members?: Map<string, Span>;
  readonly items?: Span[];
}

/** The spans of every value of a JSON text (that JSON.parse accepted). */
function spans(text: string): Span {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r\uFEFF'.includes(text[i]!)) i++;
  };
  const str = (): string => {
    const s = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(s, i)) as string;
  };
  const value = (): Span => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members = new Map<string, Span>();
      ws();
      while (text[i] !== '}') {
        ws();
        const k = str();
        ws();
        i++; // :
        members.set(k, value());
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
      return { start, end: i, kind: 'object', members };
    }
    if (c === '[') {
      i++;
      const items: Span[] = [];
      ws();
      while (text[i] !== ']') {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
      return { start, end: i, kind: 'array', items };
    }
    if (c === '"') str();
    else while (i < text.length && !',]} \t\n\r'.includes(text[i]!)) i++;
    return { start, end: i, kind: 'scalar' };
  };
  return value();
}

function find(root: Span, pointer: string): Span | undefined {
  if (pointer === '') return root;
  let s: Span | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!s) return undefined;
    s = s.kind === 'object' ? s.members!.get(k) : s.kind === 'array' && /^\d+$/.test(k) ? s.items![Number(k)] : undefined;
  }
  return s;
}

export type JsonEdit =
  /** Replace the value at `pointer` (it must exist). */
  | { readonly op: 'replace'; readonly pointer: string; readonly value: unknown }
  /** Add a member to the object at `pointer` (after its last member). */
  | { readonly op: 'add'; readonly pointer: string; readonly key: string; readonly value: unknown };

/** The leading whitespace of the line holding offset `at`. */
function lineIndent(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The file's indentation unit (two spaces, four, a tab), or '' for a one-line file. */
function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1]! : '';
}

/** A value written in the file's style, starting at the indentation `indent`. */
function written(value: unknown, unit: string, indent: string): string {
  if (typeof value === 'string') return JSON.stringify(value);
  const s = unit === '' ? JSON.stringify(value) : JSON.stringify(value, null, unit);
  return s.replace(/\n/g, `\n${indent}`);
}

/** Applies the edits to the JSON text. Throws Error when a pointer does not exist. */
export function editJson(text: string, edits: readonly JsonEdit[]): string {
  const root = spans(text);
  const unit = indentUnit(text);
  const changes: { start: number; end: number; with: string }[] = [];
  for (const e of edits) {
    const s = find(root, e.pointer);
    if (!s) throw new Error(`no value at ${e.pointer}`);
    if (e.op === 'replace') {
      changes.push({ start: s.start, end: s.end, with: written(e.value, unit, lineIndent(text, s.start)) });
      continue;
    }
    if (s.kind !== 'object') throw new Error(`${e.pointer} is not an object`);
    const last = [...s.members!.values()].pop();
    if (!last) {
      changes.push({ start: s.start, end: s.end, with: `{${JSON.stringify(e.key)}: ${written(e.value, unit, lineIndent(text, s.start))}}` });
      continue;
    }
    const memberIndent = lineIndent(text, last.start);
    const sep = unit === '' ? ', ' : `,\n${memberIndent}`;
    changes.push({ start: last.end, end: last.end, with: `${sep}${JSON.stringify(e.key)}: ${written(e.value, unit, memberIndent)}` });
  }
  changes.sort((a, b) => b.start - a.start);
  let out = text;
  for (const c of changes) out = out.slice(0, c.start) + c.with + out.slice(c.end);
  return out;
}
