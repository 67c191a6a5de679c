/**
 * Issue 7: the annex PDF is PDF/A-3b with metadata, bookmarks and its data
 * file embedded; builds read nothing but fonts and fetch nothing; two
 * renders are the same bytes. Read back with pdf-lib (objects) and pdf.js.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, decodePDFRawStream,
} from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildDefinition, printDefinition, renderPdf } from '../../../src/backends/pdf/index.js';
import { releaseRuns } from '../../../src/backends/pdf/glyph-runs.js';
import { loadDocument } from '../../../src/pipeline.js';
import type { DocumentModel } from '../../../src/model/index.js';

const ANNEX = 'data/acm-2018-azer-rep-annex-v.json';
const DATA = readFileSync(ANNEX);
const TITLE = 'تقرير اجتماع فريق الاتصال المعني بعدوان جمهورية أرمينيا على جمهورية أذربيجان';
const COVER_TITLE = 'اجتماع فريق الاتصال المعني بعدوان جمهورية أرمينيا على جمهورية أذربيجان';

let model: DocumentModel;
let bytes: Uint8Array;
let pdf: PDFDocument;

const text = (v: unknown): string | undefined => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);
const sourceOptions = () => ({ sourceData: DATA, sourceName: basename(ANNEX) });

beforeAll(async () => {
  model = (await loadDocument(ANNEX)).model;
  bytes = (await renderPdf(model, sourceOptions())).bytes;
  pdf = await PDFDocument.load(bytes, { updateMetadata: false });
}, 60_000);

function xmp(doc: PDFDocument): string {
  const stream = doc.catalog.lookup(PDFName.of('Metadata'));
  expect(stream).toBeInstanceOf(PDFRawStream);
  return Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString('utf8');
}

/** Outline items, depth first: title and 0-based page index. */
function outline(doc: PDFDocument): { title: string; page: number }[] {
  const pages = doc.getPages().map((p) => p.ref.toString());
  const out: { title: string; page: number }[] = [];
  const walk = (item: PDFDict | undefined): void => {
    for (let it = item; it; it = it.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const dest = it.lookup(PDFName.of('Dest'), PDFArray);
      out.push({ title: text(it.lookup(PDFName.of('Title')))!, page: pages.indexOf((dest.get(0) as PDFRef).toString()) });
      walk(it.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict));
  return out;
}

describe('PDF/A-3b (the default)', () => {
  test('PDF 1.7, XMP with pdfaid part 3, conformance B', () => {
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
    const x = xmp(pdf);
    expect(x).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(x).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  });

  test('an sRGB output intent with its ICC profile', () => {
    const intents = pdf.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect(text(intent.get(PDFName.of('OutputConditionIdentifier')))).toBe('sRGB IEC61966-2.1');
    const icc = intent.lookup(PDFName.of('DestOutputProfile'));
    expect(icc).toBeInstanceOf(PDFRawStream);
    expect((icc as PDFRawStream).dict.get(PDFName.of('N'))?.toString()).toBe('3');
  });

  test('no encryption', () => {
    expect(pdf.context.trailerInfo.Encrypt).toBeUndefined();
    expect(pdf.isEncrypted).toBe(false);
  });

  test('every font is embedded (FontFile2)', () => {
    const descriptors = pdf.context.enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'));
    expect(descriptors.length).toBeGreaterThan(0);
    for (const d of descriptors) expect(d.lookup(PDFName.of('FontFile2'))).toBeInstanceOf(PDFRawStream);
    // …and every font has a descriptor (directly or through its descendant).
    const fonts = pdf.context.enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font') && o.get(PDFName.of('Subtype')) !== PDFName.of('Type0'));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.lookup(PDFName.of('FontDescriptor'))).toBeInstanceOf(PDFDict);
  });
});

describe('language, title and metadata', () => {
  test('/Lang is "ar"; the viewer shows the title', () => {
    expect(text(pdf.catalog.lookup(PDFName.of('Lang')))).toBe('ar');
    const prefs = pdf.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(prefs.get(PDFName.of('DisplayDocTitle'))?.toString()).toBe('true');
  });

  test('Info: title, subject, author, keywords, creation date from the data', () => {
    expect(pdf.getTitle()).toBe(TITLE);
    expect(pdf.getSubject()).toBe('نيويورك، مقر الأمم المتحدة، 24 سبتمبر 2018');
    expect(pdf.getAuthor()).toBe('منظمة التعاون الإسلامي');
    expect(pdf.getKeywords()).toBe('ACM-2018/AZER/REP');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2018-09-24T00:00:00.000Z');
    // No ModDate: the XMP has no xmp:ModifyDate to match it.
    expect(pdf.getModificationDate()).toBeUndefined();
  });

  test('the same metadata in the XMP', () => {
    const x = xmp(pdf);
    expect(x).toContain(`<rdf:li xml:lang="x-default">${TITLE}</rdf:li>`);
    expect(x).toContain('<rdf:li>منظمة التعاون الإسلامي</rdf:li>');
    expect(x).toContain('<rdf:li xml:lang="x-default">نيويورك، مقر الأمم المتحدة، 24 سبتمبر 2018</rdf:li>');
    expect(x).toContain('<pdf:Keywords>ACM-2018/AZER/REP</pdf:Keywords>');
    expect(x).toContain('<xmp:CreateDate>2018-09-24T00:00:00Z</xmp:CreateDate>');
  });

  test('pdf.js reads the same title, language and PDF/A claim', async () => {
    const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const meta = await doc.getMetadata();
    expect((meta.info as Record<string, unknown>)['Title']).toBe(TITLE);
    expect((meta.info as Record<string, unknown>)['Language']).toBe('ar');
    expect(meta.metadata?.get('dc:title')).toBe(TITLE);
    await doc.destroy();
  });
});

describe('bookmarks', () => {
  test('one for the cover and one per heading, with their Arabic titles', () => {
    expect(outline(pdf)).toEqual([
      { title: COVER_TITLE, page: 0 },
      { title: TITLE, page: 1 },
    ]);
  });

  test('pdf.js lists the same outline', async () => {
    const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const items = (await doc.getOutline()) ?? [];
    expect(items.map((i) => i.title)).toEqual([COVER_TITLE, TITLE]);
    await doc.destroy();
  });

  test('one per heading in any section (a model with two headings)', () => {
    const body = model.sections[1]!;
    const heading = body.blocks.find((b) => b.type === 'heading')!;
    const second = { ...heading, children: [{ type: 'text', value: 'عنوان ثان' }] } as typeof heading;
    const twoHeadings: DocumentModel = { ...model, sections: [model.sections[0]!, { ...body, blocks: [...body.blocks, second] }] };
    const { definition, flow } = buildDefinition(twoHeadings);
    releaseRuns(flow.keys);
    const titles: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const node = n as Record<string, unknown>;
        if (node['outline'] === true) titles.push(node['outlineText'] as string);
        for (const k of ['section', 'stack']) if (k in node) walk(node[k]);
      }
    };
    walk(definition['content']);
    expect(titles).toEqual([COVER_TITLE, TITLE, 'عنوان ثان']);
  });
});

describe('the data file, embedded', () => {
  test('an associated file with /AFRelationship /Source, byte for byte the data file', () => {
    const af = pdf.catalog.lookup(PDFName.of('AF'), PDFArray);
    expect(af.size()).toBe(1);
    const spec = af.lookup(0, PDFDict);
    expect(spec.get(PDFName.of('Type'))).toBe(PDFName.of('Filespec'));
    expect(spec.get(PDFName.of('AFRelationship'))).toBe(PDFName.of('Source'));
    expect(text(spec.get(PDFName.of('F')))).toBe('acm-2018-azer-rep-annex-v.json');
    expect(text(spec.get(PDFName.of('UF')))).toBe('acm-2018-azer-rep-annex-v.json');
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
    expect(stream).toBeInstanceOf(PDFRawStream);
    const raw = stream as PDFRawStream;
    expect(raw.dict.get(PDFName.of('Subtype'))?.toString()).toBe('/application#2Fjson');
    const params = raw.dict.lookup(PDFName.of('Params'), PDFDict);
    expect(text(params.get(PDFName.of('CreationDate')))).toBe('D:20180924000000Z');
    expect(text(params.get(PDFName.of('ModDate')))).toBe('D:20180924000000Z');
    expect(Buffer.from(decodePDFRawStream(raw).decode()).equals(DATA)).toBe(true);
  });

  test('listed as an attachment too (pdf.js)', async () => {
    const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const att = (await doc.getAttachments()) as Record<string, { filename: string; content: Uint8Array }>;
    const files = Object.values(att);
    expect(files.map((f) => f.filename)).toEqual(['acm-2018-azer-rep-annex-v.json']);
    expect(Buffer.from(files[0]!.content).equals(DATA)).toBe(true);
    await doc.destroy();
  });
});

describe('other levels', () => {
  test('--pdfa none: no PDF/A claim, no output intent, data still embedded', async () => {
    const none = await PDFDocument.load((await renderPdf(model, { ...sourceOptions(), pdfa: 'none' })).bytes, { updateMetadata: false });
    expect(xmp(none)).not.toContain('pdfaid');
    expect(none.catalog.get(PDFName.of('OutputIntents'))).toBeUndefined();
    expect(none.catalog.lookup(PDFName.of('AF'), PDFArray).size()).toBe(1);
  }, 60_000);

  test('--pdfa 2b: part 2, and the JSON is not embedded (PDF/A-2 allows only PDF/A attachments), with a warning', async () => {
    const r = await renderPdf(model, { ...sourceOptions(), pdfa: '2b' });
    const two = await PDFDocument.load(r.bytes, { updateMetadata: false });
    expect(xmp(two)).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(two.catalog.get(PDFName.of('AF'))).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('SOURCE_NOT_EMBEDDED');
  }, 60_000);
});

describe('determinism', () => {
  test('two renders give identical bytes', async () => {
    const again = (await renderPdf(model, sourceOptions())).bytes;
    expect(again.length).toBe(bytes.length);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  }, 60_000);
});

describe('access policies', () => {
  const attempt = async (extra: Record<string, unknown>): Promise<unknown> => {
    const { definition, flow } = buildDefinition(model);
    try {
      return await printDefinition({ ...definition, ...extra }, flow.fonts);
    } finally {
      releaseRuns(flow.keys);
    }
  };

  test('a local file outside the font folders is refused (image, attachment)', async () => {
    await expect(attempt({ images: { x: '/etc/hostname' }, content: [{ image: 'x' }] })).rejects.toThrow(/denied by resource access policy: \/etc\/hostname/);
    await expect(attempt({ files: { x: { src: 'package.json' } } })).rejects.toThrow(/denied by resource access policy: package\.json/);
  }, 60_000);

  test('a URL is never fetched', async () => {
    await expect(attempt({ images: { x: 'https://example.com/logo.png' }, content: [{ image: 'x' }] })).rejects.toThrow(/Access to URL denied by resource access policy: https:\/\/example\.com\/logo\.png/);
    await expect(attempt({ files: { x: { src: 'http://127.0.0.1:9/data.json' } } })).rejects.toThrow(/Access to URL denied/);
  }, 60_000);
});
