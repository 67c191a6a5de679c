/**
 * The structure tree beyond paragraphs (src/backends/pdf/structure.ts), read
 * back from the real PDF of the features sample: every link annotation is
 * the OBJR of a `Link` element whose marked content is the address as
 * typed, under its paragraph, in reading order; the participants table is
 * `Table` / `TR` / `TH` (with /Scope /Column) / `TD`, its cells in the
 * data's order. Objects with pdf-lib, marked-content text with pdf.js (as
 * browsers read it), and poppler's `pdfinfo -struct` when installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/backends/pdf/index.js';
import { loadDocument, renderModel } from '../../../src/pipeline.js';
import { collapse } from '../../helpers/pdf.js';

const SAMPLE = 'tests/fixtures/features-sample.json';
const TEMPLATES = 'tests/fixtures/templates';
type Participant = { country: string; name: string; email?: string; web?: string };
const data = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { contact: string; participants: Participant[] };

/** A structure element as read with pdf-lib: its role, its dictionary, its children in /K order. */
interface Elem { role: string; dict: PDFDict; kids: Kid[]; page?: PDFRef }
type Kid = { elem: Elem } | { mcid: number; page: PDFRef | undefined } | { objr: PDFRef; page: PDFRef | undefined };

let pdf: PDFDocument;
let tree: Elem;
/** Marked-content text by pdf.js id (`p<page obj>R_mc<mcid>`). */
let texts: Map<string, string>;
let bytes: Uint8Array;

function readElem(doc: PDFDocument, dict: PDFDict): Elem {
  const role = dict.lookup(PDFName.of('S'), PDFName).decodeText();
  const pg = dict.get(PDFName.of('Pg'));
  const page = pg instanceof PDFRef ? pg : undefined;
  const k = dict.get(PDFName.of('K'));
  const raw = k === undefined ? [] : k instanceof PDFArray ? k.asArray() : [k];
  const kids: Kid[] = raw.map((v): Kid => {
    if (v instanceof PDFNumber) return { mcid: v.asNumber(), page };
    const d = doc.context.lookup(v, PDFDict);
    const type = d.lookupMaybe(PDFName.of('Type'), PDFName)?.decodeText();
    const own = d.get(PDFName.of('Pg'));
    const at = own instanceof PDFRef ? own : page;
    if (type === 'OBJR') return { objr: d.get(PDFName.of('Obj')) as PDFRef, page: at };
    if (type === 'MCR') return { mcid: d.lookup(PDFName.of('MCID'), PDFNumber).asNumber(), page: at };
    return { elem: readElem(doc, d) };
  });
  return { role, dict, kids, ...(page ? { page } : {}) };
}

const children = (e: Elem): Elem[] => e.kids.flatMap((k) => ('elem' in k ? [k.elem] : []));
function all(e: Elem, role: string): Elem[] {
  return [...(e.role === role ? [e] : []), ...children(e).flatMap((c) => all(c, role))];
}
/** The text of an element's own marked content and of its descendants', in /K order (pieces joined by a space: lines end without one). */
function textOf(e: Elem): string {
  return e.kids
    .map((k) => ('elem' in k ? textOf(k.elem) : 'mcid' in k ? (texts.get(`p${k.page!.objectNumber}R_mc${k.mcid}`) ?? '') : ''))
    .join(' ');
}
const str = (v: unknown): string | undefined => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);

async function load(b: Uint8Array): Promise<void> {
  bytes = b;
  pdf = await PDFDocument.load(b, { updateMetadata: false });
  const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const k = root.lookup(PDFName.of('K'));
  tree = readElem(pdf, k instanceof PDFArray ? pdf.context.lookup(k.get(0), PDFDict) : (k as PDFDict));
  texts = new Map();
  const js = await getDocument({ data: new Uint8Array(b), verbosity: 0 }).promise;
  for (let p = 1; p <= js.numPages; p++) {
    const tc = await (await js.getPage(p)).getTextContent({ includeMarkedContent: true });
    // Marked content nests (a span with /ActualText inside a paragraph's MCID): its text is the enclosing MCID's.
    const ids: (string | null)[] = [];
    for (const i of tc.items as { type?: string; id?: string | null; str?: string }[]) {
      const id = ids[ids.length - 1] ?? null;
      if (i.type === 'beginMarkedContentProps' || i.type === 'beginMarkedContent') ids.push(i.id ?? id);
      else if (i.type === 'endMarkedContent') ids.pop();
      else if (id !== null && i.str !== undefined) texts.set(id, (texts.get(id) ?? '') + i.str);
    }
  }
  await js.destroy();
}

/** Every link annotation of the document: its object, page and URI. */
function annotations(): { ref: PDFRef; dict: PDFDict; uri: string }[] {
  return pdf.getPages().flatMap((page) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    return (annots?.asArray() ?? []).map((ref) => {
      const dict = pdf.context.lookup(ref, PDFDict);
      const uri = str(dict.lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('URI')))!;
      return { ref: ref as PDFRef, dict, uri };
    });
  });
}

beforeAll(async () => {
  const { model } = await loadDocument(SAMPLE, { templatesDir: TEMPLATES });
  await load((await renderPdf(model)).bytes);
}, 120_000);

describe('links in the structure tree', () => {
  it('makes every link annotation the OBJR of a Link element, with /StructParent and its ParentTree entry', () => {
    const links = all(tree, 'Link');
    const annots = annotations();
    expect(annots.length).toBeGreaterThan(5);
    const objrs = links.flatMap((l) => l.kids.flatMap((k) => ('objr' in k ? [k.objr.toString()] : [])));
    // Each annotation is referenced once, by a Link, and nothing else is.
    expect([...objrs].sort()).toEqual(annots.map((a) => a.ref.toString()).sort());
    const parentTree = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('ParentTree'), PDFDict);
    const nums = parentTree.lookup(PDFName.of('Nums'), PDFArray).asArray();
    const entry = new Map<number, unknown>();
    for (let i = 0; i < nums.length; i += 2) entry.set((nums[i] as PDFNumber).asNumber(), nums[i + 1]);
    for (const a of annots) {
      const key = a.dict.lookup(PDFName.of('StructParent'), PDFNumber).asNumber();
      const owner = links.find((l) => l.kids.some((k) => 'objr' in k && k.objr === a.ref))!;
      expect(entry.get(key), a.uri).toBe(pdf.context.getObjectRef(owner.dict));
      // PDF/UA: an annotation carries a text alternative.
      expect(str(a.dict.lookup(PDFName.of('Contents')))).toBe(a.uri.replace(/^mailto:/, ''));
    }
  });

  it('gives each Link the address as typed, as its marked content, and its OBJR on the page of that content', () => {
    const annots = annotations();
    for (const link of all(tree, 'Link')) {
      const objr = link.kids.find((k): k is Extract<Kid, { objr: PDFRef }> => 'objr' in k)!;
      const uri = annots.find((a) => a.ref === objr.objr)!.uri;
      const mc = link.kids.filter((k): k is Extract<Kid, { mcid: number }> => 'mcid' in k);
      expect(mc.length, uri).toBe(1);
      expect(objr.page?.toString()).toBe(mc[0]!.page?.toString());
      const text = collapse(textOf(link)).trim();
      expect(text.length, uri).toBeGreaterThan(0);
      const target = uri.replace(/^mailto:/, '').replace(/^https:\/\/(?=www\.comstech\.org$)/, '');
      expect(target, uri).toContain(text); // the linked text: the whole address, or its part on one line
    }
    const typed = all(tree, 'Link').map((l) => collapse(textOf(l)).trim());
    expect(typed).toContain('secretariat@comstech.org');
    expect(typed).toContain('https://www.comstech.org/meetings/2018');
    expect(typed).toContain('www.comstech.org'); // the text unchanged, its target https://www.comstech.org
  });

  it('puts the Link elements inside their paragraph, in reading order', () => {
    const contact = children(tree).find((e) => e.role === 'P' && all(e, 'Link').length > 0)!;
    expect(contact.kids.map((k) => ('elem' in k ? k.elem.role : 'mcid' in k ? 'text' : 'objr'))).toEqual(['text', 'Link', 'text', 'Link', 'text']);
    // A word gap at a link's edge reads RLM + space in pdf.js (glyph-runs.ts, splitLinkEdgeSpaces): the RLM is not text.
    const parts = contact.kids.map((k) => collapse(('elem' in k ? textOf(k.elem) : textOf({ ...contact, kids: [k] })).replace(/\u200f/g, '')).trim());
    expect(parts.slice(0, 4)).toEqual(['للاستفسار:', 'secretariat@comstech.org', 'أو الموقع', 'https://www.comstech.org/meetings/2018']);
    expect(parts[4]).toContain('9220681'); // the paragraph's second line
  });

  it('tags a link broken across lines as one Link per line, each with its annotation', async () => {
    const url = 'https://www.example.org/delegations/annual-meeting-2018/participants/list-of-registered-delegates.pdf';
    const long = { ...data, participants: [{ country: 'دولة', name: 'السيد', web: url }] };
    const saved = { pdf, tree, texts, bytes };
    try {
      await load((await renderPdf(renderModel(long, 'long.json', { templatesDir: TEMPLATES }))).bytes);
      const links = all(tree, 'Link').filter((l) => l.kids.some((k) => 'objr' in k && annotations().find((a) => a.ref === k.objr)?.uri === url));
      expect(links.length).toBeGreaterThanOrEqual(2);
      expect(links.map((l) => collapse(textOf(l)).trim()).join('')).toBe(url);
    } finally {
      ({ pdf, tree, texts, bytes } = saved);
    }
  }, 60_000);
});

describe('the participants table in the structure tree', () => {
  it('is a Table of TR rows, the header row of TH cells with /Scope /Column, the others TD', () => {
    const tables = children(tree).filter((e) => e.role === 'Table');
    expect(tables).toHaveLength(1);
    const rows = children(tables[0]!);
    expect(rows.map((r) => r.role).every((r) => r === 'TR')).toBe(true);
    expect(rows).toHaveLength(1 + data.participants.length);
    expect(children(rows[0]!).map((c) => c.role)).toEqual(['TH', 'TH', 'TH']);
    for (const th of children(rows[0]!)) {
      const a = th.dict.lookup(PDFName.of('A'), PDFDict);
      expect(a.lookup(PDFName.of('O'), PDFName).decodeText()).toBe('Table');
      expect(a.lookup(PDFName.of('Scope'), PDFName).decodeText()).toBe('Column');
    }
    for (const r of rows.slice(1)) expect(children(r).map((c) => c.role)).toEqual(['TD', 'TD', 'TD']);
  });

  it('holds each row\'s cells in reading order (country, name, e-mail), in the data\'s order, links in their cell', () => {
    const rows = children(children(tree).find((e) => e.role === 'Table')!);
    expect(children(rows[0]!).map((c) => collapse(textOf(c)).trim())).toEqual(['الدولة', 'الاسم', 'البريد الإلكتروني']);
    data.participants.forEach((p, i) => {
      const cells = children(rows[i + 1]!).map((c) => collapse(textOf(c)).trim());
      expect(cells[0], p.name).toBe(collapse(p.country));
      expect(cells[1], p.name).toBe(collapse(p.name));
      if (p.email) expect(cells[2]).toContain(collapse(p.email.replace(/\u200b/g, '')).replace(/\.$/, ''));
      const cellLinks = all(children(rows[i + 1]!)[2]!, 'Link');
      expect(cellLinks.length, p.name).toBe((p.email ? 1 : 0) + (p.web ? 1 : 0));
    });
  });

  it('keeps the paragraphs of the cells as P elements of their cell', () => {
    const table = children(tree).find((e) => e.role === 'Table')!;
    for (const cell of [...all(table, 'TH'), ...all(table, 'TD')]) {
      expect(children(cell).map((c) => c.role)).toEqual(['P']);
      expect(str(children(cell)[0]!.dict.lookup(PDFName.of('Lang')))).toBe('ar');
    }
  });
});

describe('an image with alt text in a table cell', () => {
  it('is a Figure inside its TD, the cells in reading order (the first on the right)', async () => {
    const png = readFileSync('tests/fixtures/templates/features/emblem.png');
    const image = { type: 'image', src: 'emblem.png', format: 'png', bytes: png, pixelWidth: 192, pixelHeight: 192, width: 100, align: 'center', alt: 'شعار المنظمة' };
    const { bytes: out } = await renderPdf({
      meta: { title: 't', date: '2020-01-01', lang: 'ar', dir: 'rtl' },
      page: { width: 595.28, height: 841.89, margins: { top: 72, right: 72, bottom: 72, left: 72 } },
      styles: { normal: { font: 'Amiri', size: 12 } },
      sections: [{ name: 's', blocks: [{ type: 'table', columns: [1, 3], rows: [{ type: 'tableRow', cells: [
        { type: 'tableCell', children: [image] },
        { type: 'tableCell', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'منظمة التعاون الإسلامي' }] }] },
      ] }] }] }],
    } as never);
    const saved = { pdf, tree, texts, bytes };
    try {
      await load(out);
      const [table] = children(tree);
      expect(table?.role).toBe('Table');
      const cells = children(children(table!)[0]!);
      expect(cells.map((c) => children(c).map((e) => e.role))).toEqual([['Figure'], ['P']]);
      expect(str(children(cells[0]!)[0]!.dict.lookup(PDFName.of('Alt')))).toBe('شعار المنظمة');
      expect(collapse(textOf(cells[1]!)).trim()).toBe('منظمة التعاون الإسلامي');
    } finally {
      ({ pdf, tree, texts, bytes } = saved);
    }
  }, 60_000);
});

const hasPdfinfo = spawnSync('pdfinfo', ['-v'], { stdio: 'ignore' }).error === undefined;
if (!hasPdfinfo) console.warn('structure tree: pdfinfo not found (apt package poppler-utils): its check skipped');

describe.skipIf(!hasPdfinfo)('the structure tree in poppler (pdfinfo -struct-text)', () => {
  it('shows Link elements with their object and text, and the table, without a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oic-struct-'));
    const file = join(dir, 'features.pdf');
    writeFileSync(file, bytes);
    const out = spawnSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/\n {4}Link \(inline\)\n {6}Object \d+ 0\n {6}"secretariat@comstech\.org"\n/);
    expect(out.stdout).toMatch(/\n {2}Table \(block\)\n {4}TR\n {6}TH:\n {9}\/Scope \/Column\n/);
    expect(out.stdout).toMatch(/\n {6}TD\n {8}P \(block\)\n {10}Link \(inline\)\n/);
  });
});
