/**
 * Ajv standalone validators generated when bundling (scripts/bundle.mjs
 * replaces this module in the bundle with the generated table, see
 * src/template/standalone.ts). Run from source, the table is empty and every
 * schema is compiled at run time (src/template/schemas.ts).
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** Makes a validator, given the format definitions (`DATA_FORMATS`). */
export type PrecompiledFactory = (formats: unknown) => ValidateFunction;

/** Key: `schemaKey(kind, schema)`. */
export const precompiled: ReadonlyMap<string, PrecompiledFactory> = new Map();
