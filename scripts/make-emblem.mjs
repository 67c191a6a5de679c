// Draws the sample emblem (a green disc with a white crescent and star, on white) as an RGB PNG
// without alpha, deterministically: node scripts/make-emblem.mjs OUT.png [SIZE]
// It stands in for an organisation's real emblem in the sample documents and tests.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const [out, sizeArg] = process.argv.slice(2);
if (!out) throw new Error('usage: node scripts/make-emblem.mjs OUT.png [SIZE]');
const N = Number(sizeArg ?? 192);
const S = 4; // supersampling per axis
const GREEN = [0, 122, 61];
const WHITE = [255, 255, 255];

function inStar(x, y, cx, cy, R, r) {
  // Five-pointed star: point in polygon of 10 vertices.
  const pts = [];
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rad = k % 2 === 0 ? R : r;
    pts.push([cx + rad * Math.cos(a), cy + rad * Math.sin(a)]);
  }
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i]; const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function colour(x, y) {
  const c = N / 2; const d = Math.hypot(x - c, y - c);
  if (d > N * 0.47) return WHITE;
  if (d > N * 0.44) return GREEN;
  if (d > N * 0.41) return WHITE;
  const moon = Math.hypot(x - c * 0.92, y - c) < N * 0.27 && Math.hypot(x - c * 1.04, y - c) > N * 0.22;
  if (moon || inStar(x, y, c * 1.22, c, N * 0.11, N * 0.045)) return WHITE;
  return GREEN;
}

const raw = Buffer.alloc(N * (1 + 3 * N));
for (let y = 0; y < N; y++) {
  raw[y * (1 + 3 * N)] = 0; // filter: none
  for (let x = 0; x < N; x++) {
    const acc = [0, 0, 0];
    for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
      const col = colour(x + (sx + 0.5) / S, y + (sy + 0.5) / S);
      for (let k = 0; k < 3; k++) acc[k] += col[k];
    }
    for (let k = 0; k < 3; k++) raw[y * (1 + 3 * N) + 1 + 3 * x + k] = Math.round(acc[k] / (S * S));
  }
}

const table = new Uint32Array(256).map((_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGB, no interlace
writeFileSync(out, Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]));
