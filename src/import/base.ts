/**
 * The merge base inside the draft: an unbound custom XML part
 * (`customXml/itemN.xml`, no data binding — LibreOffice keeps such a part,
 * and nothing in Word reads it) holding the data file the draft was made
 * from (base64, with its SHA-256), the template's name and hash, the
 * generator's version, every marker (tag, pointer, occurrence, id, bookmark,
 * name, whether derived, the text printed) and every paragraph's shape (the
 * template's text between fields), so that `import` can tell an edit of a
 * field from text typed outside one. Written from the package's own XML, in
 * document order: deterministic bytes.
 */
import { xmlAttribute } from '../xml.js';
import { createHash } from 'node:crypto';
import { parseTag } from '../backends/docx/marking.js';
import { at } from '../template/validate.js';
import { readParagraphs } from './paragraphs.js';
import { resolver, shapeOf } from './shape.js';
import { descendants, elements, parseXml, textOf } from './xml.js';
import type { XElement } from './xml.js';

export const BASE_NS = 'urn:oic-docs:draft-base:1';

export interface BaseInfo {
  readonly sourceName: string;
  readonly sourceData: Uint8Array;
  readonly template: { readonly name: string; readonly sha256: string };
  readonly generator: { readonly name: string; readonly version: string; readonly build: string };
}

export interface BaseMarker {
  readonly tag: string;
  readonly pointer: string;
  readonly occurrence: number;
  readonly id: string;
  readonly bookmark: string;
  readonly label: string;
  readonly derived: boolean;
  /** The printed text is the data value itself (a string): an edit of it can go back into the data. */
  readonly exact: boolean;
  readonly part: string;
  readonly paragraph: number;
  readonly text: string;
}

export interface BaseParagraph {
  readonly part: string;
  readonly index: number;
  readonly literals: readonly string[];
  readonly tags: readonly string[];
}

export interface DraftBase extends BaseInfo {
  readonly sha256: string;
  readonly markers: readonly BaseMarker[];
  readonly paragraphs: readonly BaseParagraph[];
}

/** A line break in data prints as a Word line break, read back as "\n" (a Windows "\r\n" too). */
export const newlines = (s: string): string => s.replace(/\r\n?/g, '\n');

const esc = xmlAttribute;

/** The Word parts that can hold fields, in a fixed order (footnotes: their text comes from the data too). */
export function contentParts(names: Iterable<string>): string[] {
  const all = [...names];
  const hf = all.filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n)).sort();
  return [...(all.includes('word/document.xml') ? ['word/document.xml'] : []), ...hf, ...(all.includes('word/footnotes.xml') ? ['word/footnotes.xml'] : [])];
}

function sdtInfo(root: XElement): Map<string, { id: string; alias: string; lock: string }> {
  const out = new Map<string, { id: string; alias: string; lock: string }>();
  for (const sdt of descendants(root, 'w:sdt')) {
    const pr = elements(sdt, 'w:sdtPr')[0];
    if (!pr) continue;
    const v = (n: string): string => elements(pr, n)[0]?.attrs.get('w:val') ?? '';
    const tag = v('w:tag');
    if (parseTag(tag) && !out.has(tag)) out.set(tag, { id: v('w:id'), alias: v('w:alias'), lock: v('w:lock') });
  }
  return out;
}

/** Reads the markers and paragraph shapes of a freshly built package. */
function survey(files: ReadonlyMap<string, Uint8Array>, data: unknown): { markers: BaseMarker[]; paragraphs: BaseParagraph[] } {
  const markers: BaseMarker[] = [];
  const paragraphs: BaseParagraph[] = [];
  for (const part of contentParts(files.keys())) {
    const root = parseXml(new TextDecoder().decode(files.get(part)!));
    const info = sdtInfo(root);
    const resolve = resolver(new Set(info.keys()), new Map());
    for (const p of readParagraphs(root, part)) {
      const shape = shapeOf([p], resolve);
      paragraphs.push({ part, index: p.index, literals: shape.literals, tags: shape.fields.map((f) => f.tag) });
      for (const f of shape.fields) {
        const t = parseTag(f.tag)!;
        const i = info.get(f.tag)!;
        const derived = i.lock === 'sdtContentLocked' || i.lock === 'contentLocked';
        const value = at(data, t.pointer);
        const bm = p.segments.find((s) => s.tag === f.tag && s.bookmarks.length > 0)?.bookmarks;
        markers.push({
          tag: f.tag, pointer: t.pointer, occurrence: t.occurrence, id: i.id, bookmark: bm?.[bm.length - 1] ?? '', label: i.alias,
          derived, exact: !derived && typeof value === 'string' && newlines(value) === f.text && f.objects.length === 0, part, paragraph: p.index, text: f.text,
        });
      }
    }
  }
  return { markers, paragraphs };
}

/** The custom XML part's text. */
export function draftBaseXml(files: ReadonlyMap<string, Uint8Array>, info: BaseInfo): string {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(info.sourceData).replace(/^\uFEFF/, ''));
  } catch {
    data = undefined;
  }
  const { markers, paragraphs } = survey(files, data);
  const sha = createHash('sha256').update(info.sourceData).digest('hex');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<draft-base xmlns="${BASE_NS}">`,
    `<generator name="${esc(info.generator.name)}" version="${esc(info.generator.version)}" build="${esc(info.generator.build)}"/>`,
    `<template name="${esc(info.template.name)}" sha256="${esc(info.template.sha256)}"/>`,
    `<source name="${esc(info.sourceName)}" sha256="${sha}" encoding="base64">${Buffer.from(info.sourceData).toString('base64')}</source>`,
  ];
  for (const m of markers) {
    lines.push(
      `<marker tag="${esc(m.tag)}" pointer="${esc(m.pointer)}" occurrence="${m.occurrence}" id="${esc(m.id)}" bookmark="${esc(m.bookmark)}" ` +
        `label="${esc(m.label)}" derived="${m.derived}" exact="${m.exact}" part="${esc(m.part)}" paragraph="${m.paragraph}">${esc(m.text)}</marker>`,
    );
  }
  for (const p of paragraphs) {
    const inner = p.literals.map((l, i) => `<lit>${esc(l)}</lit>${i < p.tags.length ? `<ref tag="${esc(p.tags[i]!)}"/>` : ''}`).join('');
    lines.push(`<p part="${esc(p.part)}" index="${p.index}">${inner}</p>`);
  }
  lines.push('</draft-base>');
  return lines.join('\n');
}

const ITEM_PROPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/customXml';
const REL_CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
const REL_CUSTOM_PROPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps';
const PROPS_TYPE = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';

/** Adds the merge base to the package's parts (in place). */
export function addDraftBase(files: Map<string, Uint8Array>, info: BaseInfo): void {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const dec = (name: string): string | undefined => (files.has(name) ? new TextDecoder().decode(files.get(name)!) : undefined);
  let n = 1;
  while (files.has(`customXml/item${n}.xml`)) n++;
  const xml = draftBaseXml(files, info);
  const guid = createHash('sha256').update(xml).digest('hex').toUpperCase();
  const itemId = `{${guid.slice(0, 8)}-${guid.slice(8, 12)}-${guid.slice(12, 16)}-${guid.slice(16, 20)}-${guid.slice(20, 32)}}`;
  files.set(`customXml/item${n}.xml`, enc(xml));
  files.set(`customXml/itemProps${n}.xml`, enc(
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' +
      `<ds:datastoreItem ds:itemID="${itemId}" xmlns:ds="${ITEM_PROPS_NS}"><ds:schemaRefs><ds:schemaRef ds:uri="${BASE_NS}"/></ds:schemaRefs></ds:datastoreItem>`,
  ));
  files.set(`customXml/_rels/item${n}.xml.rels`, enc(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_CUSTOM_PROPS}" Target="itemProps${n}.xml"/></Relationships>`,
  ));
  const rels = dec('word/_rels/document.xml.rels');
  if (rels !== undefined) {
    files.set('word/_rels/document.xml.rels', enc(rels.replace('</Relationships>', `<Relationship Id="rIdDraftBase${n}" Type="${REL_CUSTOM_XML}" Target="../customXml/item${n}.xml"/></Relationships>`)));
  }
  const types = dec('[Content_Types].xml');
  if (types !== undefined) {
    let t = types;
    if (!/<Default Extension="xml"/.test(t)) t = t.replace('</Types>', '<Default Extension="xml" ContentType="application/xml"/></Types>');
    t = t.replace('</Types>', `<Override PartName="/customXml/itemProps${n}.xml" ContentType="${PROPS_TYPE}"/></Types>`);
    files.set('[Content_Types].xml', enc(t));
  }
}

/** Finds and reads the merge base of a draft; undefined when it has none. Throws Error when it is damaged. */
export function readDraftBase(files: ReadonlyMap<string, Uint8Array>): DraftBase | undefined {
  for (const name of [...files.keys()].filter((n) => /^customXml\/[^/]+\.xml$/.test(n)).sort()) {
    const text = new TextDecoder().decode(files.get(name)!);
    if (!text.includes(BASE_NS)) continue;
    const root = parseXml(text);
    if (root.name !== `{${BASE_NS}}draft-base`) continue;
    const el = (local: string): XElement[] => elements(root, `{${BASE_NS}}${local}`);
    const a = (e: XElement | undefined, k: string): string => e?.attrs.get(k) ?? '';
    const source = el('source')[0];
    const sourceData = new Uint8Array(Buffer.from(textOf(source ?? root).trim(), 'base64'));
    const sha256 = createHash('sha256').update(sourceData).digest('hex');
    if (!source || sha256 !== a(source, 'sha256')) throw new Error('the data embedded in the draft does not match its SHA-256');
    const gen = el('generator')[0];
    const tpl = el('template')[0];
    const markers = el('marker').map((m): BaseMarker => ({
      tag: a(m, 'tag'), pointer: a(m, 'pointer'), occurrence: Number(a(m, 'occurrence')), id: a(m, 'id'), bookmark: a(m, 'bookmark'),
      label: a(m, 'label'), derived: a(m, 'derived') === 'true', exact: a(m, 'exact') === 'true', part: a(m, 'part'),
      paragraph: Number(a(m, 'paragraph')), text: textOf(m),
    }));
    const paragraphs = el('p').map((p): BaseParagraph => ({
      part: a(p, 'part'), index: Number(a(p, 'index')),
      literals: elements(p, `{${BASE_NS}}lit`).map(textOf), tags: elements(p, `{${BASE_NS}}ref`).map((r) => a(r, 'tag')),
    }));
    return {
      sourceName: a(source, 'name'), sourceData, sha256,
      template: { name: a(tpl, 'name'), sha256: a(tpl, 'sha256') },
      generator: { name: a(gen, 'name'), version: a(gen, 'version'), build: a(gen, 'build') },
      markers, paragraphs,
    };
  }
  return undefined;
}
