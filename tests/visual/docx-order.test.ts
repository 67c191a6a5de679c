/**
 * The DOCX shows the same visual order as the PDF: every one-line fixture
 * paragraph, rendered by LibreOffice (`soffice --headless --convert-to pdf`)
 * from our DOCX and read back with MuPDF's character positions
 * (`mutool draw -F stext`), has its atoms (tests/visual/atoms.ts) left to
 * right in the order our PDF engine drew them. Needs the Debian packages
 * libreoffice-writer-nogui and mupdf-tools; skipped, and says so, without them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBackend } from '../../src/backends/docx/index.js';
import { renderWithDump } from '../backends/pdf/util.js';
import { atomKey, visualOrder } from './atoms.js';
import { enginePlaced } from './engine.js';
import { charBag, lineAtoms, mupdfLines, type CharLine } from './mupdf.js';
import { DOC_NAMES, ONE_LINE, loadFixture, visualParagraphs } from './paragraphs.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const SOFFICE = has('soffice') ? 'soffice' : has('libreoffice') ? 'libreoffice' : undefined;
const MUTOOL = has('mutool');
const READY = SOFFICE !== undefined && MUTOOL;
if (!READY) {
  console.warn(`[visual] ${SOFFICE ? '' : 'LibreOffice (soffice) '}${MUTOOL ? '' : 'mutool '}not installed: skipping the DOCX visual order (apt-get install libreoffice-writer-nogui mupdf-tools)`);
}

const CHROMIUM: Record<string, Record<string, { order: readonly string[] }>> = JSON.parse(
  readFileSync(join(import.meta.dirname, 'expected', 'chromium-order.json'), 'utf8'),
).paragraphs;

const dir = mkdtempSync(join(tmpdir(), 'visual-docx-'));
const lo: Record<string, CharLine[]> = {};
const pdfOrder: Record<string, Record<string, string[]>> = {};

beforeAll(async () => {
  for (const doc of DOC_NAMES) {
    const model = await loadFixture(doc);
    const paragraphs = visualParagraphs(model, doc);
    const dump = (await renderWithDump(model, {})).dump.filter((d) => !d.running);
    pdfOrder[doc] = {};
    for (const key of ONE_LINE[doc]) {
      const laid = dump[paragraphs.findIndex((p) => p.key === key)]!.paragraph;
      pdfOrder[doc][key] = visualOrder(enginePlaced(laid)).map((a) => atomKey(a.slice(a.indexOf(':') + 1)));
    }
    if (READY) writeFileSync(join(dir, `${doc}.docx`), (await docxBackend.render(model, {})).bytes);
  }
  if (!READY) return;
  execFileSync(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir,
    ...DOC_NAMES.map((d) => join(dir, `${d}.docx`))], { stdio: 'pipe', timeout: 180_000 });
  for (const doc of DOC_NAMES) lo[doc] = mupdfLines(join(dir, `${doc}.pdf`));
  if (process.env['KEEP_LO_PDF']) for (const doc of DOC_NAMES) writeFileSync(join(process.env['KEEP_LO_PDF'], `${doc}.lo.pdf`), readFileSync(join(dir, `${doc}.pdf`)));
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!READY).each(DOC_NAMES.map((doc) => ({ doc })))(`DOCX (LibreOffice) visual order of $doc equals the PDF's${READY ? '' : ' (skipped: soffice or mutool not installed)'}`, ({ doc }) => {
  for (const key of ONE_LINE[doc]) {
    it(key, () => {
      const pdf = pdfOrder[doc]![key]!;
      const bag = charBag(pdf);
      const line = lo[doc]!.find((l) => charBag(lineAtoms(l)) === bag);
      const chromium = (CHROMIUM[doc]?.[key]?.order ?? []).map((a) => atomKey(a.slice(a.indexOf(':') + 1)));
      expect(line, `${key}: no line of LibreOffice's PDF holds exactly its characters (wrapped, or text lost)`).toBeDefined();
      const docx = lineAtoms(line!);
      expect(docx.join(" | "), `PDF: ${pdf.join(" | ")}\n  Chromium: ${chromium.join(" | ")}\n  DOCX: ${docx.join(" | ")}`).toBe(pdf.join(" | "));
    });
  }
});
