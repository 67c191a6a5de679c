/**
 * Round trip of the annex DOCX through LibreOffice (`soffice --headless
 * --convert-to pdf`), when it is installed. It is not required: without it
 * the test is skipped and says so. With poppler-utils, the PDF's pages and
 * text are checked too.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxBackend } from '../../../src/backends/docx/index.js';
import { annexData, annexModel } from './fixture.js';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

const SOFFICE = has('soffice') ? 'soffice' : has('libreoffice') ? 'libreoffice' : undefined;
const POPPLER = has('pdftotext') && has('pdfinfo');

if (!SOFFICE) {
  console.warn('[docx] LibreOffice (soffice) is not installed: skipping the DOCX → PDF round trip (apt-get install libreoffice-writer-nogui to run it)');
}

/**
 * Text as pdftotext gives it, without bidi controls and kashida: LibreOffice
 * justifies Arabic with kashida, which its PDF maps to tatweel or to `*`.
 */
function plain(s: string): string {
  return s.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640*]/g, '').replace(/\s+/g, ' ');
}

describe('docx round trip through LibreOffice', () => {
  it.skipIf(!SOFFICE)(`converts to PDF with the cover alone on page 1${SOFFICE ? '' : ' (skipped: soffice not installed)'}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docx-lo-'));
    try {
      const { bytes } = await docxBackend.render(annexModel(), {});
      const docx = join(dir, 'annex.docx');
      writeFileSync(docx, bytes);
      execFileSync(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
        stdio: 'pipe',
        timeout: 120_000,
      });
      const pdf = join(dir, 'annex.pdf');
      if (!POPPLER) {
        console.warn('[docx] poppler-utils not installed: the LibreOffice PDF is not checked further');
        return;
      }
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
      const page = (n: number) => plain(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }));
      const d = annexData();
      const cover = page(1);
      expect(cover).toContain(d.symbol);
      expect(cover).toContain(d.annex);
      expect(cover).toContain(d.organization);
      expect(cover).not.toContain('افتتح'); // the body starts on a new page
      const second = page(2);
      expect(second).toContain(d.symbol); // running header
      expect(second).toMatch(/(^|\s)2(\s|$)/); // PAGE field in the footer
      const all = plain(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
      // The list numbers, each once (pdftotext writes the label in visual order, `-1`).
      for (const n of [1, 2, 3, 4, 5, 6, 7]) expect(all.match(new RegExp(`(^|\\s)(${n}-|-${n})(\\s|$)`, 'g'))).toHaveLength(1);
      const words = (t: string) => plain(t).replace(/[،,.()"]/g, ' ').replace(/\s+/g, ' ');
      for (const p of d.paragraphs) expect(words(all)).toContain(words(p.text).split(' ').slice(0, 3).join(' '));
      const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
      expect(fonts).toMatch(/Amiri/); // from the embedded font when Amiri is not installed
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('page X of Y through LibreOffice (the features sample)', () => {
  const hasPoppler = POPPLER;
  const version = SOFFICE ? execFileSync(SOFFICE, ['--version'], { encoding: 'utf8' }) : '';
  let pages: string[] = [];
  const footers = async (): Promise<string[]> => {
    if (pages.length) return pages;
    const dir = mkdtempSync(join(tmpdir(), 'docx-lo-fields-'));
    try {
      const { loadDocument } = await import('../../../src/pipeline.js');
      const { model } = await loadDocument('tests/fixtures/features-sample.json', { templatesDir: 'tests/fixtures/templates' });
      const { bytes } = await docxBackend.render(model, {});
      const docx = join(dir, 'features.docx');
      writeFileSync(docx, bytes);
      execFileSync(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe', timeout: 120_000 });
      const pdf = join(dir, 'features.pdf');
      const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
      pages = Array.from({ length: n }, (_, i) => plain(execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' })));
      return pages;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const toWestern = (s: string): string => s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660));

  it.skipIf(!SOFFICE || !hasPoppler)('prints each page\'s number and the page count in the footer', async () => {
    const all = await footers();
    expect(all.length).toBeGreaterThanOrEqual(2);
    all.forEach((text, i) => {
      const m = /صفحة\s*([0-9٠-٩]+)\s*من\s*([0-9٠-٩]+)/.exec(text);
      expect(m, `page ${i + 1}`).not.toBeNull();
      expect(toWestern(m![1]!)).toBe(String(i + 1));
      expect(toWestern(m![2]!)).toBe(String(all.length));
    });
  }, 180_000);

  // README, "LibreOffice and number formats": LibreOffice 7.4 reads no DOCX value as Arabic-Indic digits.
  it.skipIf(!SOFFICE || !hasPoppler || !/LibreOffice 7\.4\./.test(version))('shows them in Western digits in LibreOffice 7.4, as the README says (Word: Arabic-Indic)', async () => {
    for (const text of await footers()) expect(text).toMatch(/صفحة\s*[0-9]+\s*من\s*[0-9]+/);
  }, 180_000);
});
