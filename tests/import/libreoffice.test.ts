/**
 * The round trip through LibreOffice (`soffice --headless --convert-to docx`),
 * when it is installed (Debian: libreoffice-writer-nogui): LibreOffice 7.4
 * drops the tags, aliases and ids of the content controls and keeps the
 * hidden bookmarks and the unbound custom XML part, so fields are found by
 * bookmark. Edits are scripted in the XML, then the draft goes through
 * LibreOffice, which writes them its own way.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatMessage } from '../../src/import/messages.js';
import { ANNEX, annexDraft, controlOf, documentXml, editDocx, json, once, original, run, setup } from './util.js';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}
const SOFFICE = has('soffice') ? 'soffice' : has('libreoffice') ? 'libreoffice' : undefined;
if (!SOFFICE) console.warn('[import] LibreOffice (soffice) is not installed: skipping the LibreOffice round trips of import (apt-get install libreoffice-writer-nogui to run them)');
const skipped = SOFFICE ? '' : ' (skipped: soffice not installed)';

/** The draft opened and saved again by LibreOffice. */
function throughLibreOffice(bytes: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'import-lo-'));
  writeFileSync(join(dir, 'draft.docx'), bytes);
  const r = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', join(dir, 'out'), join(dir, 'draft.docx')], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  return new Uint8Array(readFileSync(join(dir, 'out', 'draft.docx')));
}

describe.skipIf(!SOFFICE)('import after LibreOffice', () => {
  test(`LibreOffice shows every field once (rich-text controls: no tripled Arabic)${skipped}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-lo-txt-'));
    writeFileSync(join(dir, 'draft.docx'), await annexDraft());
    const r = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', join(dir, 'out'), join(dir, 'draft.docx')], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'out', 'draft.txt'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.replace(/^\s*\d+-\s*/, '').trim());
    const d = original();
    expect(lines.slice(0, 5)).toEqual([d.symbol, d.annex, d.organization, d.documentType, d.title]);
    for (const p of d.paragraphs as { text: string }[]) expect(lines.filter((l) => l === p.text)).toHaveLength(1);
  }, 120_000);

  test(`opened and saved, nothing changed: the data file stays byte-identical${skipped}`, async () => {
    const s = await setup();
    const saved = throughLibreOffice(await annexDraft());
    expect(documentXml(saved)).not.toContain('w:tag'); // what LibreOffice does to the controls
    expect(documentXml(saved)).toContain('_F');
    writeFileSync(s.draft, saved);
    const r = await run(s);
    expect(r.messages.map(formatMessage)).toEqual([expect.stringContaining('nothing to import')]);
    expect(readFileSync(s.data).equals(readFileSync(ANNEX))).toBe(true);
    // Saved a second time (an editor opens LibreOffice's file again): the same.
    writeFileSync(s.draft, throughLibreOffice(saved));
    expect((await run(s)).messages.map((m) => m.code)).toEqual(['UNCHANGED']);
    expect(readFileSync(s.data).equals(readFileSync(ANNEX))).toBe(true);
  }, 120_000);

  test(`a word changed and a paragraph split, saved by LibreOffice: both come back${skipped}`, async () => {
    const s = await setup();
    const text = original().paragraphs[6].text as string;
    const cut = text.indexOf(' عن ');
    const edited = editDocx(await annexDraft(), (x) => {
      const y = once(x, 'أمين عام منظمة', 'الأمين العام لمنظمة');
      const c = controlOf(y, '/paragraphs/6/text#0');
      return once(y, c, c.replace(text, `${text.slice(0, cut)}</w:t></w:r></w:sdtContent></w:sdt></w:p><w:p>${c.slice(0, c.indexOf('<w:sdtContent>'))}<w:sdtContent><w:r><w:t xml:space="preserve">${text.slice(cut + 1)}`));
    });
    writeFileSync(s.draft, throughLibreOffice(edited));
    const r = await run(s);
    const d = json(s.data);
    expect(d.paragraphs[1].text, r.messages.map(formatMessage).join('\n')).toContain('الأمين العام لمنظمة');
    expect(d.paragraphs[6]).toEqual({ text: text.slice(0, cut), continuation: [text.slice(cut + 1)] });
  }, 120_000);

  test(`tracked changes as LibreOffice writes them: refused by default, accepted on request${skipped}`, async () => {
    const s = await setup();
    const edited = editDocx(await annexDraft(), (x) => once(x, 'أمين عام منظمة', 'أمين</w:t></w:r><w:del w:id="901" w:author="Editor" w:date="2018-09-25T10:00:00Z"><w:r><w:delText xml:space="preserve"> عام</w:delText></w:r></w:del><w:ins w:id="902" w:author="Editor" w:date="2018-09-25T10:00:00Z"><w:r><w:t xml:space="preserve"> عامّ</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> منظمة'));
    const saved = throughLibreOffice(edited);
    expect(documentXml(saved)).toMatch(/<w:ins /);
    writeFileSync(s.draft, saved);
    const refused = await run(s);
    expect(refused.messages.map((m) => m.code)).toEqual(['TRACKED_CHANGES']);
    expect(formatMessage(refused.messages[0]!)).toContain('/paragraphs/1/text');
    const r = await run(s, { revisions: 'accept' });
    expect(json(s.data).paragraphs[1].text).toBe(original().paragraphs[1].text.replace('أمين عام منظمة', 'أمين عامّ منظمة'));
    expect(r.written).toBe(true);
  }, 120_000);
});
