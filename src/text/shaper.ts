/**
 * Shaping with HarfBuzz (harfbuzzjs, WebAssembly): the same engine that
 * browsers and LibreOffice use, driven with the script, direction and
 * language that the bidi layer decided. fontkit's own shaping is not used:
 * it guesses direction per chunk, reverses RTL runs itself and ignores the
 * OpenType language system (Amiri's `ARA ` forms).
 */
import * as hb from 'harfbuzzjs';
import { readFileSync } from 'node:fs';
import { DocError } from '../errors.js';

export interface ShapedGlyph {
  /** Glyph id in the font file. */
  readonly id: number;
  /** HarfBuzz's UNSAFE_TO_BREAK: cutting the text at this glyph's cluster needs shaping again. */
  readonly unsafe: boolean;
  /** UTF-16 index (into the shaped string) of the glyph's cluster. */
  readonly cluster: number;
  /** Font units. */
  readonly xAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
}

export interface LoadedFont {
  readonly path: string;
  readonly upem: number;
  readonly hbFont: hb.Font;
  readonly hbFace: hb.Face;
  /** Unicode code points the font maps (its cmap). */
  readonly coverage: ReadonlySet<number>;
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
  /** The font's own advance of a glyph (font units), cached. */
  advance(id: number): number;
}

const fonts = new Map<string, LoadedFont>();

export function loadFont(path: string): LoadedFont {
  let f = fonts.get(path);
  if (f) return f;
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    throw new DocError('FONT_MISSING', `cannot read font file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file: path,
      hint: 'check fonts/fonts.json and that `npm ci` has installed the font packages',
    });
  }
  try {
    const hbFace = new hb.Face(new hb.Blob(data), 0);
    const hbFont = new hb.Font(hbFace);
    // HarfBuzz opens anything, a text file included, as an empty face: that is not a font.
    if (hbFace.collectUnicodes().length === 0) throw new Error('it has no characters');
    const ext = hbFont.hExtents();
    const advances = new Map<number, number>();
    f = {
      advance: (id: number) => {
        let a = advances.get(id);
        if (a === undefined) advances.set(id, (a = hbFont.glyphHAdvance(id)));
        return a;
      },
      path,
      upem: hbFace.upem,
      hbFace,
      hbFont,
      coverage: new Set(hbFace.collectUnicodes()),
      ascender: ext.ascender,
      descender: ext.descender,
      lineGap: ext.lineGap,
    };
  } catch (e) {
    throw new DocError('FONT_MISSING', `${path} is not a usable font file: ${(e as Error).message}`, {
      file: path,
      hint: 'use a TrueType (.ttf) or OpenType (.otf) font',
    });
  }
  fonts.set(path, f);
  return f;
}

export interface ShapeRequest {
  /** The whole paragraph text (for context). */
  readonly text: string;
  /** UTF-16 range to shape. */
  readonly start: number;
  readonly end: number;
  readonly rtl: boolean;
  /** ISO 15924 script tag (e.g. 'Arab', 'Latn'); omitted = guessed by HarfBuzz. */
  readonly script?: string;
  /** BCP 47 language (e.g. 'ar'): selects the font's language system. */
  readonly lang?: string;
}

let buffer: hb.Buffer | undefined;
const CONTEXT = 32;

/**
 * Shapes text[start, end). Glyphs come back in visual (left-to-right) order,
 * with clusters at character level (marks keep their own cluster) as UTF-16
 * indices into `text`. For an RTL request HarfBuzz also applies bidi
 * mirroring (`(` is drawn with the glyph of `)`).
 */
/**
 * The shared buffer holding req's text with a window of context (joining and
 * contextual lookups look a few characters around; not the whole paragraph
 * for every run), its direction, script, language and cluster level.
 */
function prepared(req: ShapeRequest): { buf: hb.Buffer; from: number } {
  buffer ??= new hb.Buffer();
  const buf = buffer;
  buf.reset();
  const from = Math.max(0, req.start - CONTEXT);
  const to = Math.min(req.text.length, req.end + CONTEXT);
  buf.addText(req.text.slice(from, to), req.start - from, req.end - req.start);
  buf.setDirection(req.rtl ? hb.Direction.RTL : hb.Direction.LTR);
  if (req.script) buf.setScript(req.script);
  if (req.lang) buf.setLanguage(req.lang);
  buf.guessSegmentProperties();
  buf.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
  return { buf, from };
}

export function shape(font: LoadedFont, req: ShapeRequest): ShapedGlyph[] {
  if (req.end <= req.start) return [];
  const { buf, from } = prepared(req);
  hb.shape(font.hbFont, buf);
  const infos = buf.getGlyphInfos();
  const pos = buf.getGlyphPositions();
  const out: ShapedGlyph[] = new Array(infos.length);
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i]!;
    const p = pos[i]!;
    out[i] = { id: info.codepoint, unsafe: (info.flags & hb.GlyphFlag.UNSAFE_TO_BREAK) !== 0, cluster: info.cluster + from, xAdvance: p.xAdvance, xOffset: p.xOffset, yOffset: p.yOffset };
  }
  return out;
}

/**
 * Shaping by words, with a cache: HarfBuzz shapes each word (and each run of
 * spaces) on its own and the results are concatenated, which is exact where
 * HarfBuzz says so — no glyph at either edge of a piece carries
 * UNSAFE_TO_CONCAT (its shaping did not depend on text outside the piece).
 * A document repeats its words, so most are shaped once per process. If any
 * piece is not safe at its edges, the whole run is shaped in context.
 */
const wordCache = new Map<string, { readonly glyphs: readonly ShapedGlyph[]; readonly safe: boolean }>();
const WORDS_KEPT = 50_000;

export function shapeByWords(font: LoadedFont, req: ShapeRequest): ShapedGlyph[] {
  const { text } = req;
  const pieces: [number, number][] = [];
  for (let i = req.start; i < req.end; ) {
    const space = text.charCodeAt(i) === 0x20;
    let j = i + 1;
    while (j < req.end && (text.charCodeAt(j) === 0x20) === space) j++;
    pieces.push([i, j]);
    i = j;
  }
  if (pieces.length <= 1) return shape(font, req);
  const parts: ShapedGlyph[][] = [];
  for (const [a, b] of pieces) {
    const piece = text.slice(a, b);
    const key = `${font.path}\0${req.rtl ? 1 : 0}\0${req.script ?? ''}\0${req.lang ?? ''}\0${piece}`;
    let hit = wordCache.get(key);
    if (!hit) {
      hit = shapeAlone(font, piece, req);
      wordCache.set(key, hit);
      if (wordCache.size > WORDS_KEPT) wordCache.delete(wordCache.keys().next().value!);
    }
    if (!hit.safe) return shape(font, req);
    parts.push(hit.glyphs.map((g) => ({ ...g, cluster: g.cluster + a })));
  }
  if (req.rtl) parts.reverse();
  return parts.flat();
}

function shapeAlone(font: LoadedFont, piece: string, req: ShapeRequest): { glyphs: ShapedGlyph[]; safe: boolean } {
  buffer ??= new hb.Buffer();
  const buf = buffer;
  buf.reset();
  buf.addText(piece);
  buf.setDirection(req.rtl ? hb.Direction.RTL : hb.Direction.LTR);
  if (req.script) buf.setScript(req.script);
  if (req.lang) buf.setLanguage(req.lang);
  buf.guessSegmentProperties();
  buf.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
  buf.setFlags(hb.BufferFlag.PRODUCE_UNSAFE_TO_CONCAT);
  hb.shape(font.hbFont, buf);
  const infos = buf.getGlyphInfos();
  const pos = buf.getGlyphPositions();
  buf.setFlags(hb.BufferFlag.DEFAULT);
  const glyphs: ShapedGlyph[] = new Array(infos.length);
  let first = Infinity;
  let last = -1;
  for (const info of infos) {
    if (info.cluster < first) first = info.cluster;
    if (info.cluster > last) last = info.cluster;
  }
  let safe = true;
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i]!;
    const p = pos[i]!;
    if ((info.cluster === first || info.cluster === last) && (info.flags & hb.GlyphFlag.UNSAFE_TO_CONCAT) !== 0) safe = false;
    glyphs[i] = { id: info.codepoint, unsafe: (info.flags & hb.GlyphFlag.UNSAFE_TO_BREAK) !== 0, cluster: info.cluster, xAdvance: p.xAdvance, xOffset: p.xOffset, yOffset: p.yOffset };
  }
  return { glyphs, safe };
}

/**
 * The UTF-16 offsets (into `req.text`) before which HarfBuzz says a U+0640
 * TATWEEL may be inserted without changing the shaping around it
 * (SAFE_TO_INSERT_TATWEEL on every glyph of the cluster starting there).
 * For kashida justification; shapes req like `shape` does.
 */
export function tatweelSafeOffsets(font: LoadedFont, req: ShapeRequest): Set<number> {
  const out = new Set<number>();
  if (req.end <= req.start) return out;
  const { buf, from } = prepared(req);
  buf.setFlags(hb.BufferFlag.PRODUCE_SAFE_TO_INSERT_TATWEEL);
  hb.shape(font.hbFont, buf);
  const infos = buf.getGlyphInfos();
  buf.setFlags(hb.BufferFlag.DEFAULT);
  const unsafe = new Set<number>();
  for (const info of infos) {
    const c = info.cluster + from;
    if ((info.flags & hb.GlyphFlag.SAFE_TO_INSERT_TATWEEL) !== 0) out.add(c);
    else unsafe.add(c);
  }
  for (const c of unsafe) out.delete(c);
  return out;
}
