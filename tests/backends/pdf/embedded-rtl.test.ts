/**
 * An Arabic phrase inside a justified English line. pdf.js ends a text item
 * at a gap wider than 0.6 em and reads each item on its own, in drawing
 * order. The phrase's own spaces keep their width while the line's English
 * ones can take the extra (justify.ts): the phrase is one unit, and drawn as
 * a span of its own when the stretched English gaps around it would leave it
 * alone in an item that pdf.js takes as right to left, brackets and all
 * (draw-order.ts: `)التقرير الختامي(`). A line whose only spaces are the
 * phrase's (a long Arabic title) stretches them: the pieces the wide gaps
 * cut the phrase into are drawn right to left (readingOrder), the gap
 * between them as RLM + space (drawn left to right, `(التقرير الختامي)`
 * came out `الختامي( )التقرير`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel, ParagraphNode } from '../../../src/model/index.js';
import { extractItems, joinItems } from '../../helpers/pdf.js';
import { loadDocument } from '../../../src/pipeline.js';
import { fixturesModel } from './fixtures.js';
import { renderWithDump } from './util.js';

const TEXT = 'The final report of the eighteenth session (التقرير الختامي) can be read on https://www.comstech.org/ga18/report.pdf before the next meeting of the committee.';
const TITLE = 'التقرير الختامي للدورة الثامنة عشرة للجمعية العامة للجنة الدائمة للتعاون العلمي والتكنولوجي';
const LONG = `See (${TITLE}) now, and the next one.`;
const paragraph = (value: string): ParagraphNode => ({ type: 'paragraph', children: [{ type: 'text', value }], dir: 'ltr', lang: 'en', style: 'english' });
const model: DocumentModel = { ...fixturesModel, sections: [{ name: 'body', blocks: [paragraph(TEXT), paragraph(LONG)] }] };

let read: string;
let report: string;
beforeAll(async () => {
  const { bytes } = await renderWithDump(model);
  read = joinItems(await extractItems(bytes)).replace(/\s+/g, ' ');
  // The English report: the phrase's line has its English gaps stretched past 0.6 em on both sides of it.
  const doc = await loadDocument('tests/fixtures/docs/report-en.json', { templatesDir: 'tests/fixtures/templates' });
  report = joinItems(await extractItems((await renderWithDump(doc.model)).bytes)).replace(/\s+/g, ' ');
});

describe('an Arabic phrase in a justified English line', () => {
  it('pdf.js reads it as typed, inside its brackets', () => {
    expect(report).toContain('The final report of the eighteenth session (التقرير الختامي) can be read on https://www.comstech.org/ga18/report.pdf before the next meeting.');
  });

  it('a line too loose for its English spaces alone: pdf.js reads the words in reading order, inside their brackets', () => {
    // The phrase's gaps stretched too: pdf.js adds a space where it jumps across the phrase, and reads the gap's RLM.
    expect(read.replace(/[\u200e\u200f]/g, '')).toMatch(/session \( ?التقرير الختامي ?\) can/u);
  });

  it('a line whose only spaces are the phrase\'s: pdf.js reads its words in reading order', () => {
    // Gaps stretched inside the phrase: pdf.js adds a space where it jumps across it and reads the gaps' RLM.
    const words = read.replace(/[\u200e\u200f]/g, '').replace(/[()]/g, ' ').split(' ').filter((w) => w !== '');
    const at = words.indexOf('See');
    expect(words.slice(at, at + TITLE.split(' ').length + 1)).toEqual(['See', ...TITLE.split(' ')]);
  });
});
