/**
 * Data messages found by JSON pointer get the line and column of the field in
 * the data file, and the place in the user's words: `/paragraphs/4/text` is
 * "paragraph 5" (pointers count from 0, people from 1).
 */
import { DocError, DocErrors, errorsOf } from '../errors.js';
import { jsonPlaces, lineColumn, type Place } from './json.js';

/** `paragraphs` → `paragraph`, `entries` → `entry`, `continuation` stays. */
function singular(name: string): string {
  if (/ies$/.test(name)) return name.slice(0, -3) + 'y';
  if (/(ss|us)$/.test(name)) return name;
  return name.replace(/s$/, '');
}

/**
 * The place of a pointer in words: every list item by its name and number
 * (`/paragraphs/2/continuation/1` → "paragraph 3, continuation 2").
 * Undefined when the pointer names no list item (`/title` says it already).
 */
export function humanPlace(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  const tokens = pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const parts: string[] = [];
  tokens.forEach((t, k) => {
    if (/^(0|[1-9]\d*)$/.test(t)) {
      const list = k > 0 ? singular(tokens[k - 1]!) : 'item';
      parts.push(`${/^\d/.test(list) ? 'item' : list} ${Number(t) + 1}`);
    }
  });
  return parts.length ? parts.join(', ') : undefined;
}

/** Where a pointer is in the text: its field name, or its value, or (absent) its nearest parent's. */
function placeOf(places: ReadonlyMap<string, Place>, pointer: string): number | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const hit = places.get(p);
    if (hit) return p === pointer ? hit.key ?? hit.value : hit.value;
    if (p === '') return undefined;
  }
}

/** Locates data messages of one data file (its text given); other errors pass unchanged. */
export class Locator {
  private places: Map<string, Place> | undefined;
  constructor(private readonly text: string, private readonly file: string) {}

  error(e: DocError): DocError {
    if (e.pointer === undefined || e.file !== this.file || e.line !== undefined) return e;
    this.places ??= jsonPlaces(this.text);
    const offset = placeOf(this.places, e.pointer);
    const place = e.place ?? humanPlace(e.pointer);
    return new DocError(e.code, e.message, {
      ...e.details(),
      ...(offset !== undefined ? lineColumn(this.text, offset) : {}),
      ...(place !== undefined ? { place } : {}),
    });
  }

  /** The same thrown value, with its data messages located (DocError / DocErrors); anything else unchanged. */
  thrown(e: unknown): unknown {
    const errs = errorsOf(e);
    if (!errs) return e;
    const located = errs.map((x) => this.error(x));
    return located.length === 1 && e instanceof DocError ? located[0]! : new DocErrors(located);
  }
}
