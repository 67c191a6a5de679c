/**
 * A TrueType font subset written straight into its bytes. fontkit's
 * TTFSubset.encode collects the glyphs (its `_addGlyph`, with the hooks of
 * subset-glyphs.ts) and then encodes the tables through restructure's
 * generic structures (`Directory.toBuffer`), which in a cold process took
 * about 13 ms of the annex's PDF (sizes computed and written field by field,
 * in code the VM has not compiled yet). This writes the same tables in the
 * same order with the same field values: the directory tagged `true` with
 * checksums 0 and the tables one after the other, as restructure lays them
 * out; head, hhea and maxp from fontkit's decoded tables with the subset's
 * counts; loca short or long as the font's; cvt, prep and fpgm as decoded.
 * The same bytes as fontkit's (tests/backends/pdf/subset-encode.test.ts
 * compares the two on every glyph of the project's fonts).
 */
interface Decoded {
  head?: Record<string, unknown> & { macStyle?: Record<string, boolean>; created?: number[]; modified?: number[] };
  hhea?: Record<string, number>;
  maxp?: Record<string, number>;
  loca?: { version?: number };
  'cvt '?: { controlValues: ArrayLike<number> } | null;
  prep?: { controlValueProgram: ArrayLike<number> } | null;
  fpgm?: { instructions: ArrayLike<number> } | null;
  _variationProcessor?: unknown;
}
interface Subset {
  font: Decoded;
  glyphs: number[];
  glyf: Uint8Array[];
  offset: number;
  loca: { offsets: number[]; version: number | undefined };
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] };
  _addGlyph(gid: number): number;
  encode(): Uint8Array;
}

const MAC_STYLE = ['bold', 'italic', 'underline', 'outline', 'shadow', 'condensed', 'extended'] as const;
const HEAD: readonly (readonly [string, 'i32' | 'u32' | 'u16' | 'i16' | 'date' | 'style'])[] = [
  ['version', 'i32'], ['revision', 'i32'], ['checkSumAdjustment', 'u32'], ['magicNumber', 'u32'], ['flags', 'u16'], ['unitsPerEm', 'u16'],
  ['created', 'date'], ['modified', 'date'], ['xMin', 'i16'], ['yMin', 'i16'], ['xMax', 'i16'], ['yMax', 'i16'], ['macStyle', 'style'],
  ['lowestRecPPEM', 'u16'], ['fontDirectionHint', 'i16'], ['indexToLocFormat', 'i16'], ['glyphDataFormat', 'i16'],
];
const HHEA: readonly (readonly [string, 'i32' | 'u16' | 'i16' | 'reserved'])[] = [
  ['version', 'i32'], ['ascent', 'i16'], ['descent', 'i16'], ['lineGap', 'i16'], ['advanceWidthMax', 'u16'], ['minLeftSideBearing', 'i16'],
  ['minRightSideBearing', 'i16'], ['xMaxExtent', 'i16'], ['caretSlopeRise', 'i16'], ['caretSlopeRun', 'i16'], ['caretOffset', 'i16'],
  ['reserved', 'reserved'], ['metricDataFormat', 'i16'], ['numberOfMetrics', 'u16'],
];
const MAXP = ['numGlyphs', 'maxPoints', 'maxContours', 'maxComponentPoints', 'maxComponentContours', 'maxZones', 'maxTwilightPoints', 'maxStorage',
  'maxFunctionDefs', 'maxInstructionDefs', 'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements', 'maxComponentDepth'] as const;

/** Replaces fontkit's encode of a TrueType subset by the direct writer; false (nothing changed) for anything else. */
export function encodeSubsetsDirectly(subset: unknown): boolean {
  const s = (subset ?? {}) as Partial<Subset>;
  const font = s.font;
  if (typeof s._addGlyph !== 'function' || typeof s.encode !== 'function' || !font || font._variationProcessor ||
    !font.head || !font.hhea || !font.maxp || !font.loca || !Array.isArray(s.glyphs)) return false;
  s.encode = function (this: Subset): Uint8Array {
    // As TTFSubset.encode: every glyph added, components included as they come (the list grows meanwhile).
    this.glyf = [];
    this.offset = 0;
    this.loca = { offsets: [], version: this.font.loca!.version };
    this.hmtx = { metrics: [], bearings: [] };
    for (let i = 0; i < this.glyphs.length; ) this._addGlyph(this.glyphs[i++]!);
    this.loca.offsets.push(this.offset);
    return write(this);
  };
  return true;
}

interface Table { readonly tag: string; readonly size: number; write(v: DataView, bytes: Uint8Array, at: number): void }

function write(s: Subset): Uint8Array {
  const font = s.font;
  const head = font.head!;
  const hhea = font.hhea!;
  const maxp = font.maxp!;
  const shortLoca = s.loca.version === 0;
  const offsets = s.loca.offsets;
  const metrics = s.hmtx.metrics;
  const tables: Table[] = [
    { tag: 'head', size: 54, write: (v, _b, at) => writeHead(v, at, head, s.loca.version) },
    { tag: 'hhea', size: 36, write: (v, _b, at) => writeHhea(v, at, hhea, metrics.length) },
    {
      tag: 'loca', size: offsets.length * (shortLoca ? 2 : 4), write: (v, _b, at) => {
        if (shortLoca) for (let i = 0; i < offsets.length; i++) v.setUint16(at + 2 * i, offsets[i]! >>> 1);
        else for (let i = 0; i < offsets.length; i++) v.setUint32(at + 4 * i, offsets[i]!);
      },
    },
    {
      tag: 'maxp', size: 32, write: (v, _b, at) => {
        v.setInt32(at, maxp['version']!);
        MAXP.forEach((k, i) => v.setUint16(at + 4 + 2 * i, k === 'numGlyphs' ? s.glyf.length : maxp[k]!));
      },
    },
  ];
  const cvt = font['cvt '];
  if (cvt) tables.push({ tag: 'cvt ', size: cvt.controlValues.length * 2, write: (v, _b, at) => { for (let i = 0; i < cvt.controlValues.length; i++) v.setInt16(at + 2 * i, cvt.controlValues[i]!); } });
  const prep = font.prep;
  if (prep) tables.push(bytesTable('prep', prep.controlValueProgram));
  tables.push({
    tag: 'glyf', size: s.offset, write: (_v, b, at) => {
      for (const g of s.glyf) {
        b.set(g, at);
        at += g.length;
      }
    },
  });
  tables.push({
    tag: 'hmtx', size: metrics.length * 4, write: (v, _b, at) => {
      for (let i = 0; i < metrics.length; i++) {
        v.setUint16(at + 4 * i, metrics[i]!.advance);
        v.setInt16(at + 4 * i + 2, metrics[i]!.bearing);
      }
    },
  });
  const fpgm = font.fpgm;
  if (fpgm) tables.push(bytesTable('fpgm', fpgm.instructions));

  const n = tables.length;
  const directory = 12 + 16 * n;
  const total = tables.reduce((a, t) => a + t.size, directory);
  const bytes = new Uint8Array(total);
  const v = new DataView(bytes.buffer);
  writeTag(bytes, 0, 'true');
  const power = 2 ** Math.floor(Math.log(n) / Math.LN2);
  v.setUint16(4, n);
  v.setUint16(6, power * 16);
  v.setUint16(8, Math.log(power) / Math.LN2);
  v.setUint16(10, n * 16 - power * 16);
  let at = directory;
  tables.forEach((t, i) => {
    const e = 12 + 16 * i;
    writeTag(bytes, e, t.tag);
    v.setUint32(e + 4, 0); // checksum: fontkit writes none
    v.setUint32(e + 8, at);
    v.setUint32(e + 12, t.size);
    t.write(v, bytes, at);
    at += t.size;
  });
  return bytes;
}

function bytesTable(tag: string, values: ArrayLike<number>): Table {
  return { tag, size: values.length, write: (_v, b, at) => { for (let i = 0; i < values.length; i++) b[at + i] = values[i]! & 0xff; } };
}

function writeTag(bytes: Uint8Array, at: number, tag: string): void {
  for (let i = 0; i < 4; i++) bytes[at + i] = tag.charCodeAt(i);
}

function writeHead(v: DataView, at: number, head: NonNullable<Decoded['head']>, locFormat: number | undefined): void {
  let p = at;
  for (const [k, type] of HEAD) {
    const value = k === 'indexToLocFormat' ? locFormat : head[k];
    switch (type) {
      case 'i32': v.setInt32(p, value as number); p += 4; break;
      case 'u32': v.setUint32(p, value as number); p += 4; break;
      case 'u16': v.setUint16(p, value as number); p += 2; break;
      case 'i16': v.setInt16(p, value as number); p += 2; break;
      case 'date': {
        const pair = value as number[];
        v.setInt32(p, pair[0]!);
        v.setInt32(p + 4, pair[1]!);
        p += 8;
        break;
      }
      case 'style': {
        const flags = value as Record<string, boolean>;
        let bits = 0;
        MAC_STYLE.forEach((f, i) => { if (flags[f]) bits |= 1 << i; });
        v.setUint16(p, bits);
        p += 2;
        break;
      }
    }
  }
}

function writeHhea(v: DataView, at: number, hhea: Record<string, number>, numberOfMetrics: number): void {
  let p = at;
  for (const [k, type] of HHEA) {
    if (type === 'reserved') {
      p += 8; // four int16 of zeros (the array is zero-filled)
      continue;
    }
    const value = k === 'numberOfMetrics' ? numberOfMetrics : hhea[k]!;
    if (type === 'i32') { v.setInt32(p, value); p += 4; } else if (type === 'u16') { v.setUint16(p, value); p += 2; } else { v.setInt16(p, value); p += 2; }
  }
}
