/** The merge base inside the draft: what it holds, deterministic bytes, read back exactly. */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readZip } from '../../src/backends/docx/zip.js';
import { readDraftBase } from '../../src/import/base.js';
import { ANNEX, annexDraft, documentXml } from './util.js';
import { markedDraft } from './draft.js';

const parts = (b: Uint8Array): Map<string, Uint8Array> => new Map(readZip(b).map((e) => [e.name, e.data]));
const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

describe('merge base', () => {
  test('same data, same draft bytes (base part included)', async () => {
    const a = await markedDraft(ANNEX);
    const b = await markedDraft(ANNEX);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  test('holds the data file byte for byte with its SHA-256, the template, the generator', async () => {
    const base = readDraftBase(parts(await annexDraft()))!;
    const data = readFileSync(ANNEX);
    expect(Buffer.from(base.sourceData).equals(data)).toBe(true);
    expect(base.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(base.sourceName).toBe('acm-2018-azer-rep-annex-v.json');
    expect(base.template.name).toBe('oic-annex');
    expect(base.template.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(base.generator.name).toBe('oic-docs');
    expect(base.generator.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  test('one entry per marker of the document, header included; derived ones flagged', async () => {
    const draft = await annexDraft();
    const files = parts(draft);
    const base = readDraftBase(files)!;
    const tags = [...documentXml(draft).matchAll(/<w:tag w:val="([^"]*)"\/>/g), ...text(files.get('word/header1.xml')).matchAll(/<w:tag w:val="([^"]*)"\/>/g)].map((m) => m[1]);
    expect(base.markers.map((m) => m.tag).sort()).toEqual(tags.sort());
    const data = JSON.parse(readFileSync(ANNEX, 'utf8'));
    const exact = base.markers.filter((m) => m.exact);
    expect(exact.length).toBeGreaterThan(15);
    for (const m of exact) expect(m.text).toBe(m.pointer.split('/').slice(1).reduce((v: any, k) => v[k], data));
    expect(base.markers.filter((m) => m.derived).map((m) => m.tag).sort()).toEqual(['/date#0', '/date#1', '/symbol#1']);
    expect(new Set(base.markers.map((m) => m.bookmark)).size).toBe(base.markers.length);
  });

  test('an unbound custom XML part: related from the document, its properties typed, no data binding anywhere', async () => {
    const files = parts(await annexDraft());
    expect(text(files.get('word/_rels/document.xml.rels'))).toContain('Target="../customXml/item1.xml"');
    expect(text(files.get('customXml/_rels/item1.xml.rels'))).toContain('Target="itemProps1.xml"');
    expect(text(files.get('[Content_Types].xml'))).toContain('PartName="/customXml/itemProps1.xml"');
    for (const [name, data] of files) if (name.endsWith('.xml')) expect(text(data), name).not.toContain('dataBinding');
  });

  test('a draft built without the data (no merge base) has no markers either', async () => {
    const { docxBackend } = await import('../../src/backends/docx/index.js');
    const { loadDocument } = await import('../../src/pipeline.js');
    const { model } = await loadDocument(ANNEX);
    const files = parts((await docxBackend.render(model, {})).bytes);
    expect([...files.keys()].some((n) => n.startsWith('customXml/'))).toBe(false);
    expect(text(files.get('word/document.xml'))).not.toContain('<w:sdt>');
  });
});
