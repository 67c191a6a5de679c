/**
 * The glyphs a font subset copies, kept from one document to the next.
 * pdfkit opens every font afresh for each document (a new fontkit font), so
 * fontkit's subsetter decodes each glyph it embeds again (its outline, to see
 * whether it is a composite, and its metrics): in a warm rebuild that was
 * most of the subset's cost. A simple glyph's bytes and metrics depend only
 * on the font file, so they are taken from this cache (keyed by the file and
 * the font's checksum); composite glyphs, whose component ids depend on the
 * subset, and variable fonts go through fontkit as before. Same bytes.
 */
interface FontLike {
  _variationProcessor?: unknown;
  head?: { checkSumAdjustment?: number };
  loca?: { offsets?: ArrayLike<number> };
  getGlyph(gid: number): { _decode(): { numberOfContours: number } | null; advanceWidth: number; _getMetrics(): { leftBearing: number } };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
}
interface TtfSubsetLike {
  font: FontLike;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph(gid: number): number;
}
type Simple = { readonly buffer: Uint8Array; readonly advance: number; readonly bearing: number } | 'composite';

const fonts = new Map<string, Map<number, Simple>>();
const FONTS_KEPT = 16;

export function cacheSubsetGlyphs(subset: unknown, file: string): void {
  const s = subset as Partial<TtfSubsetLike>;
  const font = s.font;
  const addGlyph = s._addGlyph;
  if (typeof addGlyph !== 'function' || !font || font._variationProcessor || typeof font.getGlyph !== 'function' ||
    typeof font._getTableStream !== 'function' || !font.loca?.offsets) return; // not fontkit's TrueType subset
  const key = `${file}\0${font.head?.checkSumAdjustment ?? ''}`;
  let glyphs = fonts.get(key);
  if (!glyphs) {
    fonts.set(key, (glyphs = new Map()));
    if (fonts.size > FONTS_KEPT) fonts.delete(fonts.keys().next().value!);
  }
  const known = glyphs;
  s._addGlyph = function (this: TtfSubsetLike, gid: number): number {
    let simple = known.get(gid);
    if (simple === undefined) {
      const glyph = this.font.getGlyph(gid);
      const glyf = glyph._decode();
      if (glyf && glyf.numberOfContours < 0) simple = 'composite';
      else {
        // As fontkit's TTFSubset._addGlyph reads it: the glyph's bytes from the glyf table, by the loca offsets.
        const offsets = this.font.loca!.offsets!;
        const stream = this.font._getTableStream('glyf');
        stream.pos += offsets[gid]!;
        simple = { buffer: stream.readBuffer(offsets[gid + 1]! - offsets[gid]!), advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      }
      known.set(gid, simple);
    }
    if (simple === 'composite') return addGlyph.call(this, gid);
    this.glyf.push(simple.buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: simple.advance, bearing: simple.bearing });
    this.offset += simple.buffer.length;
    return this.glyf.length - 1;
  };
}
