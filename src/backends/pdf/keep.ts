/** Page-break rules of the PDF flow, on pdfmake nodes: bookmarks, widows and orphans, keep with next. */

/** pdfmake document-definition nodes (pdfmake has no types of its own). */
type PdfNode = Record<string, unknown>;

/** Marks the first line of a laid-out paragraph stack as a bookmark (pdfmake's `outline` on a leaf). */
export function markOutline(node: PdfNode, title: string): void {
  let first = (node['stack'] as PdfNode[] | undefined)?.[0];
  // keepTogether may have grouped the first lines.
  while (first && Array.isArray(first['stack'])) first = (first['stack'] as PdfNode[])[0];
  if (!first || title === '') return;
  first['outline'] = true;
  first['outlineText'] = title;
}

/**
 * Widows and orphans: a paragraph's first two lines stay together and so do
 * its last two (one of three or fewer lines is never split), so no page
 * starts with a paragraph's last line or ends with its first.
 */
export function keepTogether(lines: PdfNode[]): PdfNode[] {
  if (lines.length <= 3) return lines.length > 1 ? [{ stack: lines, unbreakable: true }] : lines;
  return [
    { stack: lines.slice(0, 2), unbreakable: true },
    ...lines.slice(2, -2),
    { stack: lines.slice(-2), unbreakable: true },
  ];
}

/**
 * Keep with next: a heading and the first lines of the block after it (its
 * first unbreakable group) go on one page together.
 */
export function keepWithNext(heading: PdfNode, next: PdfNode): PdfNode[] {
  const stack = next['stack'] as PdfNode[] | undefined;
  if (!stack || stack.length === 0) return [{ stack: [heading, next], unbreakable: true }];
  const margin = (next['margin'] as number[] | undefined) ?? [0, 0, 0, 0];
  const top = margin[1] ?? 0;
  const bottom = margin[3] ?? 0;
  const first: PdfNode = { stack: [stack[0]!], margin: [0, top, 0, stack.length === 1 ? bottom : 0] };
  const out: PdfNode[] = [{ stack: [heading, first], unbreakable: true }];
  if (stack.length > 1) out.push({ stack: stack.slice(1), margin: [0, 0, 0, bottom] });
  return out;
}
