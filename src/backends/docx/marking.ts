/**
 * Marking data fields in the Word draft, so that `import` can find them again.
 *
 * Each occurrence of a data field is an inline rich-text content control:
 *
 *   <w:sdt>
 *     <w:sdtPr><w:alias w:val="Title"/><w:tag w:val="/title#0"/><w:id w:val="1001"/><w:lock w:val="sdtLocked"/></w:sdtPr>
 *     <w:sdtContent><w:bookmarkStart w:id="1001" w:name="_F…"/> runs <w:bookmarkEnd w:id="1001"/></w:sdtContent>
 *   </w:sdt>
 *
 * - the tag is the field's JSON pointer and its occurrence (a field printed
 *   twice, like a title on the cover and in the heading, has #0 and #1);
 * - `sdtLocked` stops the control being deleted while its text stays editable;
 *   derived text (a formatted date, a running header) is `sdtContentLocked`
 *   (neither deletable nor editable);
 * - no `w:temporary` (Word removes such a control on the first edit), no data
 *   binding, no plain-text control (LibreOffice 7.4 triples Arabic in those);
 * - the hidden bookmark inside is the fallback: LibreOffice drops the tag, the
 *   alias and the id of rich-text controls on save, but keeps bookmarks by name.
 *
 * Ids are deterministic: the registry numbers controls in the order the
 * converter meets them; without a registry, ids come from a hash of the tag.
 * The docx library's own bookmarks take ids from a process-wide counter, so
 * the bookmark here is written by hand.
 */
import { createHash } from 'node:crypto';
import { BuilderElement, ConcreteHyperlink, ExternalHyperlink, XmlComponent, uniqueId } from 'docx';
import type { IContext, IXmlableObject } from 'docx';
import type { ParagraphChild } from 'docx';

export interface FieldMark {
  /** JSON pointer of the field in the data file. */
  readonly pointer: string;
  /** 0 for the field's first printing in the document, 1 for the second, … */
  readonly occurrence: number;
  /** What the editor sees as the control's name, in the document's language. */
  readonly label: string;
  /** Derived text (a helper's result, a second printing in a running header): locked against editing. */
  readonly derived: boolean;
  /** The document's language (BCP 47). */
  readonly lang: string;
  /** A deterministic id for the control and its bookmark (the registry gives one); else from the tag. */
  readonly id?: number;
}

/** The tag of a marker: pointer and occurrence. */
export function markTag(pointer: string, occurrence: number): string {
  return `${pointer}#${occurrence}`;
}

/** A tag back as pointer and occurrence (undefined when it is not one of ours). */
export function parseTag(tag: string): { pointer: string; occurrence: number } | undefined {
  const m = /^(.*)#(\d{1,6})$/s.exec(tag);
  if (!m || (m[1] !== '' && !m[1]!.startsWith('/'))) return undefined;
  return { pointer: m[1]!, occurrence: Number(m[2]) };
}

/** The hidden bookmark's name: `_F` and 12 hex digits of the tag's hash (Word allows 40 characters). */
export function bookmarkName(tag: string): string {
  return `_F${createHash('sha256').update(tag).digest('hex').slice(0, 12)}`;
}

/** A 31-bit id from the tag, for marks made without a registry. */
function hashId(tag: string): number {
  return (parseInt(createHash('sha256').update(`id\0${tag}`).digest('hex').slice(0, 8), 16) % 0x3fffffff) + 0x10000;
}

const val = (name: string, value: string | number): XmlComponent =>
  new BuilderElement<{ val: string | number }>({ name, attributes: { val: { key: 'w:val', value } } });

/**
 * A content control's content. Word's hyperlinks inside it need what the
 * docx library does for a paragraph's own children (it only looks there): an
 * ExternalHyperlink becomes a w:hyperlink with its relationship, else the
 * link and its text would be written as an empty element and lost.
 */
class SdtContent extends XmlComponent {
  constructor(children: readonly XmlComponent[]) {
    super('w:sdtContent');
    this.root.push(...children);
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    this.root.forEach((child, i) => {
      if (!(child instanceof ExternalHyperlink)) return;
      const { link, children } = child.options;
      const hash = link.indexOf('#');
      const anchor = hash > 0 && hash < link.length - 1 ? link.slice(hash + 1) : undefined;
      const concrete = new ConcreteHyperlink(children, uniqueId(), anchor, link);
      context.viewWrapper.Relationships.addRelationship(concrete.linkId, 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink', anchor !== undefined ? link.slice(0, hash) : link, 'External');
      this.root[i] = concrete;
    });
    return super.prepForXml(context);
  }
}

/** The marker's XML: a content control holding a bookmark holding the runs. */
class FieldControl extends XmlComponent {
  constructor(mark: FieldMark, id: number, runs: readonly ParagraphChild[]) {
    super('w:sdt');
    const tag = markTag(mark.pointer, mark.occurrence);
    const pr = new BuilderElement({
      name: 'w:sdtPr',
      children: [val('w:alias', mark.label), val('w:tag', tag), val('w:id', id), val('w:lock', mark.derived ? 'sdtContentLocked' : 'sdtLocked')],
    });
    const content = new SdtContent([
      new BuilderElement<{ id: number; name: string }>({
        name: 'w:bookmarkStart',
        attributes: { id: { key: 'w:id', value: id }, name: { key: 'w:name', value: bookmarkName(tag) } },
      }),
      ...(runs as unknown as XmlComponent[]),
      new BuilderElement<{ id: number }>({ name: 'w:bookmarkEnd', attributes: { id: { key: 'w:id', value: id } } }),
    ]);
    this.root.push(pr, content);
  }
}

/** The runs of one field occurrence, wrapped in its marker. */
export function markField(mark: FieldMark, runs: ParagraphChild[]): ParagraphChild[] {
  const id = mark.id ?? hashId(markTag(mark.pointer, mark.occurrence));
  return [new FieldControl(mark, id, runs) as unknown as ParagraphChild];
}

export interface MarkerEntry {
  readonly tag: string;
  readonly pointer: string;
  readonly occurrence: number;
  readonly id: number;
  readonly bookmark: string;
  readonly label: string;
  readonly derived: boolean;
}

/**
 * Per document: occurrences counted per pointer and ids numbered in the order
 * fields are met, so the same model always gives the same markers.
 */
export class MarkRegistry {
  private readonly seen = new Map<string, number>();
  private readonly list: MarkerEntry[] = [];

  /** `names`: the fields' names by JSON key, in the document's language (DocumentMeta.fieldNames). */
  constructor(readonly lang: string, private readonly names: Readonly<Record<string, string>> = {}, private readonly firstId = 1000) {}

  /** Marks the next occurrence of the field at `pointer`. */
  mark(pointer: string, label: string, derived: boolean, runs: ParagraphChild[]): ParagraphChild[] {
    const occurrence = this.seen.get(pointer) ?? 0;
    this.seen.set(pointer, occurrence + 1);
    const id = this.firstId + this.list.length;
    const tag = markTag(pointer, occurrence);
    this.list.push({ tag, pointer, occurrence, id, bookmark: bookmarkName(tag), label, derived });
    return markField({ pointer, occurrence, label, derived, lang: this.lang, id }, runs);
  }

  /**
   * Marks a field occurrence the converter resolved (its occurrence counted
   * by the resolve stage); a field without a pointer is left as it is.
   */
  wrap(data: { readonly source: { readonly pointer?: string }; readonly derived: boolean; readonly occurrence: number }, runs: ParagraphChild[]): ParagraphChild[] {
    const pointer = data.source.pointer;
    if (pointer === undefined) return runs;
    const tag = markTag(pointer, data.occurrence);
    const id = this.firstId + this.list.length;
    const label = fieldLabel(pointer, this.names);
    this.seen.set(pointer, Math.max(this.seen.get(pointer) ?? 0, data.occurrence + 1));
    this.list.push({ tag, pointer, occurrence: data.occurrence, id, bookmark: bookmarkName(tag), label, derived: data.derived });
    return markField({ pointer, occurrence: data.occurrence, label, derived: data.derived, lang: this.lang, id }, runs);
  }

  /** Every marker made so far, in document order. */
  markers(): readonly MarkerEntry[] {
    return this.list;
  }
}

/**
 * A field's name for the editor, in the document's language: e.g.
 * `/paragraphs/2/continuation/0` → "الفقرة 3 – فقرة تكميلية 1" in Arabic.
 * Keys without a known name are shown as they are; list indexes count from 1.
 */
export function fieldLabel(pointer: string, names: Readonly<Record<string, string>>): string {
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const name = names[t] ?? t;
    if (next !== undefined && /^\d+$/.test(next)) {
      parts.push(`${name} ${Number(next) + 1}`);
      i++;
    } else if (!(t === 'text' && parts.length > 0)) parts.push(name);
  }
  return parts.join(' – ') || pointer;
}
