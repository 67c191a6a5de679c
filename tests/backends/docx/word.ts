/**
 * What Word makes of a paragraph or run: its own properties, then its
 * paragraph style's chain (basedOn), then the document defaults — so the
 * tests check what an editor sees, not where the property happens to be written.
 */
import JSZip from 'jszip';
import { child, childrenNamed, descendants, parseXml } from './xml.js';
import type { XElement } from './xml.js';

export async function unzipDocx(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  const names: string[] = [];
  zip.forEach((path, entry) => {
    if (!entry.dir) names.push(path);
  });
  for (const n of names) out.set(n, await zip.file(n)!.async('uint8array'));
  return out;
}

export function xmlPart(parts: Map<string, Uint8Array>, name: string): XElement {
  const data = parts.get(name);
  if (!data) throw new Error(`no part ${name}`);
  return parseXml(new TextDecoder().decode(data));
}

/** ST_OnOff: present without w:val, or with true/1/on. */
export function onOff(el: XElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = el.attrs['w:val'];
  return v === undefined || v === 'true' || v === '1' || v === 'on';
}

export class WordStyles {
  private readonly byId = new Map<string, XElement>();
  readonly defaultParagraphStyle: string | undefined;
  private readonly rPrDefault: XElement | undefined;
  private readonly pPrDefault: XElement | undefined;

  constructor(readonly styles: XElement) {
    let def: string | undefined;
    for (const s of childrenNamed(styles, 'w:style')) {
      const id = s.attrs['w:styleId']!;
      this.byId.set(id, s);
      const d = s.attrs['w:default'];
      if (s.attrs['w:type'] === 'paragraph' && (d === '1' || d === 'true' || d === 'on')) def = id;
    }
    this.defaultParagraphStyle = def;
    const dd = child(styles, 'w:docDefaults');
    this.rPrDefault = child(child(dd, 'w:rPrDefault'), 'w:rPr');
    this.pPrDefault = child(child(dd, 'w:pPrDefault'), 'w:pPr');
  }

  style(id: string): XElement | undefined {
    return this.byId.get(id);
  }

  /** The style and the styles it is based on, nearest first. */
  chain(id: string | undefined): XElement[] {
    const out: XElement[] = [];
    const seen = new Set<string>();
    let cur = id ?? this.defaultParagraphStyle;
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      const s = this.byId.get(cur);
      if (!s) break;
      out.push(s);
      cur = child(s, 'w:basedOn')?.attrs['w:val'];
    }
    return out;
  }

  paragraphStyleId(p: XElement): string | undefined {
    return child(child(p, 'w:pPr'), 'w:pStyle')?.attrs['w:val'] ?? this.defaultParagraphStyle;
  }

  /** A paragraph property as Word resolves it (direct, style chain, defaults). */
  paragraphProp(p: XElement, name: string): XElement | undefined {
    const direct = child(child(p, 'w:pPr'), name);
    if (direct) return direct;
    for (const s of this.chain(this.paragraphStyleId(p))) {
      const v = child(child(s, 'w:pPr'), name);
      if (v) return v;
    }
    return child(this.pPrDefault, name);
  }

  /** A run property as Word resolves it (direct, paragraph style chain, defaults). */
  runProp(p: XElement, r: XElement, name: string): XElement | undefined {
    const direct = child(child(r, 'w:rPr'), name);
    if (direct) return direct;
    for (const s of this.chain(this.paragraphStyleId(p))) {
      const v = child(child(s, 'w:rPr'), name);
      if (v) return v;
    }
    return child(this.rPrDefault, name);
  }

  /** The runs of a paragraph (also those inside fields, hyperlinks ...). */
  static runs(p: XElement): XElement[] {
    return descendants(p, 'w:r');
  }
}
