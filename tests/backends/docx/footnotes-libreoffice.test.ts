/**
 * The Arabic resolution's DOCX through LibreOffice (`soffice --headless
 * --convert-to pdf`, skipped with a note when it is not installed; the text
 * read with poppler's pdftotext): Word footnotes come out as footnotes, each
 * note's text on the page of its number, below the body. LibreOffice 7.4
 * prints their numbers in Western digits (it ignores `hindiNumbers`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../src/backends/docx/index.js';
import { loadDocument } from '../../../src/pipeline.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
const SOFFICE = has('soffice') ? 'soffice' : undefined;
const POPPLER = has('pdftotext');
if (!SOFFICE || !POPPLER) console.warn('[docx] soffice or pdftotext missing: skipping the footnotes through LibreOffice (apt-get install libreoffice-writer-nogui poppler-utils)');

const plain = (s: string): string => s.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640*]/g, '').replace(/\s+/g, ' ');

describe('footnotes through LibreOffice', () => {
  it.skipIf(!SOFFICE || !POPPLER)('sets both notes of the Arabic resolution at the foot of page 1, after the body', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docx-lo-notes-'));
    const file = 'data/cfm-45-2018-res-10.ar.json';
    const { model } = await loadDocument(file);
    writeFileSync(join(dir, 'res.docx'), (await renderDocx(model)).bytes);
    execFileSync(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'res.docx')], { stdio: 'pipe', timeout: 120_000 });
    const page1 = plain(execFileSync('pdftotext', ['-f', '1', '-l', '1', join(dir, 'res.pdf'), '-'], { encoding: 'utf8' }));
    const data = JSON.parse(readFileSync(file, 'utf8')) as { preamble: { notes?: { text: string }[] }[] };
    const notes = data.preamble.flatMap((p) => p.notes ?? []).map((n) => plain(n.text));
    expect(notes).toHaveLength(2);
    // The first operative paragraph, on page 1 after the preamble (LibreOffice splits kashida-stretched words).
    const last = page1.indexOf('يدين بأشد');
    expect(last).toBeGreaterThan(0);
    // LibreOffice 7.4 ignores w:numFmt hindiNumbers (README, "LibreOffice and number formats"):
    // Western numbers after the body, no Arabic-Indic digit on the page. Word prints ١ ٢.
    expect(/[\u0660-\u0669]/.test(page1), 'LibreOffice now prints Arabic-Indic digits: update the README').toBe(false);
    // Each note begins with its number, 1 then 2 (poppler reads the number against the note's first word).
    notes.forEach((n, k) => expect(page1.slice(last)).toMatch(new RegExp(`(^|\\s)${k + 1}\\s*${n.split(' ')[0]}`)));
    for (const n of notes) {
      // A few words of each note, as poppler reads Arabic lines (word by word).
      const words = n.split(' ').filter((w) => /^[\u0600-\u06ff]{4,}$/.test(w)).slice(0, 3);
      for (const w of words) {
        const at = page1.indexOf(w, last);
        expect(at, `${w} after the body on page 1`).toBeGreaterThan(0);
      }
    }
  }, 180_000);
});
