/**
 * The DOCX of the hand-built annex model, part by part, against pretty-printed
 * golden files. Parts are compared as parsed XML trees (insignificant
 * whitespace ignored), so the golden files can be read and diffed.
 *
 * After an intended change: UPDATE_GOLDEN=1 npx vitest run tests/backends/docx
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxBackend } from '../../../src/backends/docx/index.js';
import { annexModel } from './fixture.js';
import { unzipDocx, xmlPart } from './word.js';
import { parseXml, prettyDocument } from './xml.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const GOLDEN = join(import.meta.dirname, 'golden');

/** Package part → golden file. */
const PARTS: readonly (readonly [string, string])[] = [
  ['word/document.xml', 'document.xml'],
  ['word/styles.xml', 'styles.xml'],
  ['word/numbering.xml', 'numbering.xml'],
  ['word/header1.xml', 'header1.xml'],
  ['word/footer1.xml', 'footer1.xml'],
  ['word/fontTable.xml', 'fontTable.xml'],
  ['word/settings.xml', 'settings.xml'],
  ['docProps/core.xml', 'core.xml'],
  ['[Content_Types].xml', 'content-types.xml'],
  ['word/_rels/document.xml.rels', 'document.xml.rels'],
];

let parts: Map<string, Uint8Array>;

beforeAll(async () => {
  // The golden core.xml is dated by the document, not by SOURCE_DATE_EPOCH.
  delete process.env['SOURCE_DATE_EPOCH'];
  const { bytes } = await docxBackend.render(annexModel(), {});
  parts = await unzipDocx(bytes);
});

describe('docx golden files (annex fixture)', () => {
  for (const [part, file] of PARTS) {
    it(`${part} matches golden/${file}`, () => {
      const actual = xmlPart(parts, part);
      const path = join(GOLDEN, file);
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(path, prettyDocument(actual));
        return;
      }
      expect(existsSync(path), `golden/${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/backends/docx`).toBe(true);
      const golden = parseXml(readFileSync(path, 'utf8'));
      expect(actual).toEqual(golden);
    });
  }

  it('the package holds exactly the expected parts', () => {
    const names = [...parts.keys()];
    const listing = join(GOLDEN, 'parts.txt');
    if (UPDATE) {
      writeFileSync(listing, `${names.join('\n')}\n`);
      return;
    }
    expect(names).toEqual(readFileSync(listing, 'utf8').trim().split('\n'));
  });
});
