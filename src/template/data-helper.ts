/**
 * The `__data` helper: at render time every `{{…}}` of a template calls it
 * (see isolate.ts for the rewrite). It does not print the value: it stores
 * it with its JSON pointer in a side table and prints `<data ref="N"/>`,
 * which the markup parser turns back into a DataNode — so data text never
 * passes through the XML parser.
 */
import Handlebars from 'handlebars';
import { DocError } from '../errors.js';
import { DATA_HELPER } from './isolate.js';
import { marker } from './markers.js';

type Hb = typeof Handlebars;

export interface DataValue {
  readonly text: string;
  readonly pointer?: string;
  /** The text was computed by a helper (`{{formatDate date}}`), not printed as stored. */
  readonly derived?: true;
}

/** Per-render state, passed to helpers through Handlebars' `data` frame. */
export interface RenderState {
  readonly files: readonly string[];
  readonly pointers: WeakMap<object, string>;
  readonly values: DataValue[];
}

export const STATE_KEY = '__docState';

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Maps every object and array of the data to its JSON pointer. */
export function pointerMap(data: unknown): WeakMap<object, string> {
  const map = new WeakMap<object, string>();
  const walk = (v: unknown, ptr: string): void => {
    if (typeof v !== 'object' || v === null) return;
    map.set(v, ptr);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${ptr}/${i}`));
    else for (const [k, x] of Object.entries(v)) walk(x, `${ptr}/${escapePointerToken(k)}`);
  };
  walk(data, '');
  return map;
}

interface DataHelperOptions {
  readonly hash: {
    readonly file: number; readonly line: number; readonly column: number;
    readonly field?: string; readonly base?: unknown; readonly walk?: string;
    readonly depth?: number; readonly call?: boolean;
  };
  readonly data: Record<string, unknown> & { contextPath?: string };
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function hasOwn(o: unknown, k: string): o is Record<string, unknown> {
  return typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, k);
}

/** The `__data` helper (registered by the template loader). */
export function dataHelper(value: unknown, options: DataHelperOptions): Handlebars.SafeString {
  const state = options.data[STATE_KEY] as RenderState | undefined;
  if (!state) throw new Error('internal: __data called outside a document render');
  const h = options.hash;
  const at = { file: state.files[h.file] ?? '?', line: h.line, column: h.column };
  const field = h.field ?? 'value';
  const walk = h.walk === undefined ? undefined : (JSON.parse(h.walk) as string[]);

  // Walk the path from its base: to the value (plain path), or to the pointer only (helper call).
  let pointer: string | undefined;
  let node: unknown = h.base;
  let owner: unknown;
  if (walk) {
    for (const [i, part] of walk.entries()) {
      if (!hasOwn(node, part)) {
        if (h.call) { node = undefined; break; }
        const upTo = walk.slice(0, i + 1).join('.');
        throw new DocError('TEMPLATE', `the template prints "${field}", but the data has no "${upTo}"`, {
          ...at, hint: `add it to the data (and to schema.json), or guard it with {{#if ${upTo}}}…{{/if}}`,
        });
      }
      owner = node;
      node = node[part];
    }
    if (walk.length > 0 && typeof owner === 'object' && owner !== null && node !== undefined) {
      const base = state.pointers.get(owner);
      if (base !== undefined) pointer = `${base}/${escapePointerToken(walk[walk.length - 1]!)}`;
    } else if (walk.length === 0) {
      // `{{this}}`: an object is found by identity; a list item string by the tracked context path.
      if (typeof node === 'object' && node !== null) pointer = state.pointers.get(node);
      else if (h.depth === 0) {
        // Handlebars joins the path with dots; `{{#each this}}` adds empty segments.
        const segments = (options.data.contextPath ?? '').split('.').filter((x) => x !== '');
        pointer = segments.map((x) => '/' + escapePointerToken(x)).join('');
      }
    }
    if (!h.call) value = node;
  }

  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (value === undefined || value === null) text = '';
  else {
    throw new DocError('TEMPLATE', `the template prints "${field}", which is ${describe(value)}, not text`, {
      ...at, hint: 'print one of its fields, or loop over it with {{#each}}',
    });
  }
  const ref = state.values.length;
  state.values.push({ text, ...(pointer !== undefined ? { pointer } : {}), ...(h.call ? { derived: true as const } : {}) });
  return new Handlebars.SafeString(`${marker(h.file, h.line)}<data ref="${ref}"/>`);
}

export function registerDataHelper(hb: Hb): void {
  hb.registerHelper(DATA_HELPER, dataHelper as unknown as Handlebars.HelperDelegate);
}

export const DATA_HELPER_NAME = DATA_HELPER;
