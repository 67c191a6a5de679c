/**
 * `import` of a draft edited as Word and LibreOffice write their edits
 * (scripted XML edits of document.xml), and the three-way merge.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { ANNEX, changedLines, controlOf, json, once, original, run, setup } from './util.js';
import { formatMessage } from '../../src/import/messages.js';
import type { ImportResult } from '../../src/import/index.js';

const codes = (r: ImportResult): string[] => r.messages.map((m) => m.code);
const shown = (r: ImportResult): string => r.messages.map(formatMessage).join('\n');
const P1 = '/paragraphs/1/text#0';
/** A continuation paragraph whose text has no character XML escapes. */
const IDX = (original().paragraphs[2].continuation as string[]).findIndex((t) => !/[&<>"']/.test(t));

describe('import: an unchanged draft', () => {
  test('leaves the data file byte-identical and unwritten', async () => {
    const s = await setup();
    const before = statSync(s.data).mtimeMs;
    const r = await run(s);
    expect(r.written).toBe(false);
    expect(codes(r)).toEqual(['UNCHANGED']);
    expect(readFileSync(s.data).equals(readFileSync(ANNEX))).toBe(true);
    expect(statSync(s.data).mtimeMs).toBe(before);
  });
});

describe('import: edits made in the draft', () => {
  test('a word changed in a paragraph: only that string changes in the JSON', async () => {
    const s = await setup((x) => once(x, 'أمين عام منظمة', 'الأمين العام لمنظمة'));
    const r = await run(s);
    expect(r.written, shown(r)).toBe(true);
    const want = original();
    want.paragraphs[1].text = want.paragraphs[1].text.replace('أمين عام منظمة', 'الأمين العام لمنظمة');
    expect(json(s.data)).toEqual(want);
    const diff = changedLines(readFileSync(ANNEX, 'utf8'), readFileSync(s.data, 'utf8'));
    expect(diff).toHaveLength(1);
    expect(diff[0]).toContain('الأمين العام لمنظمة');
    expect(r.changed.map((c) => c.pointer)).toEqual(['/paragraphs/1/text']);
    expect(shown(r)).toContain('"الفقرة 2" changed');
  });

  test('a whole field retyped (Word replaces its runs with one run of new text)', async () => {
    const venue = 'Geneva, Palais des Nations – قصر الأمم (Room XX), +41 22 917 1234, www.ungeneva.org';
    const s = await setup((x) => {
      const c = controlOf(x, '/venue#1');
      const retyped = c.replace(/<w:sdtContent>.*<\/w:sdtContent>/s, (inner) =>
        inner.replace(/<w:r>.*<\/w:r>/s, `<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">${venue.replace('&', '&amp;')}</w:t></w:r>`));
      return once(x, c, retyped);
    });
    const r = await run(s);
    expect(r.written, shown(r)).toBe(true);
    expect(json(s.data).venue).toBe(venue);
    expect(r.changed.map((c) => c.pointer)).toEqual(['/venue']);
  });

  test('the same field edited in one of its two printings: the edit goes in', async () => {
    const s = await setup((x) => once(x, controlOf(x, '/title#0'), controlOf(x, '/title#0').replace('اجتماع فريق', 'اجتماع لفريق')));
    const r = await run(s);
    expect(r.written, shown(r)).toBe(true);
    expect(json(s.data).title).toBe(original().title.replace('اجتماع فريق', 'اجتماع لفريق'));
  });

  test('its two printings edited differently: reported, nothing written', async () => {
    const s = await setup((x) => {
      let y = once(x, controlOf(x, '/title#0'), controlOf(x, '/title#0').replace('اجتماع فريق', 'اجتماع لفريق'));
      y = once(y, controlOf(y, '/title#1'), controlOf(y, '/title#1').replace('اجتماع فريق', 'لقاء فريق'));
      return y;
    });
    const r = await run(s);
    expect(r.written).toBe(false);
    expect(codes(r)).toContain('DRAFT_DISAGREES');
    expect(readFileSync(s.data).equals(readFileSync(ANNEX))).toBe(true);
  });

  test('Enter inside a numbered paragraph (Word: the control is split in two): a continuation paragraph', async () => {
    const s = await setup((x) => {
      const c = controlOf(x, P1);
      const text = original().paragraphs[1].text as string;
      const cut = text.indexOf('وأكد من جديد');
      const split = c.replace(text, `${text.slice(0, cut).trimEnd()}</w:t></w:r></w:sdtContent></w:sdt></w:p><w:p>${c.slice(0, c.indexOf('<w:sdtContent>'))}<w:sdtContent><w:r><w:t xml:space="preserve">${text.slice(cut)}`);
      return once(x, c, split);
    });
    const r = await run(s);
    expect(r.written, shown(r)).toBe(true);
    const text = original().paragraphs[1].text as string;
    const cut = text.indexOf('وأكد من جديد');
    expect(json(s.data).paragraphs[1]).toEqual({ text: text.slice(0, cut).trimEnd(), continuation: [text.slice(cut)] });
    expect(codes(r)).toContain('CONTINUATION_ADDED');
  });

  test('Enter inside a paragraph (LibreOffice: the bookmark spans two paragraphs, no tags)', async () => {
    const s = await setup((x) => {
      // LibreOffice keeps the bookmarks; here the controls are gone altogether.
      let y = x.replace(/<w:sdt><w:sdtPr>.*?<\/w:sdtPr><w:sdtContent>/gs, '').replace(/<\/w:sdtContent><\/w:sdt>/g, '');
      const text = original().paragraphs[2].continuation[IDX] as string;
      const cut = text.indexOf(' ', 40);
      y = once(y, text, `${text.slice(0, cut)}</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">${text.slice(cut + 1)}`);
      return y;
    });
    const r = await run(s);
    expect(r.written, shown(r)).toBe(true);
    const text = original().paragraphs[2].continuation[IDX] as string;
    const cut = text.indexOf(' ', 40);
    const want = [...original().paragraphs[2].continuation];
    want.splice(IDX, 1, text.slice(0, cut), text.slice(cut + 1));
    expect(json(s.data).paragraphs[2].continuation).toEqual(want);
  });

  test('Enter at the end of a paragraph, then typing (a new paragraph outside the control): a continuation', async () => {
    const s = await setup((x) => once(x, /(<w:tag w:val="\/paragraphs\/4\/text#0"\/>.*?<\/w:p>)/s, (m) => `${m}<w:p><w:r><w:t>فقرة جديدة أضافها المحرر، مع رقم 2025 وبريد info@oic-oci.org.</w:t></w:r></w:p>`));
    const r = await run(s);
    expect(r.written, shown(r)).toBe(true);
    expect(json(s.data).paragraphs[4].continuation).toEqual(['فقرة جديدة أضافها المحرر، مع رقم 2025 وبريد info@oic-oci.org.']);
    expect(codes(r)).toContain('CONTINUATION_ADDED');
  });

  const tracked = (x: string): string => once(x, 'أمين عام منظمة', 'أمين</w:t></w:r><w:del w:id="901" w:author="Editor" w:date="2018-09-25T10:00:00Z"><w:r><w:delText xml:space="preserve"> عام</w:delText></w:r></w:del><w:ins w:id="902" w:author="Editor" w:date="2018-09-25T10:00:00Z"><w:r><w:t xml:space="preserve"> عامّ</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> منظمة');

  test('tracked insertion and deletion: refused by default, naming the field; nothing written', async () => {
    const s = await setup(tracked);
    const r = await run(s);
    expect(r.written).toBe(false);
    expect(codes(r)).toEqual(['TRACKED_CHANGES']);
    expect(shown(r)).toContain('"الفقرة 2" (/paragraphs/1/text)');
    expect(shown(r)).toContain('--revisions accept');
    expect(readFileSync(s.data).equals(readFileSync(ANNEX))).toBe(true);
  });

  test('tracked insertion and deletion, --revisions accept: imported as accepted', async () => {
    const s = await setup(tracked);
    const r = await run(s, { revisions: 'accept' });
    expect(r.written, shown(r)).toBe(true);
    expect(json(s.data).paragraphs[1].text).toBe(original().paragraphs[1].text.replace('أمين عام منظمة', 'أمين عامّ منظمة'));
  });

  test('a tracked insertion LibreOffice put just outside the field (after its bookmark) belongs to the field', async () => {
    const s = await setup((x) => once(x, /(<w:tag w:val="\/paragraphs\/6\/text#0"\/>.*?<w:bookmarkEnd w:id="\d+"\/>)/s, (m) => `${m}<w:ins w:id="903" w:author="LO"><w:r><w:t> وأقره.</w:t></w:r></w:ins>`));
    const refused = await run(s);
    expect(codes(refused)).toEqual(['TRACKED_CHANGES']);
    expect(formatMessage(refused.messages[0]!)).toContain('/paragraphs/6/text');
    const r = await run(s, { revisions: 'accept' });
    expect(r.written, shown(r)).toBe(true);
    expect(json(s.data).paragraphs[6].text).toBe(`${original().paragraphs[6].text} وأقره.`);
  });

  test('a comment is listed with its author, field and text; the data is unchanged', async () => {
    const s = await setup(
      (x) => once(x, 'أمين عام منظمة', 'أمين عام </w:t></w:r><w:commentRangeStart w:id="5"/><w:r><w:t xml:space="preserve">منظمة</w:t></w:r><w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r><w:r><w:t xml:space="preserve">'),
      (files) => files.set('word/comments.xml', new TextEncoder().encode(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:comment w:id="5" w:author="Delegation of Morocco" w:date="2018-09-26T09:00:00Z"><w:p><w:r><w:t>Please check the title (see www.oic-oci.org).</w:t></w:r></w:p></w:comment></w:comments>')),
    );
    const r = await run(s);
    expect(r.written, shown(r)).toBe(false);
    const comment = r.messages.find((m) => m.code === 'COMMENT');
    expect(comment && formatMessage(comment)).toContain('comment by Delegation of Morocco on "الفقرة 2" (/paragraphs/1/text): «Please check the title (see www.oic-oci.org).»');
    expect(readFileSync(s.data).equals(readFileSync(ANNEX))).toBe(true);
  });

  test('text typed outside any field is reported with its place, never imported; the other edits go in', async () => {
    const s = await setup((x) => {
      const y = once(x, /(<w:tag w:val="\/venue#1"\/>.*?<\/w:sdt>)/s, (m) => `${m}<w:r><w:t xml:space="preserve"> (بتوقيت نيويورك)</w:t></w:r>`);
      return once(y, 'أمين عام منظمة', 'الأمين العام لمنظمة');
    });
    const r = await run(s);
    expect(r.written).toBe(true);
    const outside = r.messages.find((m) => m.code === 'OUTSIDE_FIELD');
    expect(outside?.severity).toBe('skipped');
    expect(formatMessage(outside!)).toMatch(/paragraph 8 .*\(بتوقيت نيويورك\)/);
    expect(JSON.stringify(json(s.data))).not.toContain('بتوقيت');
    expect(json(s.data).paragraphs[1].text).toContain('الأمين العام لمنظمة');
  });

  test('a paragraph typed between cover lines (no item to belong to) is reported', async () => {
    const s = await setup((x) => once(x, /(<w:tag w:val="\/organization#0"\/>.*?<\/w:p>)/s, (m) => `${m}<w:p><w:r><w:t>سطر إضافي</w:t></w:r></w:p>`));
    const r = await run(s);
    expect(codes(r)).toContain('OUTSIDE_FIELD');
    expect(shown(r)).toContain('سطر إضافي');
    expect(r.written).toBe(false);
  });

  test('derived text (the formatted date) edited: reported, not imported', async () => {
    const s = await setup((x) => once(x, controlOf(x, '/date#0'), controlOf(x, '/date#0').replace('24 سبتمبر', '25 سبتمبر')));
    const r = await run(s);
    expect(codes(r)).toContain('DERIVED_EDITED');
    expect(json(s.data).date).toBe('2018-09-24');
  });

  test('an image pasted into a field: reported, that field not imported', async () => {
    const s = await setup((x) => once(x, 'أمين عام منظمة', 'أمين عام منظمة</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r><w:r><w:t xml:space="preserve">'));
    const r = await run(s);
    expect(codes(r)).toContain('UNSUPPORTED_CONTENT');
    expect(shown(r)).toContain('an image or drawing');
    expect(readFileSync(s.data).equals(readFileSync(ANNEX))).toBe(true);
  });

  test('a field whose control and bookmark were both lost is found by its position (warning)', async () => {
    const s = await setup((x) => {
      const strip = (c: string): string => c.replace(/<w:sdt><w:sdtPr>.*?<\/w:sdtPr><w:sdtContent>/s, '').replace('</w:sdtContent></w:sdt>', '').replace(/<w:bookmark(Start|End)[^>]*\/>/g, '');
      let y = once(x, controlOf(x, '/venue#1'), strip(controlOf(x, '/venue#1')).replace('نيويورك، مقر', 'نيويورك، في مقر'));
      y = once(y, controlOf(y, '/date#1'), strip(controlOf(y, '/date#1')));
      return y;
    });
    const r = await run(s);
    expect(r.written, shown(r)).toBe(true);
    expect(json(s.data).venue).toBe('نيويورك، في مقر الأمم المتحدة');
    expect(codes(r)).toContain('FOUND_BY_POSITION');
  });

  test('an edit that makes the data invalid (a bidi control pasted inside) is refused, nothing written', async () => {
    const s = await setup((x) => once(x, 'أمين عام منظمة', 'أمين عام \u202Bمنظمة'));
    const r = await run(s);
    expect(r.written).toBe(false);
    expect(codes(r)).toContain('INVALID_RESULT');
    expect(shown(r)).toContain('U+202B');
  });

  test('a damaged or foreign file is a message, not a crash', async () => {
    const s = await setup();
    writeFileSync(s.draft, 'not a zip');
    expect(codes(await run(s))).toEqual(['DRAFT_UNREADABLE']);
    const r = await run({ ...s, draft: `${s.dir}/missing.docx` });
    expect(codes(r)).toEqual(['DRAFT_UNREADABLE']);
  });
});

describe('import: three-way merge', () => {
  const draftEdit = (x: string): string => once(x, 'أمين عام منظمة', 'الأمين العام لمنظمة');

  test('data file changed in one field, draft in another: both changes', async () => {
    const s = await setup(draftEdit);
    writeFileSync(s.data, readFileSync(s.data, 'utf8').replace('"ANNEXE - V"', '"ANNEXE - VI"'));
    const r = await run(s);
    expect(r.written, shown(r)).toBe(true);
    const d = json(s.data);
    expect(d.annex).toBe('ANNEXE - VI');
    expect(d.paragraphs[1].text).toContain('الأمين العام لمنظمة');
  });

  test('the same field changed on both sides: a conflict with base, ours and theirs; nothing written', async () => {
    const s = await setup(draftEdit);
    const ours = readFileSync(s.data, 'utf8').replace('أمين عام منظمة', 'أمين عام لمنظمة');
    writeFileSync(s.data, ours);
    const r = await run(s);
    expect(r.written).toBe(false);
    const c = r.messages.find((m) => m.code === 'CONFLICT')!;
    expect(formatMessage(c)).toMatch(/^error: .*acm-2018-azer-rep-annex-v\.json: \/paragraphs\/1\/text: .*base «.*data file \(ours\) «.*draft \(theirs\) «/);
    expect(readFileSync(s.data, 'utf8')).toBe(ours);
    const theirs = await run(s, { take: 'theirs' });
    expect(theirs.written).toBe(true);
    expect(json(s.data).paragraphs[1].text).toContain('الأمين العام لمنظمة');
  });

  test('--take ours keeps the data file for conflicts and takes the rest', async () => {
    const s = await setup((x) => once(draftEdit(x), controlOf(x, '/venue#1'), controlOf(x, '/venue#1').replace('مقر', 'في مقر')));
    const ours = readFileSync(s.data, 'utf8').replace('أمين عام منظمة', 'أمين عام لمنظمة');
    writeFileSync(s.data, ours);
    const r = await run(s, { take: 'ours' });
    expect(r.written, shown(r)).toBe(true);
    const d = json(s.data);
    expect(d.paragraphs[1].text).toContain('أمين عام لمنظمة');
    expect(d.venue).toBe('نيويورك، في مقر الأمم المتحدة');
  });

  test('the same change on both sides is no conflict', async () => {
    const s = await setup(draftEdit);
    writeFileSync(s.data, readFileSync(s.data, 'utf8').replace('أمين عام منظمة', 'الأمين العام لمنظمة'));
    const r = await run(s);
    expect(codes(r)).toEqual(['UNCHANGED']);
  });
});

describe('import: what Word writes', () => {
  test('a control emptied in Word (showing its placeholder) is an empty field: refused as invalid, nothing written', async () => {
    const s = await setup((x) => once(x, controlOf(x, '/venue#1'), controlOf(x, '/venue#1')
      .replace('<w:lock w:val="sdtLocked"/>', '<w:lock w:val="sdtLocked"/><w:showingPlcHdr/>')
      .replace(/<w:t xml:space="preserve">[^<]*<\/w:t>/, '<w:t>Click or tap here to enter text.</w:t>')));
    const r = await run(s);
    expect(r.written).toBe(false);
    expect(codes(r)).toContain('INVALID_RESULT');
    expect(shown(r)).toContain('/venue');
    expect(shown(r)).not.toContain('Click or tap');
  });

  test('a data file that cannot be written is a message; it is left as it was', async () => {
    const s = await setup((x) => once(x, 'أمين عام منظمة', 'الأمين العام لمنظمة'));
    const r = await run({ ...s, data: `${s.dir}/no-such-folder/${s.data.split('/').pop()}` });
    expect(codes(r)).toEqual(['DATA_UNREADABLE']);
    expect(shown(r)).toContain('--data FILE');
  });
});

describe('import: edits that cannot come back', () => {
  test('the running header (derived: the symbol printed again) edited: reported, the symbol unchanged', async () => {
    const s = await setup(undefined, (files) => {
      const h = new TextDecoder().decode(files.get('word/header1.xml')!);
      files.set('word/header1.xml', new TextEncoder().encode(once(h, 'ACM-2018/AZER/REP', 'ACM-2018/AZER/REP/Rev.1')));
    });
    const r = await run(s);
    const m = r.messages.find((x) => x.code === 'DERIVED_EDITED');
    expect(m?.pointer).toBe('/symbol');
    expect(formatMessage(m!)).toContain('«ACM-2018/AZER/REP/Rev.1»');
    expect(readFileSync(s.data).equals(readFileSync(ANNEX))).toBe(true);
  });

  test('a whole numbered paragraph deleted (LibreOffice lets a locked control go): reported, the data keeps it', async () => {
    const s = await setup((x) => once(x, /<w:p>(?:(?!<w:p>).)*?<w:tag w:val="\/paragraphs\/3\/text#0"\/>.*?<\/w:p>/s, ''));
    const r = await run(s);
    const m = r.messages.find((x) => x.code === 'FIELD_MISSING');
    expect(m?.pointer).toBe('/paragraphs/3/text');
    expect(m?.severity).toBe('skipped');
    expect(json(s.data)).toEqual(original());
  });
});

describe('import: line breaks in data', () => {
  test('a field with line breaks ("\\n" and Windows "\\r\\n") comes back unchanged, and an edit keeps its "\\r\\n"', async () => {
    const { mkdtempSync, writeFileSync: write } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { markedDraft } = await import('./draft.js');
    const dir = mkdtempSync(join(tmpdir(), 'import-br-'));
    const data = join(dir, 'lines.json');
    const d = original();
    d.venue = 'نيويورك\r\nمقر الأمم المتحدة';
    d.paragraphs[0].text = 'السطر الأول\nThe second line, +1 212 963 1234';
    write(data, JSON.stringify(d, null, 2));
    const draft = join(dir, 'lines.docx');
    const bytes = await markedDraft(data);
    write(draft, bytes);
    const before = readFileSync(data);
    const r = await run({ dir, data, draft });
    expect(codes(r), shown(r)).toEqual(['UNCHANGED']);
    expect(readFileSync(data).equals(before)).toBe(true);
    const { editDocx } = await import('./util.js');
    write(draft, editDocx(bytes, (x) => once(x, controlOf(x, '/venue#1'), controlOf(x, '/venue#1').replace('مقر الأمم المتحدة', 'قاعة الجمعية العامة'))));
    const e = await run({ dir, data, draft });
    expect(e.written, shown(e)).toBe(true);
    expect(json(data).venue).toBe('نيويورك\r\nقاعة الجمعية العامة');
  });
});

describe('import: content the data cannot hold, outside fields', () => {
  test('a table inserted between numbered paragraphs: reported with its text, not imported', async () => {
    const table = '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>جدول الحضور: 9 وفود</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const s = await setup((x) => once(x, /(<w:tag w:val="\/paragraphs\/4\/text#0"\/>.*?<\/w:p>)/s, (m) => `${m}${table}`));
    const r = await run(s);
    const m = r.messages.find((x) => x.code === 'OUTSIDE_FIELD');
    expect(m && formatMessage(m)).toContain('(in a table) reads «جدول الحضور: 9 وفود»');
    expect(json(s.data)).toEqual(original());
  });

  test('a page break typed inside a field: that field is not imported, the message says why', async () => {
    const s = await setup((x) => once(x, 'أمين عام منظمة', 'أمين عام</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:t xml:space="preserve"> منظمة'));
    const r = await run(s);
    expect(shown(r)).toContain('"الفقرة 2" holds a page break');
    expect(json(s.data)).toEqual(original());
  });
});
