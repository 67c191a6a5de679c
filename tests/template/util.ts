import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DocError, DocErrors } from '../../src/errors.js';

export const STYLES = JSON.stringify({
  page: { width: 595.28, height: 841.89, margins: { top: 72, right: 72, bottom: 72, left: 72 } },
  styles: { normal: { font: 'Amiri', size: 14 }, numbered: { numberFormat: '%1-', numberWidth: 28 } },
});

export const SCHEMA = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['template', 'title'],
  properties: {
    template: { type: 'string' },
    title: { type: 'string' },
    items: { type: 'array', items: { type: 'string' } },
    obj: { type: 'object' },
  },
});

export const META = '<meta><title>{{title}}</title><date>2020-01-01</date><lang>ar</lang><dir>rtl</dir></meta>';

/**
 * Writes a templates folder with one template "t" (files relative to its
 * folder; schema.json and styles.json added unless given) and returns the folder.
 */
export function makeTemplates(files: Record<string, string>, name = 't'): string {
  const root = mkdtempSync(join(tmpdir(), 'oic-templates-'));
  const all: Record<string, string> = { 'schema.json': SCHEMA, 'styles.json': STYLES, ...files };
  for (const [rel, content] of Object.entries(all)) {
    const path = join(root, name, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}

/** Runs fn and returns the DocErrors it threw (fails when it does not throw one). */
export function caught(fn: () => unknown): DocError[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DocErrors) return [...e.errors];
    if (e instanceof DocError) return [e];
    throw e;
  }
  throw new Error('expected a DocError');
}
