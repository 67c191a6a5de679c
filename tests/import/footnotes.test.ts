/**
 * A draft with footnotes comes back: unchanged, nothing to import; an
 * editor's change to a footnote's text (footnotes.xml, its field marked like
 * the body's) goes back to the note's "text" in the data, and a change to
 * the text holding the marker to that paragraph's text (the number is not
 * part of it); a footnote deleted in Word is reported, the data keeps it.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDraft } from '../../src/import/index.js';
import { formatMessage } from '../../src/import/messages.js';
import { tempDir } from '../pipeline/util.js';
import { markedDraft } from './draft.js';
import { editDocx } from './util.js';

const NAME = 'cfm-45-2018-res-10.en.json';

async function setup(): Promise<{ data: string; draft: string; bytes: Uint8Array }> {
  const dir = tempDir('import-notes-');
  const data = join(dir, NAME);
  copyFileSync(join('data', NAME), data);
  return { data, draft: join(dir, 'draft.docx'), bytes: await markedDraft(data) };
}

const editPart = (bytes: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array =>
  editDocx(bytes, undefined, (files) => files.set(part, new TextEncoder().encode(edit(new TextDecoder().decode(files.get(part)!)))));

describe('import of a draft with footnotes', () => {
  it('imports nothing from an unchanged draft', async () => {
    const s = await setup();
    writeFileSync(s.draft, s.bytes);
    const r = await importDraft(s.draft, { data: s.data });
    expect(r.messages.map(formatMessage)).toEqual([expect.stringContaining('nothing to import')]);
    expect(readFileSync(s.data, 'utf8')).toBe(readFileSync(join('data', NAME), 'utf8'));
  }, 60_000);

  it("brings an edited footnote back into the note's text, and an edit next to a marker into the paragraph's", async () => {
    const s = await setup();
    let edited = editPart(s.bytes, 'word/footnotes.xml', (x) => x.replace('the first of its four resolutions', 'the first of four resolutions'));
    edited = editPart(edited, 'word/document.xml', (x) => x.replace('most recently resolution No. 10/44-POL', 'most recently, resolution No. 10/44-POL'));
    writeFileSync(s.draft, edited);
    const r = await importDraft(s.draft, { data: s.data });
    expect(r.changed.map((c) => c.pointer).sort(), r.messages.map(formatMessage).join('\n')).toEqual(['/preamble/0/text', '/preamble/1/notes/0/text']);
    const after = JSON.parse(readFileSync(s.data, 'utf8'));
    expect(after.preamble[1].notes[0].text).toBe('Adopted by the Security Council on 30 April 1993, the first of four resolutions on this conflict.');
    expect(after.preamble[0].text).toBe('its previous resolutions on the aggression of the Republic of Armenia against the Republic of Azerbaijan, most recently, resolution No. 10/44-POL;');
    expect(after.preamble[0].notes).toEqual(JSON.parse(readFileSync(join('data', NAME), 'utf8')).preamble[0].notes);
  }, 60_000);

  it('reports a footnote deleted in Word and keeps it in the data', async () => {
    const s = await setup();
    let edited = editPart(s.bytes, 'word/footnotes.xml', (x) => x.replace(/<w:footnote w:id="2">.*?<\/w:footnote>/s, ''));
    edited = editPart(edited, 'word/document.xml', (x) => x.replace(/<w:r>(?:(?!<w:r>).)*?<w:footnoteReference w:id="2"\/><\/w:r>/s, ''));
    writeFileSync(s.draft, edited);
    const r = await importDraft(s.draft, { data: s.data });
    const text = r.messages.map(formatMessage).join('\n');
    expect(text).toContain('/preamble/1/notes/0/text');
    expect(text).toMatch(/not in the draft any more/);
    expect(readFileSync(s.data, 'utf8')).toBe(readFileSync(join('data', NAME), 'utf8'));
  }, 60_000);
});
