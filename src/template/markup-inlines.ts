/**
 * Inline content of the markup: the mutable tree the parser builds, template
 * whitespace collapsing, and the frozen model inlines. Data text is never
 * touched, except that a newline in it becomes a line break.
 */
import type { DataNode, Dir, Inline } from '../model/index.js';
import type { DataValue } from './data-helper.js';

export type MInline =
  | { kind: 'text'; value: string }
  | { kind: 'data'; value: DataValue }
  | { kind: 'strong' | 'emphasis'; children: MInline[] }
  | { kind: 'span'; children: MInline[]; dir?: Dir; lang?: string }
  | { kind: 'br' }
  | { kind: 'field'; name: 'page' | 'pageCount' };

export function isXmlSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function collapse(s: string): string {
  let out = '';
  let space = false;
  for (const ch of s) {
    if (isXmlSpace(ch)) space = true;
    else {
      if (space) out += ' ';
      space = false;
      out += ch;
    }
  }
  if (space) out += ' ';
  return out;
}

/** Normalizes template whitespace in a paragraph's inlines (data untouched). */
export function normalize(inlines: MInline[]): MInline[] {
  // Leaves in reading order; template text collapsed.
  const leaves: MInline[] = [];
  const collect = (list: MInline[]): void => {
    for (const n of list) {
      if (n.kind === 'text') n.value = collapse(n.value);
      if (n.kind === 'strong' || n.kind === 'emphasis' || n.kind === 'span') collect(n.children);
      else if (n.kind !== 'data' || n.value.text !== '') leaves.push(n); // an empty value prints nothing
    }
  };
  collect(inlines);
  // Drop a space at the paragraph start, after a line break, or after another space.
  let prevSpace = true; // start of paragraph counts as a break
  for (const n of leaves) {
    if (n.kind === 'text') {
      if (prevSpace && n.value.startsWith(' ')) n.value = n.value.slice(1);
      if (n.value !== '') prevSpace = n.value.endsWith(' ');
    } else prevSpace = n.kind === 'br';
  }
  // Drop a space at the paragraph end or before a line break.
  let nextBreak = true;
  for (let i = leaves.length - 1; i >= 0; i--) {
    const n = leaves[i]!;
    if (n.kind === 'text') {
      if (nextBreak && n.value.endsWith(' ')) n.value = n.value.slice(0, -1);
      if (n.value !== '') nextBreak = false;
    } else nextBreak = n.kind === 'br';
  }
  return inlines;
}

export function freezeInlines(list: readonly MInline[], dataFile: string): Inline[] {
  const out: Inline[] = [];
  for (const n of list) {
    switch (n.kind) {
      case 'text': {
        if (n.value === '') break;
        const prev = out[out.length - 1];
        if (prev?.type === 'text') out[out.length - 1] = { type: 'text', value: prev.value + n.value };
        else out.push({ type: 'text', value: n.value });
        break;
      }
      case 'data': {
        if (n.value.text === '') break;
        const node: DataNode = {
          type: 'data',
          children: dataText(n.value.text),
          source: n.value.pointer === undefined ? { file: dataFile } : { file: dataFile, pointer: n.value.pointer },
          ...(n.value.derived ? { derived: true } : {}),
        };
        out.push(node);
        break;
      }
      case 'span': {
        const children = freezeInlines(n.children, dataFile);
        if (children.length) out.push({ type: 'span', children, ...(n.dir !== undefined ? { dir: n.dir } : {}), ...(n.lang !== undefined ? { lang: n.lang } : {}) });
        break;
      }
      case 'strong': case 'emphasis': {
        const children = freezeInlines(n.children, dataFile);
        if (children.length) out.push({ type: n.kind, children });
        break;
      }
      case 'br':
        out.push({ type: 'lineBreak' });
        break;
      case 'field':
        out.push({ type: 'field', name: n.name });
        break;
    }
  }
  return out;
}

/**
 * A data value's text as inlines: a newline typed in the data (a JSON
 * editor stores one for a pasted multi-line text; `\r\n` from Windows
 * counts as one) is a line break inside the paragraph, in every output.
 */
function dataText(text: string): Inline[] {
  const out: Inline[] = [];
  text.split(/\r?\n/).forEach((part, i) => {
    if (i > 0) out.push({ type: 'lineBreak' });
    if (part !== '') out.push({ type: 'text', value: part });
  });
  return out;
}

