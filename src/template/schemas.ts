/**
 * The two kinds of schema a template has, and their validators: the data's
 * schema.json (draft 2020-12, with the `date` format) and the schema of
 * styles.json (below).
 *
 * No schema is compiled at run time when it can be avoided: the bundle
 * (scripts/bundle.mjs) carries Ajv's standalone validators for the styles
 * schema and for every template's schema.json as it was when bundling
 * (src/template/precompiled.ts, keyed by the schema's text). A schema that is
 * not pre-generated (a new template, an edited schema) is compiled by Ajv,
 * loaded only then, with the same options: both give the same errors.
 */
import { createRequire } from 'node:module';
import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { isRealDate } from './helpers.js';
import { precompiled, type PrecompiledFactory } from './precompiled.js';

/** Ajv options of data schemas (verbose: messages read the field's description from the parent schema). */
export const DATA_OPTIONS: Options = { allErrors: true, strict: true, verbose: true };
export const STYLES_OPTIONS: Options = { allErrors: true, strict: true };

/** The formats data schemas may use, as Ajv format definitions. */
export const DATA_FORMATS = { date: { type: 'string', validate: isRealDate } } as const;

export const STYLE_PROPS: Record<string, object> = {
  basedOn: { type: 'string' }, displayName: { type: 'string' }, font: { type: 'string' },
  size: { type: 'number', exclusiveMinimum: 0 }, bold: { type: 'boolean' }, italic: { type: 'boolean' },
  align: { enum: ['start', 'end', 'center', 'justify'] },
  spaceBefore: { type: 'number', minimum: 0 }, spaceAfter: { type: 'number', minimum: 0 },
  lineHeight: { type: 'number', exclusiveMinimum: 0 },
  indentStart: { type: 'number' }, indentEnd: { type: 'number' },
  numberWidth: { type: 'number', minimum: 0 }, numberFormat: { type: 'string', pattern: '%1' },
  numberStyle: { enum: ['decimal', 'arabic-indic', 'latin-lower', 'abjad'] },
  dir: { enum: ['rtl', 'ltr', 'auto'] }, lang: { type: 'string' },
  justify: { enum: ['spaces', 'kashida'] }, kashidaShare: { type: 'number', minimum: 0, maximum: 1 },
};
export const STYLES_SCHEMA = {
  type: 'object',
  required: ['page', 'styles'],
  additionalProperties: false,
  properties: {
    $comment: { type: 'string' },
    page: {
      type: 'object',
      required: ['width', 'height', 'margins'],
      additionalProperties: false,
      properties: {
        width: { type: 'number', exclusiveMinimum: 0 },
        height: { type: 'number', exclusiveMinimum: 0 },
        margins: {
          type: 'object', required: ['top', 'right', 'bottom', 'left'], additionalProperties: false,
          properties: { top: { type: 'number' }, right: { type: 'number' }, bottom: { type: 'number' }, left: { type: 'number' } },
        },
        headerDistance: { type: 'number', minimum: 0 },
        footerDistance: { type: 'number', minimum: 0 },
      },
    },
    styles: {
      type: 'object',
      required: ['normal'],
      properties: { normal: { type: 'object', additionalProperties: false, properties: STYLE_PROPS } },
      additionalProperties: { type: 'object', additionalProperties: false, properties: STYLE_PROPS },
    },
  },
};

export type SchemaKind = 'data' | 'styles';

/** The key of a schema in the pre-generated table: its kind and its text (so an edited schema never matches). */
export function schemaKey(kind: SchemaKind, schema: unknown): string {
  return `${kind}\0${JSON.stringify(schema)}`;
}

/** A fresh Ajv of a kind (loaded on first use: a bundle with every validator pre-generated never loads it). */
export function newAjv(kind: SchemaKind, extra: Options = {}): Ajv2020 {
  const require = createRequire(import.meta.url);
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv({ ...(kind === 'data' ? DATA_OPTIONS : STYLES_OPTIONS), ...extra });
  if (kind === 'data') for (const [name, f] of Object.entries(DATA_FORMATS)) ajv.addFormat(name, f);
  return ajv;
}

/** Validators made in this process, per table. */
const made = new WeakMap<ReadonlyMap<string, PrecompiledFactory>, Map<string, ValidateFunction>>();

/**
 * The validator of a schema: the pre-generated one when the bundle has it,
 * else compiled now (throws Ajv's error when the schema is not valid).
 * `table` is for tests (default: the bundle's).
 */
export function validatorFor(kind: SchemaKind, schema: unknown, table: ReadonlyMap<string, PrecompiledFactory> = precompiled): ValidateFunction {
  const key = schemaKey(kind, schema);
  let mine = made.get(table);
  if (!mine) made.set(table, (mine = new Map()));
  const hit = mine.get(key);
  if (hit) return hit;
  const factory = table.get(key);
  const v = factory ? factory(DATA_FORMATS) : newAjv(kind).compile(schema as object);
  mine.set(key, v);
  return v;
}

/** The styles.json validator. */
export const stylesValidator = (): ValidateFunction => validatorFor('styles', STYLES_SCHEMA);
