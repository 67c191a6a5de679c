/**
 * A draft with footnotes comes back: unchanged, nothing to import; an
 * editor's change to a footnote's text (footnotes.xml, its field marked like
 * the body's) goes back to the note's "text" in the data, and a change to
 * the text holding the marker to that paragraph's text (the number is not
 * part of it); a footnote deleted in Word is reported, the data keeps it;
 * a footnote added in Word (Insert › Footnote: a w:footnoteReference in the
 * body, a w:footnote in footnotes.xml, as Word writes them) is reported with
 * where it is and what to do, and nothing else changes.
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
    expect(text).toContain('"Preambular paragraph 2 – Footnote 1" is not in the draft any more (the footnote was deleted in Word); the data keeps the note');
    expect(text).toContain('delete it from the data file: item 0 (counting from 0) of /preamble/1/notes');
    expect(readFileSync(s.data, 'utf8')).toBe(readFileSync(join('data', NAME), 'utf8'));
  }, 60_000);

  /**
   * Word's Insert › Footnote after `after` in the body, the note's text in
   * footnotes.xml. Word numbers footnotes' ids in document order when it
   * saves: with `first`, the new note comes before the others, which move up one.
   */
  const addFootnote = (bytes: Uint8Array, after: string, text: string, first = false): Uint8Array => {
    let id = 0;
    const renumber = (x: string): string => (first ? x.replace(/(<w:footnote(?:Reference)? [^>]*?w:id=")(\d+)"/g, (_, head: string, n: string) => `${head}${Number(n) >= 1 ? Number(n) + 1 : n}"`) : x);
    let edited = editPart(bytes, 'word/footnotes.xml', (x) => {
      id = first ? 1 : Math.max(...[...x.matchAll(/<w:footnote [^>]*w:id="(-?\d+)"/g)].map((m) => Number(m[1]))) + 1;
      const note = `<w:footnote w:id="${id}"><w:p><w:pPr><w:pStyle w:val="Footnote"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> ${text}</w:t></w:r></w:p></w:footnote>`;
      const y = renumber(x);
      return first ? y.replace(/(<w:footnote w:id="2">)/, `${note}$1`) : y.replace('</w:footnotes>', `${note}</w:footnotes>`);
    });
    edited = editPart(edited, 'word/document.xml', (x) => {
      expect(x.includes(`${after}</w:t></w:r>`), `"${after}" ends a run of the body`).toBe(true);
      return renumber(x).replace(`${after}</w:t></w:r>`, `${after}</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`);
    });
    return edited;
  };

  it('reports a footnote added in Word, with where it is and what to do, and changes nothing', async () => {
    const s = await setup();
    writeFileSync(s.draft, addFootnote(s.bytes, 'against the Republic of Azerbaijan;', 'Adopted at the 45th Session, Dhaka, 5-6 May 2018 (info@oic-oci.org).'));
    const r = await importDraft(s.draft, { data: s.data });
    const messages = r.messages.map(formatMessage);
    const added = messages.filter((m) => m.includes('a footnote was added in Word'));
    expect(added, messages.join('\n')).toHaveLength(1);
    // What was found, where, and what to do.
    expect(added[0]).toMatch(/^not imported: .*draft\.docx: \/operative\/0\/text: /);
    expect(added[0]).toContain('"Operative paragraph 1" (/operative/0/text), after «against the Republic of Azerbaijan;»');
    expect(added[0]).toContain('«Adopted at the 45th Session, Dhaka, 5-6 May 2018 (info@oic-oci.org).»');
    expect(added[0]).toContain('add it to the data file in the "notes" of /operative/0, {"after": "against the Republic of Azerbaijan;", "text": "Adopted at the 45th Session, Dhaka, 5-6 May 2018 (info@oic-oci.org)."}');
    // Not also read as a paragraph typed outside the fields, nor as a continuation of another note.
    expect(messages.filter((m) => /outside any field|continuation/.test(m)), messages.join('\n')).toEqual([]);
    expect(r.changed).toEqual([]);
    expect(readFileSync(s.data, 'utf8')).toBe(readFileSync(join('data', NAME), 'utf8'));
  }, 60_000);

  it('reports a footnote added before the others (Word renumbers them) and imports the other edits', async () => {
    const s = await setup();
    let edited = addFootnote(s.bytes, 'Recalling', 'See also resolution No. 9/43-POL (Tashkent, 18-19 October 2016).', true);
    edited = editPart(edited, 'word/footnotes.xml', (x) => x.replace('the first of its four resolutions', 'the first of four resolutions'));
    writeFileSync(s.draft, edited);
    const r = await importDraft(s.draft, { data: s.data });
    const messages = r.messages.map(formatMessage);
    const added = messages.filter((m) => m.includes('a footnote was added in Word'));
    expect(added, messages.join('\n')).toHaveLength(1);
    expect(added[0]).toContain('/preamble/0/lead: a footnote was added in Word in "Preambular paragraph 1 – Opening word" (/preamble/0/lead), after «Recalling»');
    expect(added[0]).toContain('in the "notes" of /preamble/0, {"after": "Recalling", "text": "See also resolution No. 9/43-POL (Tashkent, 18-19 October 2016)."}');
    expect(messages.filter((m) => /outside any field|continuation|not in the draft/.test(m)), messages.join('\n')).toEqual([]);
    expect(r.changed.map((c) => c.pointer)).toEqual(['/preamble/1/notes/0/text']);
    const after = JSON.parse(readFileSync(s.data, 'utf8'));
    const before = JSON.parse(readFileSync(join('data', NAME), 'utf8'));
    expect(after.preamble[0].notes).toEqual(before.preamble[0].notes);
    expect(after.preamble[1].notes[0].text).toBe('Adopted by the Security Council on 30 April 1993, the first of four resolutions on this conflict.');
  }, 60_000);
});
