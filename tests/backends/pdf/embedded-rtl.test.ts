/**
 * An Arabic phrase inside a justified English line. pdf.js ends a text item
 * at a gap wider than 0.6 em, and a justified line has such gaps inside the
 * phrase too; each piece is then read on its own, in drawing order: drawn
 * left to right, `(التقرير الختامي)` came out `الختامي( )التقرير`. The
 * pieces of the phrase are drawn right to left (draw-order.ts,
 * readingOrder), the gap between them as RLM + space.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel, ParagraphNode } from '../../../src/model/index.js';
import { extractItems, joinItems } from '../../helpers/pdf.js';
import { fixturesModel } from './fixtures.js';
import { renderWithDump } from './util.js';

const TEXT = 'The final report of the eighteenth session (التقرير الختامي) can be read on https://www.comstech.org/ga18/report.pdf before the next meeting of the committee.';
const P: ParagraphNode = { type: 'paragraph', children: [{ type: 'text', value: TEXT }], dir: 'ltr', lang: 'en', style: 'english' };
const model: DocumentModel = { ...fixturesModel, sections: [{ name: 'body', blocks: [P] }] };

let read: string;
beforeAll(async () => {
  const { bytes } = await renderWithDump(model);
  read = joinItems(await extractItems(bytes)).replace(/[\u200e\u200f]/g, '').replace(/\s+/g, ' ');
});

describe('an Arabic phrase in a justified English line', () => {
  it('pdf.js reads its words in reading order, inside their brackets', () => {
    // pdf.js adds a space where it jumps across the phrase (into it and out of it): the brackets may stand apart.
    expect(read).toMatch(/session \( ?التقرير الختامي ?\) can/u);
  });
});
