/**
 * The package's parts as the DOCX backend takes them (the docx library's
 * compiler, src/backends/docx/parts.ts) are the parts of the library's own
 * zip, byte for byte (core.xml aside: the library stamps the clock there, and
 * package.ts writes it anew): the same names in the same order, the same bytes. A
 * docx upgrade that made them differ would change the drafts (and fail here
 * before the goldens say why).
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { Packer } from 'docx';
import { convert } from '../../../src/backends/docx/convert.js';
import { packageParts } from '../../../src/backends/docx/parts.js';
import { readZip } from '../../../src/backends/docx/zip.js';
import { loadDocument } from '../../../src/pipeline.js';
import { ROOT } from './fixture.js';

describe('DOCX package parts', () => {
  for (const name of ['acm-2018-azer-rep-annex-v.json', 'cfm-45-2018-res-10.en.json']) {
    test(`${name}: the compiler's parts are the library zip's parts`, async () => {
      const { model } = await loadDocument(join(ROOT, 'data', name));
      // One document object for both (its font keys are random); core.xml carries the clock (package.ts rewrites it).
      const { document } = convert(model, { markFields: true });
      const parts = await packageParts(document);
      const zipped = readZip(new Uint8Array(await Packer.toBuffer(document)));
      expect([...parts.keys()]).toEqual(zipped.map((e) => e.name));
      for (const e of zipped) {
        if (e.name !== 'docProps/core.xml') expect(Buffer.from(parts.get(e.name)!).equals(Buffer.from(e.data)), e.name).toBe(true);
      }
      expect(parts.has('word/document.xml')).toBe(true);
    });
  }
});
