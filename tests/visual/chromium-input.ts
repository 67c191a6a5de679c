/**
 * What scripts/chromium-order.mjs renders in Chromium: every body paragraph of
 * the fixture documents, with the font files of the PDF and the text box width.
 * Bundled and imported by the script (it is not a test).
 */
import { fontFile, loadFontConfig } from '../../src/text/fonts.js';
import { DOC_NAMES, ONE_LINE, loadFixture, visualParagraphs, type VisualParagraph } from './paragraphs.js';

export interface ChromiumInput {
  readonly fonts: { readonly regular: string; readonly bold: string };
  readonly paragraphs: readonly (VisualParagraph & { readonly width: number; readonly oneLine: boolean })[];
}

export async function chromiumInput(): Promise<ChromiumInput> {
  const cfg = loadFontConfig();
  const paragraphs: ChromiumInput['paragraphs'][number][] = [];
  for (const doc of DOC_NAMES) {
    const model = await loadFixture(doc);
    const width = model.page.width - model.page.margins.left - model.page.margins.right;
    for (const p of visualParagraphs(model, doc)) paragraphs.push({ ...p, width, oneLine: ONE_LINE[doc].includes(p.key) });
  }
  return { fonts: { regular: fontFile(cfg, 'Amiri', false, false), bold: fontFile(cfg, 'Amiri', true, false) }, paragraphs };
}
