/**
 * A hand-built model of Annex V of ACM-2018/AZER/REP, mirroring what the
 * oic-annex template makes of data/acm-2018-azer-rep-annex-v.json (its styles
 * are the template's styles.json): cover section with the Latin symbol block,
 * body section with running header, page-number footer, heading, venue line,
 * seven numbered paragraphs, the third with four continuation paragraphs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, DocumentModel, ListItemNode, ParagraphStyle } from '../../../src/model/index.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface AnnexData {
  readonly lang: string;
  readonly symbol: string;
  readonly annex: string;
  readonly organization: string;
  readonly documentType: string;
  readonly title: string;
  readonly venue: string;
  readonly date: string;
  readonly paragraphs: readonly { readonly text: string; readonly continuation?: readonly string[] }[];
}

export function annexData(): AnnexData {
  return JSON.parse(readFileSync(join(ROOT, 'data', 'acm-2018-azer-rep-annex-v.json'), 'utf8')) as AnnexData;
}

/** The styles of templates/oic-annex/styles.json, as of this writing. */
export const ANNEX_STYLES: Readonly<Record<string, ParagraphStyle>> = {
  normal: { displayName: 'Normal', font: 'Amiri', size: 14, align: 'justify', lineHeight: 1.15, spaceAfter: 6, lang: 'ar', dir: 'rtl' },
  symbol: { displayName: 'Symbol', size: 12, bold: true, align: 'start', dir: 'ltr', lang: 'en', spaceAfter: 0 },
  organization: { displayName: 'Organization', size: 16, bold: true, align: 'center', spaceBefore: 48, spaceAfter: 24 },
  documentType: { displayName: 'Document type', size: 22, bold: true, align: 'center', spaceBefore: 24, spaceAfter: 18 },
  title: { displayName: 'Title', size: 16, bold: true, align: 'center', spaceAfter: 18 },
  venue: { displayName: 'Venue', align: 'center', spaceAfter: 12 },
  heading: { displayName: 'Heading', size: 16, bold: true, align: 'center', spaceBefore: 0, spaceAfter: 12 },
  numbered: { displayName: 'Numbered paragraph', align: 'justify', numberFormat: '%1-', numberWidth: 28, spaceAfter: 8 },
  continuation: { displayName: 'Continuation', align: 'justify', indentStart: 28, spaceAfter: 8 },
  header: { displayName: 'Header', size: 9, align: 'end', dir: 'ltr', lang: 'en', spaceAfter: 0 },
  footer: { displayName: 'Footer', size: 10, align: 'center', spaceAfter: 0 },
};

const FILE = 'data/acm-2018-azer-rep-annex-v.json';
const src = (pointer: string) => ({ file: FILE, pointer });
const data = (value: string, pointer: string) =>
  ({ type: 'data', source: src(pointer), children: [{ type: 'text', value }] }) as const;

export const VENUE_DATE = '24 سبتمبر 2018';

export function annexModel(d: AnnexData = annexData()): DocumentModel {
  const venueLine = (): Block => ({
    type: 'paragraph',
    style: 'venue',
    children: [data(d.venue, '/venue'), { type: 'text', value: '، ' }, data(VENUE_DATE, '/date')],
  });
  const items: ListItemNode[] = d.paragraphs.map((p, i) => ({
    type: 'listItem',
    list: 'main',
    number: i + 1,
    style: 'numbered',
    source: src(`/paragraphs/${i}`),
    children: [
      { type: 'paragraph', children: [data(p.text, `/paragraphs/${i}/text`)] },
      ...(p.continuation ?? []).map((c, j) => ({
        type: 'paragraph' as const,
        style: 'continuation',
        children: [data(c, `/paragraphs/${i}/continuation/${j}`)],
      })),
    ],
  }));
  return {
    meta: {
      title: `${d.documentType} ${d.title}`,
      subject: `${d.venue}، ${VENUE_DATE}`,
      author: d.organization,
      keywords: [d.symbol],
      date: d.date,
      lang: d.lang,
      dir: 'rtl',
    },
    page: {
      width: 595.28,
      height: 841.89,
      margins: { top: 70.87, right: 70.87, bottom: 70.87, left: 70.87 },
      headerDistance: 35.43,
      footerDistance: 35.43,
    },
    styles: ANNEX_STYLES,
    sections: [
      {
        name: 'cover',
        blocks: [
          { type: 'paragraph', style: 'symbol', children: [data(d.symbol, '/symbol')] },
          { type: 'paragraph', style: 'symbol', children: [data(d.annex, '/annex')] },
          { type: 'paragraph', style: 'organization', children: [data(d.organization, '/organization')] },
          { type: 'paragraph', style: 'documentType', children: [data(d.documentType, '/documentType')] },
          { type: 'paragraph', style: 'title', children: [data(d.title, '/title')] },
          venueLine(),
        ],
      },
      {
        name: 'body',
        header: [{ type: 'paragraph', style: 'header', children: [data(d.symbol, '/symbol')] }],
        footer: [{ type: 'paragraph', style: 'footer', children: [{ type: 'field', name: 'page' }] }],
        blocks: [
          {
            type: 'heading',
            level: 1,
            style: 'heading',
            children: [data(d.documentType, '/documentType'), { type: 'text', value: ' ' }, data(d.title, '/title')],
          },
          venueLine(),
          ...items,
        ],
      },
    ],
  };
}
