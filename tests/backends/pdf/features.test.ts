/**
 * Issue 16 in the PDF, read back with pdf.js and pdf-lib: link annotations
 * over the addresses of the data (and nowhere else), a participants table
 * filled from the data with its header row on every page and its cells in
 * reading order, "صفحة ١ من ٣" in the footer, the emblem embedded.
 * The sample is tests/fixtures/features-sample.json (template
 * tests/fixtures/templates/features).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, PDFDict, PDFRawStream, PDFArray } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../../../src/backends/pdf/index.js';
import { loadDocument } from '../../../src/pipeline.js';
import { collapse, extractItems, joinItems, type ExtractedLine } from '../../helpers/pdf.js';

const SAMPLE = 'tests/fixtures/features-sample.json';
const TEMPLATES = 'tests/fixtures/templates';
type Participant = { country: string; name: string; email?: string; web?: string };
const data = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { contact: string; participants: Participant[] };

interface Annot { page: number; url: string; rect: number[] }
let bytes: Uint8Array;
let items: ExtractedLine[];
let annots: Annot[];
let pageHeight: number;

beforeAll(async () => {
  const { model } = await loadDocument(SAMPLE, { templatesDir: TEMPLATES });
  bytes = (await renderPdf(model)).bytes;
  items = await extractItems(bytes);
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  annots = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    pageHeight = page.getViewport({ scale: 1 }).height;
    for (const a of (await page.getAnnotations()) as { subtype: string; url?: string; rect: number[] }[]) {
      if (a.subtype === 'Link') annots.push({ page: p, url: a.url ?? '', rect: a.rect });
    }
  }
  await pdf.destroy();
}, 120_000);

const pageText = (p: number): string => collapse(joinItems(items.filter((i) => i.page === p)));

describe('links', () => {
  it('puts one link annotation over each address of the data, with its https:, http: or mailto: target', () => {
    const expected: string[] = ['mailto:secretariat@comstech.org', 'https://www.comstech.org/meetings/2018'];
    for (const p of data.participants) {
      if (p.email) expected.push(`mailto:${p.email.replace(/[\u200b.]+$/, '').replace(/\u200b/g, '')}`);
      if (p.web) expected.push(/^www\./.test(p.web) ? `https://${p.web}` : p.web);
    }
    // pdf.js gives web targets as normalized URLs (a trailing slash after a bare host).
    const norm = (u: string): string => (u.startsWith('mailto:') ? u : new URL(u).href);
    expect(annots.map((a) => a.url).sort()).toEqual(expected.map(norm).sort());
    expect(annots.every((a) => /^(https?|mailto):/.test(a.url))).toBe(true);
  });

  it('links neither javascript: nor ftp: text, nor the phone number', () => {
    expect(annots.some((a) => /javascript|ftp|9220681/.test(a.url))).toBe(false);
  });

  it('covers the address as drawn: the annotation spans the text item of the address and no other words', () => {
    const a = annots.find((x) => x.url === 'https://www.comstech.org/meetings/2018')!;
    const item = items.find((i) => i.page === a.page && i.text.includes('https://www.comstech.org/meetings/2018'))!;
    expect(item).toBeDefined();
    // pdf.js rect: [x1, y1, x2, y2] in PDF space; the item: x, width, baseline from the top.
    const [x1, y1, x2, y2] = a.rect as [number, number, number, number];
    const baseline = pageHeight - item.y;
    expect(baseline).toBeGreaterThan(y1);
    expect(baseline).toBeLessThan(y2);
    const words = items.filter((i) => i.page === a.page && Math.abs(i.y - item.y) < 1);
    const start = item.x + item.text.indexOf('https') * 0; // the item may hold only the URL (an LTR run)
    expect(x1).toBeGreaterThanOrEqual(start - 1);
    expect(x2 - x1).toBeGreaterThan(150);
    // No Arabic word of the line lies inside the link's rectangle.
    for (const w of words) {
      if (!/[\u0600-\u06ff]/.test(w.text)) continue;
      const inside = w.x >= x1 + 1 && w.x + w.width <= x2 - 1;
      expect(inside, w.text).toBe(false);
    }
  });

  it('keeps the text of a linked address unchanged (extraction finds it as typed)', () => {
    expect(pageText(1)).toContain('secretariat@comstech.org');
    expect(pageText(1)).toContain('info@oic-oci.org');
  });
});

describe('table from the data', () => {
  it('prints the header row at the top of every page the table runs onto', () => {
    const pages = [...new Set(items.map((i) => i.page))];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) {
      const t = pageText(p);
      expect(t, `page ${p}`).toContain('الدولة');
      expect(t, `page ${p}`).toContain('البريد الإلكتروني');
    }
  });

  it('gives every participant, in the data order, with the cells of a row in reading order (country, name, e-mail)', () => {
    const all = items.map((i) => `${i.page}|${collapse(i.text)}`);
    let last = -1;
    for (const p of data.participants) {
      const at = all.findIndex((t, k) => k > last && t.includes(p.name.replace(/ \(\d+\)$/, '')) && t.includes(p.name.match(/\d+/)![0]));
      expect(at, p.name).toBeGreaterThan(last);
      const country = all.findIndex((t, k) => k > last && t.endsWith(`|${p.country}`) || (k > last && t.includes(p.country.split(' ')[0]!)));
      expect(country, p.country).toBeGreaterThan(last);
      expect(country).toBeLessThanOrEqual(at);
      last = at;
    }
  });

  it('reads the header row once: its copies on later pages are artifacts', async () => {
    const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    for (let p = 1; p <= pdf.numPages; p++) {
      const tc = await (await pdf.getPage(p)).getTextContent({ includeMarkedContent: true });
      let depth = 0;
      let artifact = 0;
      const headerIn: boolean[] = [];
      for (const i of tc.items as { type?: string; tag?: string; str?: string }[]) {
        if (i.type === 'beginMarkedContent' || i.type === 'beginMarkedContentProps') {
          depth++;
          if (i.tag === 'Artifact') artifact = depth;
        } else if (i.type === 'endMarkedContent') {
          if (artifact === depth) artifact = 0;
          depth--;
        } else if (i.str?.includes('الدولة')) headerIn.push(artifact > 0);
      }
      expect(headerIn, `page ${p}`).toEqual([p > 1]);
    }
    await pdf.destroy();
  });

  it('never splits a row across pages', () => {
    for (const p of data.participants) {
      const number = p.name.match(/\((\d+)\)/)![1]!;
      const rowPages = items.filter((i) => i.text.includes(`(${number})`) || i.text.includes(`)${number}(`)).map((i) => i.page);
      expect(new Set(rowPages).size, p.name).toBe(1);
    }
  });
});

describe('a cell longer than a page', () => {
  it('loses nothing: the row breaks across pages when it cannot fit on one', async () => {
    const words = Array.from({ length: 900 }, (_, i) => `كلمة${i + 1}`);
    const long = { ...data, participants: [data.participants[0]!, { country: 'دولة', name: words.join(' ') }, data.participants[1]!] };
    const { renderModel } = await import('../../../src/pipeline.js');
    const model = renderModel(long, 'long.json', { templatesDir: TEMPLATES });
    const out = await extractItems((await renderPdf(model)).bytes);
    const text = collapse(joinItems(out));
    for (const w of [words[0]!, words[450]!, words[899]!]) expect(text).toContain(w);
    expect(text).toContain(data.participants[1]!.country);
  }, 60_000);
});

describe('page X of Y', () => {
  it('prints the footer in words with Arabic-Indic digits on every page', () => {
    const n = new Set(items.map((i) => i.page)).size;
    const digits = '٠١٢٣٤٥٦٧٨٩';
    for (let p = 1; p <= n; p++) {
      expect(pageText(p)).toMatch(new RegExp(`صفحة ${digits[p]} من ${digits[n]}`));
    }
  });
});

describe('emblem', () => {
  it('embeds the PNG once, as an image XObject on page 1, with its pixel size', async () => {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const page = doc.getPages()[0]!;
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    const images = xobjects ? xobjects.keys().map((k) => xobjects.lookup(k)).filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype'))?.toString() === '/Image') : [];
    expect(images.length).toBe(1);
    expect(images[0]!.dict.get(PDFName.of('Width'))?.toString()).toBe('192');
    expect(images[0]!.dict.get(PDFName.of('Height'))?.toString()).toBe('192');
    // PDF/A: no soft mask for this opaque RGB image, and every link annotation printable.
    expect(images[0]!.dict.get(PDFName.of('SMask'))).toBeUndefined();
    const annotsArr = page.node.lookup(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < annotsArr.size(); i++) {
      const a = annotsArr.lookup(i, PDFDict);
      expect(a.get(PDFName.of('F'))?.toString()).toBe('4');
    }
  });

  it('gives the same bytes twice', async () => {
    const { model } = await loadDocument(SAMPLE, { templatesDir: TEMPLATES });
    const again = (await renderPdf(model)).bytes;
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  }, 60_000);
});

describe('emblem on the annex cover (oic-annex, data naming "emblem.png")', () => {
  it('is a Figure with its alt text in the structure tree, between the symbol block and the organisation', async () => {
    const { model } = await loadDocument('tests/fixtures/annex-emblem.json');
    const annex = (await renderPdf(model)).bytes;
    const pdf = await getDocument({ data: new Uint8Array(annex), verbosity: 0 }).promise;
    const tree = await (await pdf.getPage(1)).getStructTree();
    // Under the document's one root element.
    const root = (tree?.children ?? []) as { role?: string; children?: unknown[] }[];
    expect(root.map((k) => k.role)).toEqual(['Document']);
    const kids = (root[0]!.children ?? []) as { role?: string; alt?: string }[];
    expect(kids.map((k) => k.role)).toEqual(['P', 'P', 'Figure', 'P', 'P', 'P', 'P']);
    expect(kids[2]!.alt).toBe('شعار المنظمة');
    await pdf.destroy();
  }, 60_000);

  it('leaves an image without alt text out of the structure (an artifact)', async () => {
    const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const tree = await (await pdf.getPage(1)).getStructTree();
    const all = (n: { role?: string; children?: unknown[] }): string[] => [n.role ?? '', ...((n.children ?? []) as { role?: string; children?: unknown[] }[]).flatMap(all)];
    const roles = ((tree?.children ?? []) as { role?: string; children?: unknown[] }[]).flatMap(all);
    expect(roles).toContain('Document');
    expect(roles).not.toContain('Figure');
    await pdf.destroy();
  });
});

describe('page fields outside running heads', () => {
  it('warns that the PDF prints nothing for them', async () => {
    const { diagnostics } = await renderPdf({
      meta: { title: 't', date: '2020-01-01', lang: 'ar', dir: 'rtl' },
      page: { width: 500, height: 700, margins: { top: 50, right: 50, bottom: 50, left: 50 } },
      styles: { normal: { font: 'Amiri', size: 12 } },
      sections: [{ name: 's', blocks: [{ type: 'paragraph', origin: { file: 'main.hbs', line: 7 }, children: [{ type: 'text', value: 'صفحة ' }, { type: 'field', name: 'page' }] }] }],
    });
    expect(diagnostics).toContainEqual({ severity: 'warning', code: 'PAGE_FIELD_IN_BODY', message: 'a page number field outside a <header> or <footer> (main.hbs:7) prints nothing in the PDF' });
  });
});

describe('images in a table cell and in the footer', () => {
  it('narrows a cell image to its column and draws the footer image on every page', async () => {
    const png = readFileSync('tests/fixtures/templates/features/emblem.png');
    const image = (width: number) => ({ type: 'image' as const, src: 'emblem.png', format: 'png' as const, bytes: png, pixelWidth: 192, pixelHeight: 192, width, align: 'center' as const });
    const para = { type: 'paragraph' as const, children: [{ type: 'text' as const, value: 'نص '.repeat(400) }] };
    const { bytes: out } = await renderPdf({
      meta: { title: 't', date: '2020-01-01', lang: 'ar', dir: 'rtl' },
      page: { width: 595.28, height: 841.89, margins: { top: 72, right: 72, bottom: 72, left: 72 } },
      styles: { normal: { font: 'Amiri', size: 12 } },
      sections: [{
        name: 's',
        footer: [image(20)],
        blocks: [{ type: 'table', columns: [1, 3], rows: [{ type: 'tableRow', cells: [
          { type: 'tableCell', children: [image(400) as never] },
          { type: 'tableCell', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'نص' }] }] },
        ] }] }, para, para, para],
      }],
    });
    const pdf = await getDocument({ data: new Uint8Array(out), verbosity: 0 }).promise;
    expect(pdf.numPages).toBeGreaterThan(1);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    for (let p = 1; p <= pdf.numPages; p++) {
      const ops = await (await pdf.getPage(p)).getOperatorList();
      const drawn: number[][] = [];
      ops.fnArray.forEach((fn, i) => {
        if (fn === pdfjs.OPS.transform) drawn.push(ops.argsArray[i] as number[]);
        if (fn === pdfjs.OPS.paintImageXObject) drawn.push([-1]);
      });
      const widths = drawn.flatMap((t, i) => (t[0] === -1 ? [drawn[i - 1]![0]!] : []));
      // The footer image at 20 pt on every page; the cell image on page 1, narrowed to its column (about 113 pt).
      expect(widths.filter((w) => Math.abs(w - 20) < 0.01).length, `page ${p}`).toBe(1);
      if (p === 1) expect(widths.some((w) => w > 100 && w < 115)).toBe(true);
    }
    await pdf.destroy();
  }, 60_000);
});

describe('a link broken across lines', () => {
  it('gets one annotation per line, each inside the column, all with the same target', async () => {
    const url = 'https://www.example.org/delegations/annual-meeting-2018/participants/list-of-registered-delegates.pdf';
    const long = { ...data, participants: [{ country: 'دولة', name: 'السيد', web: url }] };
    const { renderModel } = await import('../../../src/pipeline.js');
    const out = (await renderPdf(renderModel(long, 'long.json', { templatesDir: TEMPLATES }))).bytes;
    const pdf = await getDocument({ data: new Uint8Array(out), verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    const links = ((await page.getAnnotations()) as { subtype: string; url?: string; rect: number[] }[]).filter((a) => a.url === url);
    expect(links.length).toBeGreaterThanOrEqual(2);
    // The e-mail/web column is the leftmost (columns 2 3 4, right to left): from the left margin to 4/9 of the text width.
    const left = 70.87;
    const right = left + ((595.28 - 2 * 70.87) * 4) / 9;
    for (const l of links) {
      expect(l.rect[0]!).toBeGreaterThanOrEqual(left);
      expect(l.rect[2]!).toBeLessThanOrEqual(right);
    }
    // One per line: their vertical ranges do not overlap.
    const ys = links.map((l) => [l.rect[1]!, l.rect[3]!]).sort((a, b) => b[0]! - a[0]!);
    for (let i = 1; i < ys.length; i++) expect(ys[i]![1]!).toBeLessThanOrEqual(ys[i - 1]![0]! + 0.5);
    await pdf.destroy();
  }, 60_000);
});
