/**
 * Issue 6: data is text. Markup-looking data (`<b>`, `</p>`, `&amp;`,
 * `{{title}}`, …) prints literally in both the PDF (read back with pdf.js) and
 * the DOCX (the text of word/document.xml), and adds no formatting.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { buildFile } from '../../src/pipeline.js';
import { drawnGlyphs, extractItems } from '../helpers/pdf.js';
import { parseXml, type XElement, type XNode } from '../backends/docx/xml.js';
import { annexVariant, tempDir } from './util.js';

const TOKENS = ['<b>', '</b>', '</p>', '&amp;', '{{title}}', '{{{venue}}}', '<![CDATA[x]]>', '&lt;i&gt;'];
const PARAGRAPH = `Markup ${TOKENS.join(' ')} end`;
const TITLE = 'Title <i>not italic</i> &amp; {{symbol}}';

let pdfText = '';
let drawnText = '';
let docxText = '';
let docxXml = '';
beforeAll(async () => {
  const file = annexVariant((d) => {
    d.paragraphs[1].text = PARAGRAPH;
    d.venue = TITLE;
  }, 'markup.json');
  const out = tempDir();
  await buildFile(file, { outDir: out });
  const pdfBytes = readFileSync(join(out, 'markup.pdf'));
  pdfText = (await extractItems(pdfBytes)).map((i) => i.text).join('\n');
  drawnText = (await drawnGlyphs(pdfBytes)).map((g) => g.unicode).join('');
  const zip = await JSZip.loadAsync(readFileSync(join(out, 'markup.docx')));
  docxXml = await zip.file('word/document.xml')!.async('string');
  // The text of each paragraph (w:p), its w:t elements joined.
  const texts: string[] = [];
  const walk = (n: XNode, into: string[]): void => {
    if (typeof n === 'string') return;
    if (n.name === 'w:t') into.push(n.children.filter((c): c is string => typeof c === 'string').join(''));
    else if (n.name === 'w:p') {
      const mine: string[] = [];
      for (const c of n.children) walk(c, mine);
      texts.push(mine.join(''));
    } else for (const c of (n as XElement).children) walk(c, into);
  };
  walk(parseXml(docxXml), []);
  docxText = texts.join('\n');
});

describe('markup in the data prints as text', () => {
  test.each(TOKENS)('%s is in the PDF text', (t) => {
    expect(pdfText).toContain(t);
  });
  test('the whole paragraph reads back from the PDF as written', () => {
    expect(pdfText.replace(/\s+/g, ' ')).toContain(PARAGRAPH);
  });
  // On a line that mixes a Latin field with Arabic, the PDF draws the field's
  // characters in order (checked on the glyphs and their ToUnicode below).
  // pdf.js's bidi step (src/core/bidi.js) deletes every "<" and ">" of a text
  // item that holds any right-to-left character: the field, a left-to-right
  // unit of the line, is an item of its own (draw-order.ts, splitBidiUnits),
  // which pdf.js reads as it is.
  test('a field mixed with Arabic on its line is drawn as written', () => {
    expect(drawnText).toContain(TITLE);
  });
  test('pdf.js reads that field with its angle brackets', () => {
    const line = pdfText.split('\n').find((l) => l.includes('Title'))!;
    expect(line).toContain(TITLE);
  });
  test.each(TOKENS)('%s is in the DOCX text', (t) => {
    expect(docxText).toContain(t);
  });
  test('the DOCX has the paragraph as one text, escaped in the XML, with no element made from the data', () => {
    expect(docxText.split('\n')).toContainEqual(expect.stringContaining(PARAGRAPH));
    expect(docxText).toContain(TITLE);
    expect(docxXml).toContain('&lt;b&gt;');
    expect(docxXml).not.toMatch(/<(b|i|p)>/);
    expect(docxXml).toContain('&amp;amp;');
  });
});
