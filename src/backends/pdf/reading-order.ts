/**
 * Reading order of the content stream. pdfmake has no right-to-left tables:
 * flow.ts hands it the cells of a row mirrored (the first column on the
 * right), and pdfmake draws them left to right, so text extraction (pdf.js,
 * poppler, PDFium read the content stream in order) and the structure tree
 * (built as lines are drawn) would read the last column first.
 *
 * So every body line's first glyph run is numbered as flow.ts builds it,
 * which is the logical order (cells are built start to end, before the
 * mirroring). Just before drawing, the text lines of each page are put back
 * into that order, in the slots text lines held: borders, images and
 * running heads (not numbered) keep their places. Where a line is drawn is
 * unchanged; only the order of drawing changes, which nothing on the page
 * shows (lines of text never overlap).
 *
 * A table's header row that pdfmake draws again at the top of each later
 * page is, there, an artifact (Pagination): the row is read once, where the
 * table begins.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const order = new Map<string, number>();
let next = 0;

/** Notes a body line (by the key of its first run) as the next in reading order. */
export function noteReadingOrder(runKey: string): void {
  order.set(runKey, next++);
}

/** Twins (the same runs, tagged as artifacts) of a header-row line, by the key of its first run. */
const twins = new Map<string, readonly string[]>();

/** Notes the artifact twins of a line that pdfmake may draw again on later pages (a table's header row). */
export function noteRepeatTwins(twinKeys: readonly string[], firstKey: string): void {
  twins.set(firstKey, [...twinKeys]);
}

export function forgetReadingOrder(runKeys: Iterable<string>): void {
  for (const k of runKeys) {
    order.delete(k);
    twins.delete(k);
  }
}

interface LineLike { inlines?: { fontFeatures?: unknown }[]; clone?: () => LineLike }
interface PageItem { type: string; item: LineLike }

function firstKey(item: PageItem): string | undefined {
  const features = item.type === 'line' ? item.item.inlines?.[0]?.fontFeatures : undefined;
  return Array.isArray(features) && typeof features[0] === 'string' ? features[0] : undefined;
}

/**
 * A header row drawn again on a later page is a repetition: its copy is an
 * artifact (the row is read once, where the table begins), drawn with the
 * twin runs flow.ts registered for it.
 */
function markRepeats(items: PageItem[], seen: Set<string>): void {
  const here: string[] = [];
  items.forEach((item, at) => {
    const key = firstKey(item);
    if (key === undefined || !twins.has(key)) return;
    here.push(key);
    if (!seen.has(key) || typeof item.item.clone !== 'function') return;
    const keys = twins.get(key)!;
    const copy = item.item.clone();
    copy.inlines = (item.item.inlines ?? []).map((inline, i) => (keys[i] !== undefined ? { ...inline, fontFeatures: [keys[i]] } : inline));
    items[at] = { ...item, item: copy };
  });
  for (const k of here) seen.add(k);
}

function rankOf(item: PageItem): number | undefined {
  const key = firstKey(item);
  return key === undefined ? undefined : order.get(key);
}

/** Puts the numbered text lines of a page back into reading order, in their own slots. */
export function sortPageItems(items: PageItem[]): void {
  const slots: number[] = [];
  const ranked: { rank: number; at: number; item: PageItem }[] = [];
  items.forEach((item, at) => {
    const rank = rankOf(item);
    if (rank === undefined) return;
    slots.push(at);
    ranked.push({ rank, at, item });
  });
  if (ranked.every((r, i) => i === 0 || ranked[i - 1]!.rank <= r.rank)) return;
  ranked.sort((a, b) => a.rank - b.rank || a.at - b.at);
  slots.forEach((slot, i) => {
    items[slot] = ranked[i]!.item;
  });
}

let installed = false;

/** Installs the hook on pdfmake's renderer (once per process). */
export function installReadingOrder(): void {
  if (installed) return;
  installed = true;
  const Renderer = (require('pdfmake/js/Renderer') as { default: { prototype: Record<string, unknown> } }).default;
  const renderPages = Renderer.prototype['renderPages'] as (this: unknown, pages: { items: PageItem[] }[]) => void;
  Renderer.prototype['renderPages'] = function (this: unknown, pages: { items: PageItem[] }[]) {
    const seen = new Set<string>();
    for (const page of pages) {
      sortPageItems(page.items);
      markRepeats(page.items, seen);
    }
    return renderPages.call(this, pages);
  };
}
