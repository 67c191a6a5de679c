// Chromium's visual word order of the fixture paragraphs, derived once and
// committed as tests/visual/expected/chromium-order.json (the tests compare
// our PDF and the DOCX with it, so `npm test` needs no browser).
//
// Run by hand, after changing a fixture document, the report template or the
// bidi policy, then review the diff of the JSON file:
//
//   node scripts/chromium-order.mjs            # needs /usr/bin/chromium (apt: chromium)
//   node scripts/chromium-order.mjs --keep     # also keeps the HTML pages (path printed)
//
// For each body paragraph of tests/fixtures/docs/*.json it writes an HTML page:
// the same Amiri font files as the PDF (embedded as data: URLs), the paragraph's
// dir, lang, size and weight, the text box width of the page, and every data
// field as <bdi dir=…> in the direction the bidi policy gives it (the
// paragraph's, or the field's own `dir`; see tests/visual/paragraphs.ts). The
// page measures, after the fonts have loaded, the box of every atom
// (tests/visual/atoms.ts) with Range.getClientRects and prints them into the
// DOM; `chromium --headless --dump-dom` gives it back. Only paragraphs listed in
// tests/fixtures/docs/one-line.json get an expectation; every paragraph's line
// count is printed, to help keep that list right.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = 'tests/visual/expected/chromium-order.json';
const keep = process.argv.includes('--keep');

const work = mkdtempSync(join(tmpdir(), 'chromium-order-'));
const bundle = join('dist', 'chromium-input.mjs'); // inside the project, so its packages resolve
await build({
  entryPoints: ['tests/visual/chromium-input.ts'], outfile: bundle, bundle: true, format: 'esm',
  platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning',
});
const { chromiumInput } = await import(pathToFileURL(bundle).href);
const input = await chromiumInput();

const font = (path) => `data:font/ttf;base64,${readFileSync(path).toString('base64')}`;
const FACES = `
@font-face { font-family: "Amiri"; font-weight: 400; src: url(${font(input.fonts.regular)}) format("truetype"); }
@font-face { font-family: "Amiri"; font-weight: 700; src: url(${font(input.fonts.bold)}) format("truetype"); }`;

// Runs in the page: atom boxes from the marked text (U+2069 and U+2028 are not in the DOM).
function measure(atoms) {
  const p = document.getElementById('p');
  const nodes = [];
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let dom = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ n, start: dom });
    dom += n.data.length;
  }
  const at = (off, end) => {
    for (const x of nodes) if (off < x.start + x.n.data.length || (end && off === x.start + x.n.data.length)) return [x.n, off - x.start];
    const last = nodes[nodes.length - 1];
    return [last.n, last.n.data.length];
  };
  return atoms.map((a) => {
    const r = document.createRange();
    r.setStart(...at(a.domStart, false));
    r.setEnd(...at(a.domEnd, true));
    const rects = [...r.getClientRects()].filter((b) => b.width > 0);
    return {
      left: Math.min(...rects.map((b) => b.left)), right: Math.max(...rects.map((b) => b.right)),
      mid: rects.length ? (Math.min(...rects.map((b) => b.top)) + Math.max(...rects.map((b) => b.bottom))) / 2 : null,
      text: r.toString(),
    };
  });
}

function page(p, atoms) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${FACES}
body { margin: 0; }
#p { font-family: "Amiri"; font-size: ${p.size}pt; font-weight: ${p.bold ? 700 : 400}; width: ${p.width}pt;
     text-align: ${p.align === 'justify' ? 'start' : p.align}; white-space: pre-wrap; line-height: 1.5; margin: 0; }
</style></head><body>
<p id="p" dir="${p.dir}" lang="${esc(p.lang)}">${p.html}</p>
<pre id="out"></pre>
<script>
const measure = ${measure.toString()};
document.fonts.ready.then(() => {
  const faces = [...document.fonts].map((f) => f.weight + ':' + f.status);
  document.getElementById('out').textContent = JSON.stringify({ faces, boxes: measure(${JSON.stringify(atoms)}) });
});
</script></body></html>`;
}

const version = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
const result = {};
let i = 0;
for (const p of input.paragraphs) {
  // Offsets in the DOM text: the marked text without U+2069 (field edges) and U+2028 (<br>).
  const dom = [];
  let d = 0;
  for (let k = 0; k <= p.marked.length; k++) {
    dom.push(d);
    if (k < p.marked.length && p.marked[k] !== '\u2069' && p.marked[k] !== '\u2028') d++;
  }
  const atoms = p.atoms.map((a) => ({ domStart: dom[a.start], domEnd: dom[a.end] }));
  const file = join(work, `p${String(i++).padStart(2, '0')}.html`);
  writeFileSync(file, page(p, atoms));
  const html = execFileSync(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${join(work, 'profile')}`,
    '--virtual-time-budget=10000', '--dump-dom', pathToFileURL(file).href,
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  const m = /<pre id="out">([^<]*)<\/pre>/.exec(html);
  if (!m || !m[1]) throw new Error(`no measurement for ${p.doc} ${p.key} (${file})`);
  const out = JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  if (!out.faces.includes(`${p.bold ? 700 : 400}:loaded`) || out.faces.some((f) => f.endsWith(':error'))) throw new Error(`fonts not loaded for ${p.doc} ${p.key}: ${out.faces}`);
  const mids = out.boxes.map((b) => b.mid).filter((v) => v !== null);
  // Lines: atom centres more than half a line height apart (line-height 1.5, px = pt × 4/3).
  const lines = mids.sort((x, y) => x - y).filter((v, k, a) => k === 0 || v - a[k - 1] > p.size * 0.75 * 4 / 3).length;
  const placed = p.atoms.map((a, k) => ({ a, ...out.boxes[k] }));
  for (const x of placed) {
    if (x.text.replace(/[\p{Cf}]/gu, '') !== x.a.text) throw new Error(`atom ${x.a.index} "${x.a.text}" measured as "${x.text}" in ${p.doc} ${p.key}`);
    if (!Number.isFinite(x.left)) throw new Error(`atom ${x.a.index} "${x.a.text}" has no box in ${p.doc} ${p.key}`);
  }
  const order = placed.sort((x, y) => (x.left + x.right) / 2 - (y.left + y.right) / 2).map((x) => `${x.a.index}:${x.a.text}`);
  console.log(`${p.doc} ${p.key}: ${lines} line${lines === 1 ? '' : 's'}${p.oneLine ? ' (one-line fixture)' : ''}`);
  if (!p.oneLine) continue;
  if (lines !== 1) throw new Error(`${p.doc} ${p.key} is listed as one line but Chromium lays it out on ${lines}`);
  (result[p.doc] ??= {})[p.key] = { dir: p.dir, text: p.marked, html: p.html, order };
}

writeFileSync(OUT, `${JSON.stringify({
  $comment: 'Written by `node scripts/chromium-order.mjs` (do not edit by hand). Atoms left to right as index:text; text is the logical text with U+2069 at field edges; html is what Chromium laid out.',
  chromium: version,
  paragraphs: result,
}, null, 1)}\n`);
console.log(`${OUT}: ${Object.values(result).reduce((n, r) => n + Object.keys(r).length, 0)} paragraphs (${version})`);
if (keep) console.log(`pages kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
