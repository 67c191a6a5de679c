/**
 * Issue 16 in the DOCX, its parts read as XML trees: addresses of the data
 * as `w:hyperlink` (text unchanged, targets in the relationships), the
 * participants table with its header row marked `w:tblHeader`, page fields
 * with Arabic-Indic digits (`\* HINDIARABIC`), the emblem as a picture part.
 * With LibreOffice installed, the DOCX is also rendered and read back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxBackend } from '../../../src/backends/docx/index.js';
import type { DocumentModel } from '../../../src/model/index.js';
import { loadDocument } from '../../../src/pipeline.js';
import { unzipDocx, xmlPart } from './word.js';
import { child, childrenNamed, descendants, paragraphText, textOf, type XElement } from './xml.js';

const SAMPLE = 'tests/fixtures/features-sample.json';
const TEMPLATES = 'tests/fixtures/templates';
type Participant = { country: string; name: string; email?: string; web?: string };
const data = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { contact: string; participants: Participant[] };

let model: DocumentModel;
let bytes: Uint8Array;
let parts: Map<string, Uint8Array>;
let doc: XElement;
let rels: Map<string, { type: string; target: string; mode?: string }>;

beforeAll(async () => {
  model = (await loadDocument(SAMPLE, { templatesDir: TEMPLATES })).model;
  // As `build` renders it: with the data file, so every field is also marked for import (content controls).
  bytes = (await docxBackend.render(model, { sourceData: readFileSync(SAMPLE), sourceName: 'features-sample.json' })).bytes;
  parts = await unzipDocx(bytes);
  doc = xmlPart(parts, 'word/document.xml');
  rels = new Map();
  for (const r of childrenNamed(xmlPart(parts, 'word/_rels/document.xml.rels'), 'Relationship')) {
    rels.set(r.attrs['Id']!, { type: r.attrs['Type']!.split('/').pop()!, target: r.attrs['Target']!, ...(r.attrs['TargetMode'] ? { mode: r.attrs['TargetMode'] } : {}) });
  }
}, 60_000);

describe('hyperlinks', () => {
  it('wraps each address of the data in a w:hyperlink to its mailto: or https: target, the text as typed', () => {
    const links = descendants(doc, 'w:hyperlink').map((h) => ({ text: paragraphText(h), rel: rels.get(h.attrs['r:id']!) }));
    const expected: { text: string; target: string }[] = [
      { text: 'secretariat@comstech.org', target: 'mailto:secretariat@comstech.org' },
      { text: 'https://www.comstech.org/meetings/2018', target: 'https://www.comstech.org/meetings/2018' },
    ];
    for (const p of data.participants) {
      if (p.email) {
        const text = p.email.replace(/\.$/, '');
        expected.push({ text, target: `mailto:${text.replace(/\u200b/g, '')}` });
      }
      if (p.web) expected.push({ text: p.web, target: /^www\./.test(p.web) ? `https://${p.web}` : p.web });
    }
    expect(links.map((l) => ({ text: l.text, target: l.rel?.target }))).toEqual(expected);
    for (const l of links) expect(l.rel).toMatchObject({ type: 'hyperlink', mode: 'External' });
  });

  it('keeps the links when the draft is not marked for import either (a render without the data file)', async () => {
    const plain = xmlPart(await unzipDocx((await docxBackend.render(model, {})).bytes), 'word/document.xml');
    expect(descendants(plain, 'w:hyperlink').map(paragraphText)).toEqual(descendants(doc, 'w:hyperlink').map(paragraphText));
    expect(descendants(doc, 'w:externalHyperlink')).toEqual([]);
  });

  it('keeps every paragraph text unchanged around the links (the contact line reads as in the data)', () => {
    // Isolate controls aside: the draft carries them where they decide the order (the telephone numbers here).
    const paragraphs = descendants(doc, 'w:p').map((p) => paragraphText(p).replace(/[\u2066-\u2069]/g, ''));
    expect(paragraphs).toContain(data.contact);
  });

  it('names relationships the same on every build (no random ids)', async () => {
    const again = (await docxBackend.render(model, { sourceData: readFileSync(SAMPLE), sourceName: 'features-sample.json' })).bytes;
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    // Fixed names only: the library's (rIdN), ours for links and pictures (rIdLN), the merge base's (rIdDraftBaseN).
    expect([...rels.keys()].filter((id) => !/^rId(L|DraftBase)?\d+$/.test(id))).toEqual([]);
  });
});

describe('table from the data', () => {
  it('marks the first row, and only it, as a header row repeated on each page', () => {
    const table = descendants(doc, 'w:tbl')[0]!;
    const rows = childrenNamed(table, 'w:tr');
    expect(rows.length).toBe(data.participants.length + 1);
    const header = rows.map((r) => child(child(r, 'w:trPr'), 'w:tblHeader') !== undefined);
    expect(header[0]).toBe(true);
    expect(header.slice(1).every((h) => !h)).toBe(true);
    expect(rows.every((r) => child(child(r, 'w:trPr'), 'w:cantSplit') !== undefined)).toBe(true);
    // Right-to-left table, cells in logical order: country, name, e-mail.
    expect(child(child(table, 'w:tblPr'), 'w:bidiVisual')).toBeDefined();
    // (The e-mail cell holds two data fields: their isolate controls stay, see runs.ts.)
    const first = childrenNamed(rows[1]!, 'w:tc').map((c) => paragraphText(c).replace(/[\u2066-\u2069]/g, ''));
    const p0 = data.participants[0]!;
    expect(first).toEqual([p0.country, p0.name, `${p0.email}${p0.web}`]);
  });
});

describe('page X of Y', () => {
  it('writes PAGE and NUMPAGES with the Arabic-Indic switch in the footer, in an RTL paragraph', () => {
    const footerName = [...parts.keys()].find((n) => /^word\/footer\d+\.xml$/.test(n))!;
    const footer = xmlPart(parts, footerName);
    const instr = descendants(footer, 'w:instrText').map(textOf);
    expect(instr).toEqual([' PAGE \\* HINDIARABIC ', ' NUMPAGES \\* HINDIARABIC ']);
    expect(paragraphText(descendants(footer, 'w:p')[0]!)).toBe('صفحة  من ');
  });
});

describe('emblem', () => {
  it('embeds the PNG as a picture part with its bytes, sized at 72 points', () => {
    const media = [...parts.keys()].filter((n) => n.startsWith('word/media/'));
    expect(media.length).toBe(1);
    expect(Buffer.from(parts.get(media[0]!)!).equals(readFileSync(join(TEMPLATES, 'features', 'emblem.png')))).toBe(true);
    const extent = descendants(doc, 'wp:extent')[0]!;
    expect(Number(extent.attrs['cx'])).toBe(72 * 12700);
    expect(Number(extent.attrs['cy'])).toBe(72 * 12700);
    const blip = descendants(doc, 'a:blip')[0]!;
    const rel = rels.get(blip.attrs['r:embed']!);
    expect(rel?.type).toBe('image');
    expect(`word/${rel?.target}`).toBe(media[0]);
  });
});

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}
const SOFFICE = has('soffice') && has('pdftotext') && has('pdfimages');
if (!SOFFICE) console.warn('[docx] LibreOffice or poppler-utils missing: skipping the features DOCX rendering (apt-get install libreoffice-writer-nogui poppler-utils)');

describe('LibreOffice rendering', () => {
  it.skipIf(!SOFFICE)('shows the emblem, the header row on every page of the table, every participant', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docx-features-'));
    try {
      writeFileSync(join(dir, 'f.docx'), bytes);
      spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'f.docx')], { encoding: 'utf8', timeout: 180_000 });
      const pdf = join(dir, 'f.pdf');
      const images = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter((l) => l.trim() !== '');
      expect(images.length).toBe(1);
      expect(images[0]).toMatch(/\b192\s+192\b/);
      const pages = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.split('\f').filter((p) => p.trim() !== '');
      expect(pages.length).toBeGreaterThanOrEqual(2);
      for (const page of pages) expect(page).toContain('البريد الإلكتروني');
      const all = pages.join('\n');
      for (const p of data.participants) {
        expect(all).toContain(p.name.replace(/ \(\d+\)$/, ''));
        if (p.email && !p.email.includes('\u200b')) expect(all).toContain(p.email.replace(/\.$/, ''));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('images in a table cell and in the footer', () => {
  it('narrows a cell image to its column and puts a footer image in the footer part with its own relationship', async () => {
    const png = readFileSync(join(TEMPLATES, 'features', 'emblem.png'));
    const image = (width: number) => ({ type: 'image' as const, src: 'emblem.png', format: 'png' as const, bytes: png, pixelWidth: 192, pixelHeight: 192, width, align: 'center' as const });
    const m: DocumentModel = {
      meta: { title: 't', date: '2020-01-01', lang: 'ar', dir: 'rtl' },
      page: { width: 595.28, height: 841.89, margins: { top: 72, right: 72, bottom: 72, left: 72 } },
      styles: { normal: { font: 'Amiri', size: 12 } },
      sections: [{
        name: 's',
        footer: [image(20)],
        blocks: [{ type: 'table', columns: [1, 3], rows: [{ type: 'tableRow', cells: [
          { type: 'tableCell', children: [image(400) as never] },
          { type: 'tableCell', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'نص' }] }] },
        ] }] }],
      }],
    };
    const out = await unzipDocx((await docxBackend.render(m, {})).bytes);
    const body = xmlPart(out, 'word/document.xml');
    const cellWidthTwips = Number(descendants(body, 'w:gridCol')[0]!.attrs['w:w']);
    const cx = Number(descendants(body, 'wp:extent')[0]!.attrs['cx']);
    expect(cx / 635).toBeLessThanOrEqual(cellWidthTwips - 216); // EMU → twips
    const footerName = [...out.keys()].find((n) => /^word\/footer\d+\.xml$/.test(n))!;
    const footer = xmlPart(out, footerName);
    const blip = descendants(footer, 'a:blip')[0]!;
    const footerRels = xmlPart(out, footerName.replace('word/', 'word/_rels/') + '.rels');
    const rel = childrenNamed(footerRels, 'Relationship').find((r) => r.attrs['Id'] === blip.attrs['r:embed']);
    expect(rel?.attrs['Type']).toMatch(/\/image$/);
    const ids = [...descendants(body, 'wp:docPr'), ...descendants(footer, 'wp:docPr')].map((d) => d.attrs['id']);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
