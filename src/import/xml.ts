/**
 * A small XML tree from saxes, with names normalised by namespace (not by the
 * prefix a producer happened to use): WordprocessingML elements are always
 * `w:…`, whatever prefix Word or LibreOffice declared.
 */
import { SaxesParser } from 'saxes';

export interface XElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: XNode[];
}
export type XNode = XElement | string;

const PREFIXES: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

function qualified(uri: string, local: string): string {
  if (uri === '') return local;
  const p = PREFIXES[uri];
  return p === undefined ? `{${uri}}${local}` : `${p}:${local}`;
}

/** Parses XML text into a tree. Throws Error with saxes' message on malformed XML. */
export function parseXml(text: string): XElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XElement = { name: '#root', attrs: new Map(), children: [] };
  const stack: XElement[] = [root];
  parser.on('opentag', (tag) => {
    const attrs = new Map<string, string>();
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs.set(qualified(a.uri, a.local), a.value);
    }
    const el: XElement = { name: qualified(tag.uri, tag.local), attrs, children: [] };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (t: string): void => {
    const top = stack[stack.length - 1]!;
    const last = top.children[top.children.length - 1];
    if (typeof last === 'string') top.children[top.children.length - 1] = last + t;
    else top.children.push(t);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(text).close();
  const doc = root.children.find((c): c is XElement => typeof c !== 'string');
  if (!doc) throw new Error('no root element');
  return doc;
}

export function elements(el: XElement, name?: string): XElement[] {
  return el.children.filter((c): c is XElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function textOf(el: XElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** Every descendant element of that name, in document order. */
export function descendants(el: XElement, name: string): XElement[] {
  const out: XElement[] = [];
  const walk = (e: XElement): void => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
