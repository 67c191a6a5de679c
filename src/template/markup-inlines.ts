/**
 * Inline content of the markup: the mutable tree the parser builds, template
 * whitespace collapsing, and the frozen model inlines. Data text is never
 * touched, except that a newline in it becomes a line break.
 */
import type { DataNode, Dir, Inline } from '../model/index.js';
import type { DataValue } from './data-helper.js';

/** A footnote as the parser builds it: its text, and the words of the paragraph its marker follows (`<after>`). */
export interface MNote { kind: 'note'; children: MInline[]; after?: DataValue }

export type MInline =
  | { kind: 'text'; value: string }
  /** `notes`: footnotes whose marker falls inside this value's text, at a UTF-16 offset (see placeNotes). */
  | { kind: 'data'; value: DataValue; notes?: { at: number; note: MNote }[] }
  | MNote
  | { kind: 'after'; value: DataValue }
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
      if (n.kind === 'note') {
        normalize(n.children); // a note's text is a paragraph of its own; its marker is no leaf of this one
        continue;
      }
      if (n.kind === 'after') continue;
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
          children: dataText(n.value.text, n.notes ?? [], dataFile),
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
      case 'note':
        out.push({ type: 'footnote', children: freezeInlines(n.children, dataFile) });
        break;
      case 'after':
        break;
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
function dataText(text: string, notes: readonly { at: number; note: MNote }[], dataFile: string): Inline[] {
  const out: Inline[] = [];
  let from = 0;
  const piece = (to: number): void => {
    text.slice(from, to).split(/\r?\n/).forEach((part, i) => {
      if (i > 0) out.push({ type: 'lineBreak' });
      if (part !== '') out.push({ type: 'text', value: part });
    });
    from = to;
  };
  for (const n of [...notes].sort((a, b) => a.at - b.at)) {
    piece(n.at);
    out.push({ type: 'footnote', children: freezeInlines(n.note.children, dataFile) });
  }
  piece(text.length);
  return out;
}

/**
 * Moves each footnote whose data names the words its marker follows
 * (`<note><after>{{after}}</after>{{text}}</note>`) to just after the first
 * occurrence of those words in the text before it, in the same paragraph:
 * template text is split there, a data value keeps its text whole and
 * carries the note at an offset. A note without `<after>` stays where the
 * template put it. Returns the notes whose words were not found.
 */
export function placeNotes(inlines: MInline[]): MNote[] {
  const missing: MNote[] = [];
  // Leaves before the note being placed, in reading order, with the list that holds them.
  const seen: { list: MInline[]; node: MInline }[] = [];
  const walk = (list: MInline[]): void => {
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      if (n.kind === 'text' || n.kind === 'data') seen.push({ list, node: n });
      else if (n.kind === 'strong' || n.kind === 'emphasis' || n.kind === 'span') walk(n.children);
      else if (n.kind === 'note' && n.after !== undefined) {
        const words = n.after.text;
        const hit = words === '' ? undefined : seen.find((l) => (l.node.kind === 'text' ? l.node.value : l.node.kind === 'data' ? l.node.value.text : '').includes(words));
        if (!hit) {
          missing.push(n);
          continue;
        }
        list.splice(i--, 1);
        const at = (hit.node.kind === 'text' ? hit.node.value : (hit.node as { value: DataValue }).value.text).indexOf(words) + words.length;
        if (hit.node.kind === 'data') (hit.node.notes ??= []).push({ at, note: n });
        else if (hit.node.kind === 'text') {
          const k = hit.list.indexOf(hit.node);
          const rest: MInline = { kind: 'text', value: hit.node.value.slice(at) };
          hit.node.value = hit.node.value.slice(0, at);
          hit.list.splice(k + 1, 0, n, rest);
          if (hit.list === list && k < i) i += 2;
          seen.push({ list: hit.list, node: rest });
        }
      }
    }
  };
  walk(inlines);
  return missing;
}

