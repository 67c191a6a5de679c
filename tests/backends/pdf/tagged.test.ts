/**
 * Tagged PDF: a structure tree with the document's headings and paragraphs
 * in reading order, each with its language and its marked content; running
 * headers and footers marked as artifacts. Read back with pdf-lib (the
 * objects) and pdf.js (its own structure-tree reader, as browsers use it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFString, PDFHexString } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderWithDump } from './util.js';
import { loadDocument } from '../../../src/pipeline.js';

type Rendered = Awaited<ReturnType<typeof renderWithDump>>;
let r: Rendered;
let pdf: PDFDocument;

beforeAll(async () => {
  const { model } = await loadDocument('data/acm-2018-azer-rep-annex-v.json');
  r = await renderWithDump(model, {});
  pdf = await PDFDocument.load(r.bytes, { updateMetadata: false });
});

const str = (v: unknown): string | undefined => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);

/** The elements at the root of the structure tree. */
function roots(): PDFDict[] {
  const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const k = root.lookup(PDFName.of('K'));
  return (k instanceof PDFArray ? k.asArray() : [k]).map((ref) => pdf.context.lookup(ref, PDFDict));
}

/** The block elements: the children of the Document root. */
function elements(): PDFDict[] {
  const k = roots()[0]!.lookup(PDFName.of('K'), PDFArray);
  return k.asArray().map((ref) => pdf.context.lookup(ref, PDFDict));
}

const hasPdfinfo = spawnSync('pdfinfo', ['-v'], { stdio: 'ignore' }).error === undefined;
if (!hasPdfinfo) console.warn('tagged PDF: pdfinfo not found (apt package poppler-utils): its structure check skipped');

describe('the structure tree of the annex', () => {
  it('has one root, a Document element', () => {
    expect(roots().map((e) => e.lookup(PDFName.of('S'), PDFName).decodeText())).toEqual(['Document']);
  });

  it.skipIf(!hasPdfinfo)('reads in poppler (pdfinfo -struct) without a warning, Document first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oic-tagged-'));
    const file = join(dir, 'annex.pdf');
    writeFileSync(file, r.bytes);
    const out = spawnSync('pdfinfo', ['-struct', file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(out.stderr).toBe('');
    expect(out.stdout.split('\n')[0]).toBe('Document');
    expect(out.stdout).toContain('  H1');
  });

  it('is marked as tagged', () => {
    const mark = pdf.catalog.lookup(PDFName.of('MarkInfo'), PDFDict);
    expect(mark.get(PDFName.of('Marked'))?.toString()).toBe('true');
  });

  it('has one element per paragraph and heading, in reading order', () => {
    const body = r.dump.filter((d) => !d.running);
    const roles = elements().map((e) => e.lookup(PDFName.of('S'), PDFName).decodeText());
    expect(roles).toEqual(body.map((d) => (d.label.startsWith('heading') ? 'H1' : 'P')));
    expect(roles.filter((x) => x === 'H1')).toHaveLength(1);
  });

  it('gives each element its language and its marked content', () => {
    const langs = elements().map((e) => str(e.lookup(PDFName.of('Lang'))));
    expect(langs.slice(0, 2)).toEqual(['en', 'en']); // the Latin symbol block
    expect(langs.slice(2).every((l) => l === 'ar')).toBe(true);
    for (const e of elements()) {
      const k = e.lookup(PDFName.of('K'));
      const mcids = k instanceof PDFArray ? k.asArray() : [k];
      expect(mcids.length).toBeGreaterThan(0);
      for (const m of mcids) expect(m instanceof PDFNumber || m instanceof PDFDict).toBe(true);
    }
  });

  it('reads the same in pdf.js, page by page, with headers and footers left out', async () => {
    const doc = await getDocument({ data: new Uint8Array(r.bytes), verbosity: 0 }).promise;
    const page2 = await (await doc.getPage(2)).getStructTree();
    const top = (page2?.children ?? []).map((c) => ('role' in c ? c.role : ''));
    expect(top).toEqual(['Document']);
    const documentNode = page2!.children[0]!;
    const roles = ('children' in documentNode ? documentNode.children : []).map((c) => ('role' in c ? c.role : ''));
    expect(roles[0]).toBe('H1');
    expect(roles.slice(1).every((x) => x === 'P')).toBe(true);
    // The running header and the page number are artifacts, not content.
    const ops = await (await doc.getPage(2)).getTextContent({ includeMarkedContent: true });
    const artifacts = ops.items.filter((i) => 'type' in i && i.type.startsWith('beginMarkedContent') && 'tag' in i && i.tag === 'Artifact');
    expect(artifacts.length).toBe(2);
    await doc.destroy();
  });
});
