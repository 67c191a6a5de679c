/** Which data text becomes a link, and to what (src/resolve/links.ts), and where the resolve stage puts links. */
import { describe, expect, it } from 'vitest';
import { findLinks } from '../../src/resolve/links.js';
import { resolveDocument, type RInline } from '../../src/resolve/index.js';
import type { DocumentModel, Inline } from '../../src/model/index.js';

const linked = (text: string): [string, string][] => findLinks(text).map((l) => [text.slice(l.start, l.end), l.target]);

describe('findLinks', () => {
  it('links web addresses with their scheme, www. addresses as https:, e-mail addresses as mailto:', () => {
    expect(linked('الموقع https://www.oic-oci.org/home/?lan=ar والبريد info@oic-oci.org')).toEqual([
      ['https://www.oic-oci.org/home/?lan=ar', 'https://www.oic-oci.org/home/?lan=ar'],
      ['info@oic-oci.org', 'mailto:info@oic-oci.org'],
    ]);
    expect(linked('see www.comstech.org.')).toEqual([['www.comstech.org', 'https://www.comstech.org']]);
    expect(linked('http://example.org')).toEqual([['http://example.org', 'http://example.org']]);
  });

  it('leaves punctuation that ends a sentence or closes a bracket out of the link', () => {
    expect(linked('(https://x.example.org/a).')).toEqual([['https://x.example.org/a', 'https://x.example.org/a']]);
    expect(linked('راسلونا على a@b.org، أو https://b.org؛')).toEqual([['a@b.org', 'mailto:a@b.org'], ['https://b.org', 'https://b.org']]);
    expect(linked('"https://q.example.com/x?y=1"')).toEqual([['https://q.example.com/x?y=1', 'https://q.example.com/x?y=1']]);
  });

  it('never links another scheme, a phone number or a bare word with @', () => {
    expect(findLinks('javascript:alert(1) ftp://files.example.org file:///etc/passwd data:text/html,x +92-51-9220681 @handle x@y')).toEqual([]);
  });

  it('keeps invisible characters pasted from Word in the text, not in the target', () => {
    const text = 'a.b\u200b@example.org';
    expect(linked(text)).toEqual([[text, 'mailto:a.b@example.org']]);
    const url = 'https://example.org/a\u200bb';
    expect(linked(url)).toEqual([[url, 'https://example.org/ab']]);
  });

  it('takes an address inside a URL as part of the URL', () => {
    expect(linked('https://lists.example.org/u/a@b.org')).toEqual([['https://lists.example.org/u/a@b.org', 'https://lists.example.org/u/a@b.org']]);
  });
});

function doc(children: Inline[]): DocumentModel {
  return {
    meta: { title: 't', date: '2020-01-01', lang: 'ar', dir: 'rtl' },
    page: { width: 500, height: 700, margins: { top: 50, right: 50, bottom: 50, left: 50 } },
    styles: { normal: { font: 'Amiri', size: 12 } },
    sections: [{ name: 's', blocks: [{ type: 'paragraph', children }] }],
  };
}
const texts = (nodes: readonly RInline[]): { text: string; link?: string }[] =>
  nodes.flatMap((n) => (n.kind === 'text' ? [{ text: n.text, ...(n.link ? { link: n.link } : {}) }] : n.kind === 'isolate' ? texts(n.children) : []));

describe('resolve stage', () => {
  it('links addresses in data text only; template text stays text', () => {
    const r = resolveDocument(doc([
      { type: 'text', value: 'template https://t.example.org ' },
      { type: 'data', source: { file: 'd.json', pointer: '/c' }, children: [{ type: 'text', value: 'اكتبوا إلى a@b.org اليوم' }] },
    ]));
    const p = r.sections[0]!.blocks[0]!;
    expect(p.kind).toBe('paragraph');
    expect(texts(p.kind === 'paragraph' ? p.inlines : [])).toEqual([
      { text: 'template https://t.example.org ' },
      { text: 'اكتبوا إلى ' },
      { text: 'a@b.org', link: 'mailto:a@b.org' },
      { text: ' اليوم' },
    ]);
  });
});
