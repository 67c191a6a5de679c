/**
 * Stable relationship ids. The docx library names the relationships of
 * hyperlinks (and a few others) with random ids, so the same document would
 * give different bytes on every build. Every id of a part's relationships
 * that is not already `rId<number>` is renamed `rIdL<n>`, in the order the
 * relationships file lists them, in the `.rels` file and in its part.
 */
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** `word/_rels/document.xml.rels` → `word/document.xml`. */
function partOf(rels: string): string {
  return rels.replace(/_rels\/([^/]+)\.rels$/, '$1');
}

export function stableRelationshipIds(files: Map<string, Uint8Array>): void {
  for (const [name, bytes] of [...files.entries()]) {
    if (!name.endsWith('.rels')) continue;
    const part = partOf(name);
    const partBytes = files.get(part);
    let rels = decoder.decode(bytes);
    const renames = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"/g)) {
      const id = m[1]!;
      if (!/^rId\d+$/.test(id) && !renames.has(id)) renames.set(id, `rIdL${renames.size + 1}`);
    }
    if (renames.size === 0) continue;
    rels = rels.replace(/\bId="([^"]+)"/g, (all, id: string) => (renames.has(id) ? `Id="${renames.get(id)!}"` : all));
    files.set(name, encoder.encode(rels));
    if (partBytes) {
      const xml = decoder.decode(partBytes).replace(/\b(r:id|r:embed|r:link)="([^"]+)"/g, (all, attr: string, id: string) =>
        renames.has(id) ? `${attr}="${renames.get(id)!}"` : all);
      files.set(part, encoder.encode(xml));
    }
  }
}

/**
 * Drawing ids (`wp:docPr/@id`, unique in the document) come from a counter
 * of the docx library that lives as long as the process, so a second build
 * in one process would number its pictures on from the first. They are
 * numbered again from 1, over the parts in name order.
 */
export function stableDrawingIds(files: Map<string, Uint8Array>): void {
  let n = 0;
  for (const name of [...files.keys()].sort()) {
    if (!/^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name)) continue;
    const xml = decoder.decode(files.get(name)!);
    if (!xml.includes('<wp:docPr')) continue;
    files.set(name, encoder.encode(xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++n}"`)));
  }
}
