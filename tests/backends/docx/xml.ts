/**
 * XML as trees for the DOCX tests: parse (saxes), pretty-print, compare.
 * Whitespace-only text is insignificant and dropped, except inside elements
 * that keep it (`xml:space="preserve"`, `w:t`, `w:instrText`).
 */
import { SaxesParser } from 'saxes';

export interface XElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XNode[];
}
export type XNode = XElement | string;

const KEEPS_SPACE = new Set(['w:t', 'w:instrText', 'w:delText']);

export function parseXml(xml: string): XElement {
  const parser = new SaxesParser();
  type Open = { name: string; attrs: Record<string, string>; children: XNode[] };
  const stack: Open[] = [];
  let root: XElement | undefined;
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const k of Object.keys(tag.attributes).sort()) attrs[k] = String(tag.attributes[k]);
    stack.push({ name: tag.name, attrs, children: [] });
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    const keeps = KEEPS_SPACE.has(top.name) || top.attrs['xml:space'] === 'preserve';
    if (!keeps && text.trim() === '') return;
    const last = top.children[top.children.length - 1];
    if (typeof last === 'string') top.children[top.children.length - 1] = last + text;
    else top.children.push(text);
  });
  parser.on('closetag', () => {
    const done = stack.pop()!;
    const el: XElement = { name: done.name, attrs: done.attrs, children: done.children };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

function esc(s: string, attr: boolean): string {
  let out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attr) out = out.replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
  return out;
}

/** Pretty-printed XML, two-space indent; text-only elements on one line. */
export function prettyXml(el: XElement, indent = ''): string {
  const attrs = Object.entries(el.attrs)
    .map(([k, v]) => ` ${k}="${esc(v, true)}"`)
    .join('');
  if (el.children.length === 0) return `${indent}<${el.name}${attrs}/>`;
  if (el.children.every((c) => typeof c === 'string')) {
    return `${indent}<${el.name}${attrs}>${esc((el.children as string[]).join(''), false)}</${el.name}>`;
  }
  const inner = el.children
    .map((c) => (typeof c === 'string' ? `${indent}  ${esc(c, false)}` : prettyXml(c, `${indent}  `)))
    .join('\n');
  return `${indent}<${el.name}${attrs}>\n${inner}\n${indent}</${el.name}>`;
}

export function prettyDocument(el: XElement): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${prettyXml(el)}\n`;
}

// ------------------------------------------------------------------ queries

export function elements(node: XElement): XElement[] {
  return node.children.filter((c): c is XElement => typeof c !== 'string');
}

export function child(node: XElement | undefined, name: string): XElement | undefined {
  return node ? elements(node).find((c) => c.name === name) : undefined;
}

export function childrenNamed(node: XElement | undefined, name: string): XElement[] {
  return node ? elements(node).filter((c) => c.name === name) : [];
}

/** Every descendant element with that name, in document order. */
export function descendants(node: XElement, name: string): XElement[] {
  const out: XElement[] = [];
  const walk = (n: XElement): void => {
    for (const c of elements(n)) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function textOf(node: XElement): string {
  return node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** The text of a paragraph (`w:t` of its runs, in order). */
export function paragraphText(p: XElement): string {
  return descendants(p, 'w:t').map(textOf).join('');
}
