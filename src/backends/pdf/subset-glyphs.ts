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
  hmtx?: { metrics: { length: number; get(i: number): { advance: number; bearing: number } | undefined }; bearings: { get(i: number): number | undefined } };
  getGlyph(gid: number): { _decode(): { numberOfContours: number; xMin: number; yMin: number; xMax: number; yMax: number } | null; advanceWidth: number; _getMetrics(): { leftBearing: number } };
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
      // As fontkit's TTFSubset._addGlyph reads it: the glyph's bytes from the glyf table, by the loca offsets;
      // a composite (numberOfContours < 0, the glyph's first int16) goes through fontkit. Its metrics from hmtx,
      // as fontkit's glyph gives them for a font that is not variable: not decoding the outline to get them
      // was most of a cold PDF's font subsetting.
      const offsets = this.font.loca!.offsets!;
      const length = offsets[gid + 1]! - offsets[gid]!;
      const stream = this.font._getTableStream('glyf');
      stream.pos += offsets[gid]!;
      const buffer = length > 0 ? stream.readBuffer(length) : new Uint8Array(0);
      if (buffer.length >= 2 && (buffer[0]! & 0x80) !== 0) simple = 'composite';
      else {
        const metrics = tableMetrics(this.font, gid);
        simple = metrics ? { buffer, ...metrics } : { buffer, advance: this.font.getGlyph(gid).advanceWidth, bearing: this.font.getGlyph(gid)._getMetrics().leftBearing };
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

/** A glyph's advance and left side bearing from hmtx, as fontkit's TTFGlyph._getTableMetrics reads them. */
function tableMetrics(font: FontLike, gid: number): { advance: number; bearing: number } | undefined {
  const hmtx = font.hmtx;
  if (!hmtx) return undefined;
  if (gid < hmtx.metrics.length) return hmtx.metrics.get(gid);
  const last = hmtx.metrics.get(hmtx.metrics.length - 1);
  return { advance: last ? last.advance : 0, bearing: hmtx.bearings.get(gid - hmtx.metrics.length) ?? 0 };
}

/** A glyph drawn moved by (dx, dy) font units: its outline, not its position (see glyph-runs.ts, shifted variants). */
export interface GlyphShift { readonly dx: number; readonly dy: number }

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const ARGS_ARE_XY_VALUES = 0x0002;

/**
 * Subset slots whose glyph is another glyph moved: each becomes a TrueType
 * composite glyph of one component, the original glyph at offset (dx, dy)
 * (ARGS_ARE_XY_VALUES, not rounded to the grid), with the original's
 * advance. It draws the same outline at the same place as the original
 * drawn at (dx, dy) from the pen, so the content stream need not move the
 * text matrix for it. `shiftAt` answers by slot (the subset encodes slots in
 * order, so the slot being added is the number already added). False when
 * the subset cannot have them.
 */
export function shiftGlyphs(subset: unknown, shiftAt: (slot: number) => GlyphShift | undefined): boolean {
  const s = subset as Partial<TtfSubsetLike> & { includeGlyph?: (g: number) => number };
  const addGlyph = s._addGlyph;
  // Not fontkit's TrueType subset (a CFF font, another version): no shifted glyphs, offsets drawn as pdfkit does.
  if (typeof addGlyph !== 'function' || typeof s.includeGlyph !== 'function' || !s.font || typeof s.font.getGlyph !== 'function') return false;
  s._addGlyph = function (this: TtfSubsetLike & { includeGlyph(g: number): number }, gid: number): number {
    const shift = shiftAt(this.glyf.length);
    if (!shift) return addGlyph.call(this, gid);
    const glyph = this.font.getGlyph(gid);
    const header = glyph._decode();
    if (!header) return addGlyph.call(this, gid); // no outline: nothing to move
    const component = this.includeGlyph(gid);
    // One more level of components than the font has: its maxp says so (the subset copies the font's maxp).
    const maxp = (this.font as FontLike & { maxp?: { maxComponentDepth?: number; __oicDepth?: number } }).maxp;
    if (maxp && typeof maxp.maxComponentDepth === 'number') {
      maxp.__oicDepth ??= maxp.maxComponentDepth;
      maxp.maxComponentDepth = Math.max(maxp.maxComponentDepth, maxp.__oicDepth + 1);
    }
    const buffer = new Uint8Array(18);
    const view = new DataView(buffer.buffer);
    view.setInt16(0, -1); // numberOfContours: a composite
    view.setInt16(2, header.xMin + shift.dx);
    view.setInt16(4, header.yMin + shift.dy);
    view.setInt16(6, header.xMax + shift.dx);
    view.setInt16(8, header.yMax + shift.dy);
    view.setUint16(10, ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES); // the only component (no MORE_COMPONENTS)
    view.setUint16(12, component);
    view.setInt16(14, shift.dx);
    view.setInt16(16, shift.dy);
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: header.xMin + shift.dx });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
  return true;
}
