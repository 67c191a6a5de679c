/**
 * `npm run bench`: bundled with the CLI (scripts/bundle.mjs) and run as dist/bench.js.
 *
 *   1. cold CLI build of the annex, a whole `node dist/cli.js build --force` process: pdf+docx, pdf, docx;
 *      the same from the startup snapshot and with the ordinary ESM bundle, paired run by run, and
 *      through `npm run build`
 *   2. warm rebuild in one process after a one-word edit of the data, per format
 *   3. the annex body repeated to ~10, 50 and 200 pages: time, peak RSS, time per page (one process each)
 *   4. the same paragraphs through bare pdfmake (plain justified Amiri, no RTL engine), cold and warm,
 *      and our time divided by it
 *   5. with Chromium installed (scripts/bench-more.ts): the annex and the ~200-page annex as HTML printed
 *      by headless Chromium, paired run by run with ours (node dist/cli.js and npm run build)
 *   6. an up-to-date build, `watch` from a one-word edit to both files replaced, 100 documents in one build,
 *      and the environment (NODE_EXTRA_CA_CERTS, what `npm run` adds)
 *
 * Prints a table (median, min, max) and writes out/bench.json. No targets are asserted.
 *
 *   node dist/bench.js [--runs N] [--quick]
 *   node dist/bench.js --one FILE FORMATS OUTDIR   (child: one build, prints JSON)
 *   node dist/bench.js --bare FILE REPEAT          (child: bare pdfmake, prints JSON)
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFile } from '../src/pipeline.js';
import { loadFontConfig } from '../src/text/fonts.js';
import { CHROMIUM_HOWTO, annexHtml, chromiumPath, chromiumPrint, environment, watchEditTimes } from './bench-more.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const CLI = join(root, 'dist', 'cli.js');
const SELF = fileURLToPath(import.meta.url);
const ANNEX = join(root, 'data', 'acm-2018-azer-rep-annex-v.json');
/** The startup snapshot of this Node binary (scripts/snapshot.mjs), made by `npm run bench` (scripts/bundle.mjs --snapshot). */
const BLOB = join(root, 'dist', 'snapshot', `node-${process.version}-${process.platform}-${process.arch}.blob`);
const WITHOUT_SINGLE_FILE = { ...process.env, OIC_SINGLE_FILE: '0' };

interface Stats { median: number; min: number; max: number; runs: number[] }
function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median: round(median), min: round(s[0]!), max: round(s[s.length - 1]!), runs: xs.map(round) };
}
const round = (x: number): number => Math.round(x * 10) / 10;
/** Stats of ratios, to two decimals. */
function ratios(xs: number[]): Stats {
  const s = stats(xs.map((x) => x * 1000));
  const r2 = (x: number): number => Math.round(x / 10) / 100;
  return { median: r2(s.median), min: r2(s.min), max: r2(s.max), runs: s.runs.map(r2) };
}

function pageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type \/Page[^s]/g) ?? []).length;
}

type Data = { paragraphs: { text: string; continuation?: string[] }[] } & Record<string, unknown>;
const annex = (): Data => JSON.parse(readFileSync(ANNEX, 'utf8')) as Data;

function repeated(times: number): Data {
  const d = annex();
  const body = d.paragraphs;
  // Every copy differs (its number is appended), so no layout is reused from an identical paragraph.
  d.paragraphs = Array.from({ length: times }, (_, k) =>
    body.map((p) => ({ ...p, text: `${p.text} (${k + 1})`, ...(p.continuation ? { continuation: p.continuation.map((c) => `${c} (${k + 1})`) } : {}) })),
  ).flat();
  return d;
}

function writeData(dir: string, name: string, data: unknown): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

// ------------------------------------------------------------- children

async function childOne(file: string, formats: string, outDir: string): Promise<void> {
  const t0 = performance.now();
  const r = await buildFile(file, { formats: formats.split(','), outDir, force: true });
  const ms = performance.now() - t0;
  const pdf = r.outputs.find((o) => o.format === 'pdf');
  const pages = pdf ? pageCount(readFileSync(pdf.file)) : 0;
  process.stdout.write(JSON.stringify({ ms, pages, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

interface PdfKitDoc { on(ev: string, cb: (x?: any) => void): void; end(): void }
type PrinterCtor = new (fonts: unknown, vfs: unknown, resolver: unknown, policy: (p: string) => boolean) => {
  createPdfKitDocument(def: unknown): Promise<PdfKitDoc>;
};

/** The annex's paragraphs as plain justified Amiri text, through pdfmake's own API only. */
async function barePdfmake(data: Data): Promise<Uint8Array> {
  const require = createRequire(join(root, 'package.json'));
  const Printer = (require('pdfmake/js/Printer') as { default: PrinterCtor }).default;
  const URLResolver = (require('pdfmake/js/URLResolver') as { default: new (vfs: unknown) => unknown }).default;
  const vfs = (require('pdfmake/js/virtual-fs') as { default: unknown }).default;
  const amiri = loadFontConfig().families['Amiri']!;
  const printer = new Printer({ Amiri: { normal: amiri.normal, bold: amiri.bold ?? amiri.normal } }, vfs, new URLResolver(vfs), () => true);
  const doc = await printer.createPdfKitDocument({
    pageSize: 'A4',
    pageMargins: [72, 72, 72, 72],
    defaultStyle: { font: 'Amiri', fontSize: 14, alignment: 'justify' },
    info: { title: 'bare', creationDate: new Date(0), modDate: new Date(0) },
    content: [
      { text: String(data['title']), bold: true, fontSize: 18, margin: [0, 0, 0, 12] },
      ...data.paragraphs.map((p, i) => ({ text: `${i + 1}. ${p.text}`, margin: [0, 0, 0, 8] })),
    ],
  });
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => done(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', fail);
    doc.end();
  });
}

async function childBare(file: string, warmRuns: number): Promise<void> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Data;
  const t0 = performance.now();
  const pdf = await barePdfmake(data);
  const first = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    const t = performance.now();
    await barePdfmake(data);
    warm.push(performance.now() - t);
  }
  process.stdout.write(JSON.stringify({ ms: first, warm, pages: pageCount(pdf), maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

// ---------------------------------------------------------------- main

function spawnTimed(args: string[], cmd = process.execPath, env: NodeJS.ProcessEnv = process.env): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: root, env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function table(rows: (string | number)[][]): string {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r, ri) => {
    const line = r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]!) : String(c).padStart(w[i]!))).join('  ');
    return ri === 0 ? `${line}\n${w.map((n) => '-'.repeat(n)).join('  ')}` : line;
  }).join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--one') return childOne(argv[1]!, argv[2]!, argv[3]!);
  if (argv[0] === '--bare') return childBare(argv[1]!, Number(argv[2] ?? 0));
  const quick = argv.includes('--quick');
  const ri = argv.indexOf('--runs');
  const N = ri >= 0 ? Number(argv[ri + 1]) : quick ? 2 : 5;
  const scratch = mkdtempSync(join(tmpdir(), 'oic-bench-'));
  const out = join(scratch, 'out');
  const rows: (string | number)[][] = [['measure', 'median ms', 'min ms', 'max ms', 'notes']];
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    runs: N,
  };
  const log = (s: string): void => void process.stderr.write(s + '\n');
  const env = environment(mkdtempSync(join(scratch, 'env-')));

  // 1. Cold CLI builds.
  const cold: Record<string, Stats> = {};
  for (const [label, fmt] of [['pdf+docx', 'pdf,docx'], ['pdf', 'pdf'], ['docx', 'docx']] as const) {
    log(`cold CLI ${label}…`);
    const ms: number[] = [];
    for (let i = 0; i < N; i++) ms.push(spawnTimed([CLI, 'build', '--force', '--format', fmt, '--out', out, ANNEX]).ms);
    cold[label] = stats(ms);
    rows.push([`cold CLI build, ${label}`, cold[label]!.median, cold[label]!.min, cold[label]!.max, 'whole process']);
  }

  // 1a. Start-up: the startup snapshot (not used by the build: measured here), and the ordinary ESM bundle
  // (without the single-file bundle's code cache), each paired run by run with `node dist/cli.js`.
  const hasBlob = existsSync(BLOB);
  const startup: Record<string, unknown> = {};
  {
    log('start-up: snapshot, single file, ordinary bundle…');
    const args = ['build', '--force', '--out', out, ANNEX];
    const single: number[] = [], snap: number[] = [], plain: number[] = [];
    for (let i = 0; i < N; i++) {
      single.push(spawnTimed([CLI, ...args]).ms);
      if (hasBlob) snap.push(spawnTimed(['--snapshot-blob', BLOB, CLI, ...args]).ms);
      plain.push(spawnTimed([CLI, ...args], process.execPath, WITHOUT_SINGLE_FILE).ms);
    }
    const p = stats(plain);
    rows.push(['  the same, ordinary ESM bundle (OIC_SINGLE_FILE=0)', p.median, p.min, p.max, `single file + code cache / ordinary = ${ratios(single.map((x, i) => x / plain[i]!)).median} (paired)`]);
    startup['ordinary'] = p;
    startup['singleOverOrdinary'] = ratios(single.map((x, i) => x / plain[i]!));
    if (hasBlob) {
      const n = stats(snap);
      const r = ratios(snap.map((x, i) => x / single[i]!));
      rows.push(['cold build from the startup snapshot, pdf+docx', n.median, n.min, n.max, `node --snapshot-blob …; snapshot / node dist/cli.js = ${r.median} (paired)`]);
      Object.assign(startup, { snapshot: n, snapshotOverSingle: r });
    } else rows.push(['cold build from the startup snapshot', '', '', '', `skipped: no ${BLOB} (npm run bench makes it)`]);
  }

  // 1b. Through `npm run build` (what a user types: `node dist/cli.js build` under npm).
  const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  log('cold npm run build…');
  const npmArgs = ['run', '-s', 'build', '--', '--force', '--out', out, ANNEX];
  const npmCold = stats(Array.from({ length: N }, () => spawnTimed(npmArgs, NPM).ms));
  rows.push(['cold npm run -s build, pdf+docx', npmCold.median, npmCold.min, npmCold.max, 'whole npm process']);
  log('up to date…');
  spawnTimed([CLI, 'build', '--out', out, ANNEX]);
  const utd = stats(Array.from({ length: N }, () => spawnTimed([CLI, 'build', '--out', out, ANNEX]).ms));
  rows.push(['up-to-date build (nothing to do)', utd.median, utd.min, utd.max, `whole process; node -e 0 takes ${env.nodeStartMs} ms here`]);
  if (hasBlob) {
    const u = stats(Array.from({ length: N }, () => spawnTimed(['--snapshot-blob', BLOB, CLI, 'build', '--out', out, ANNEX]).ms));
    rows.push(['  the same, from the startup snapshot', u.median, u.min, u.max, 'node --snapshot-blob … (the snapshot takes longer to start than the check needs)']);
    startup['upToDateSnapshot'] = u;
  }

  // 5a. Chromium printing the same annex as HTML, paired run by run with ours.
  const chromium = chromiumPath();
  const paired: Record<string, unknown> = {};
  const amiri = loadFontConfig().families['Amiri']!;
  const chromeDir = mkdtempSync(join(scratch, 'chromium-'));
  const html = (name: string, data: Data): string => {
    const f = join(scratch, `${name}.html`);
    writeFileSync(f, annexHtml(data, amiri.normal, amiri.bold ?? amiri.normal));
    return f;
  };
  if (chromium) {
    log('Chromium pairs (annex)…');
    const page = html('annex', annex());
    chromiumPrint(chromium, page, join(scratch, 'annex-chromium.pdf'), chromeDir); // its first start fills the profile
    const ours: number[] = [], viaNpm: number[] = [], chrome: number[] = [], snap: number[] = [];
    for (let i = 0; i < N; i++) {
      ours.push(spawnTimed([CLI, 'build', '--force', '--out', out, ANNEX]).ms);
      if (hasBlob) snap.push(spawnTimed(['--snapshot-blob', BLOB, CLI, 'build', '--force', '--out', out, ANNEX]).ms);
      viaNpm.push(spawnTimed(['run', '-s', 'build', '--', '--force', '--out', out, ANNEX], NPM).ms);
      chrome.push(chromiumPrint(chromium, page, join(scratch, 'annex-chromium.pdf'), chromeDir));
    }
    const c = stats(chrome);
    const rN = ratios(ours.map((x, i) => x / chrome[i]!));
    const rM = ratios(viaNpm.map((x, i) => x / chrome[i]!));
    const chromePages = pageCount(readFileSync(join(scratch, 'annex-chromium.pdf')));
    paired['annex'] = { chromium: c, ours: stats(ours), npm: stats(viaNpm), oursOverChromium: rN, npmOverChromium: rM, chromiumPages: chromePages };
    rows.push(['Chromium prints the annex as HTML', c.median, c.min, c.max, `${chromePages} pages; whole browser process`]);
    rows.push(['  ours / Chromium, node dist/cli.js pdf+docx', rN.median, rN.min, rN.max, 'ratio of each pair (target ≤ 0.5)']);
    rows.push(['  ours / Chromium, npm run build pdf+docx', rM.median, rM.min, rM.max, 'ratio of each pair (target ≤ 0.6)']);
    if (hasBlob) {
      const rS = ratios(snap.map((x, i) => x / chrome[i]!));
      (paired['annex'] as Record<string, unknown>)['snapshotOverChromium'] = rS;
      rows.push(['  ours / Chromium, from the startup snapshot', rS.median, rS.min, rS.max, 'ratio of each pair (node --snapshot-blob …; measured, not used by the build)']);
    }
  } else log(CHROMIUM_HOWTO);

  // 4a. Bare pdfmake, cold (whole process), on the annex's paragraphs.
  log('bare pdfmake cold…');
  const bareCold: number[] = [];
  let bareWarm: number[] = [];
  for (let i = 0; i < N; i++) {
    const r = spawnTimed([SELF, '--bare', ANNEX, i === 0 ? String(N) : '0']);
    bareCold.push(r.ms);
    if (i === 0) bareWarm = (JSON.parse(r.stdout) as { warm: number[] }).warm;
  }
  const bc = stats(bareCold);
  const bw = stats(bareWarm);
  rows.push(['cold bare pdfmake (plain Amiri)', bc.median, bc.min, bc.max, `ours pdf+docx / bare = ${(cold['pdf+docx']!.median / bc.median).toFixed(2)}, pdf / bare = ${(cold['pdf']!.median / bc.median).toFixed(2)}`]);

  // 2. Warm rebuilds after a one-word edit, in this process.
  const warm: Record<string, Stats> = {};
  const words = ['الاجتماع', 'اللقاء', 'المؤتمر', 'الجلسة'];
  for (const fmt of ['pdf', 'docx']) {
    log(`warm ${fmt}…`);
    const dir = mkdtempSync(join(scratch, 'warm-'));
    const base = annex();
    const file = writeData(dir, 'annex', base);
    await buildFile(file, { formats: [fmt], outDir: out, force: true }); // warm-up: loads everything
    const ms: number[] = [];
    for (let i = 0; i < N; i++) {
      const d = annex();
      d.paragraphs[1]!.text = d.paragraphs[1]!.text.replace('الاجتماع', words[i % words.length]!) + ` ${i}`;
      writeData(dir, 'annex', d);
      const t0 = performance.now();
      const r = await buildFile(file, { formats: [fmt], outDir: out });
      ms.push(performance.now() - t0);
      if (r.outputs.length !== 1) throw new Error('the edit did not rebuild');
    }
    warm[fmt] = stats(ms);
    rows.push([`warm rebuild after a one-word edit, ${fmt}`, warm[fmt]!.median, warm[fmt]!.min, warm[fmt]!.max, 'in process (incremental check included)']);
  }
  rows.push(['warm bare pdfmake (plain Amiri)', bw.median, bw.min, bw.max, `ours warm pdf / bare = ${(warm['pdf']!.median / bw.median).toFixed(2)}`]);

  // 2b. watch: from a one-word edit of the data to both files replaced (its debounce included).
  {
    log('watch…');
    const dir = mkdtempSync(join(scratch, 'watch-'));
    const file = writeData(dir, 'annex', annex());
    const wout = join(dir, 'out');
    const times = await watchEditTimes(CLI, file, wout, [join(wout, 'annex.pdf'), join(wout, 'annex.docx')], N, (i) => {
      const d = annex();
      d.paragraphs[1]!.text = d.paragraphs[1]!.text.replace('الاجتماع', words[i % words.length]!) + ` ${i}`;
      writeData(dir, 'annex', d);
    });
    const w = stats(times);
    warm['watch'] = w;
    rows.push(['watch: one-word edit → both files replaced', w.median, w.min, w.max, 'save to PDF and DOCX renamed into place (its debounce included)']);
  }

  // 3. Scale: the body repeated to ~10, 50 and 200 pages, one process per run.
  log('scale…');
  const probe = writeData(scratch, 'probe', repeated(10));
  const probePages = (JSON.parse(spawnTimed([SELF, '--one', probe, 'pdf', out]).stdout) as { pages: number }).pages;
  const pagesPerRep = Math.max(0.1, (probePages - 1) / 10); // minus the cover
  const scale: Record<string, unknown>[] = [];
  const scaleRuns = Math.max(1, Math.min(N, 3));
  for (const target of [10, 50, 200]) {
    const reps = Math.max(1, Math.round((target - 1) / pagesPerRep));
    const file = writeData(scratch, `scale-${target}`, repeated(reps));
    for (const fmt of ['pdf', 'docx']) {
      log(`scale ${target} pages, ${fmt}…`);
      const runs = Array.from({ length: scaleRuns }, () => JSON.parse(spawnTimed([SELF, '--one', file, fmt, out]).stdout) as { ms: number; pages: number; maxRssMB: number });
      // (pages: the PDF's page count, for both formats.)
      const t = stats(runs.map((r) => r.ms));
      const pages = fmt === 'pdf' ? runs[0]!.pages : (scale.find((s) => s['target'] === target) as { pages?: number } | undefined)?.pages ?? 0;
      const rss = Math.max(...runs.map((r) => r.maxRssMB));
      const entry: Record<string, unknown> = { target, format: fmt, paragraphs: reps * 7, pages, ...t, peakRssMB: Math.round(rss), msPerPage: pages ? round(t.median / pages) : null };
      if (fmt === 'pdf') {
        const bare = Array.from({ length: scaleRuns }, () => JSON.parse(spawnTimed([SELF, '--bare', file, '1']).stdout) as { ms: number; warm: number[]; pages: number; maxRssMB: number });
        // Like ours: the first render in a fresh process (module loading included, process start-up not).
        const b = stats(bare.map((r) => r.ms));
        entry['bare'] = { ...b, pages: bare[0]!.pages, secondRunMs: stats(bare.map((r) => r.warm[0]!)).median, peakRssMB: Math.round(Math.max(...bare.map((r) => r.maxRssMB))) };
        entry['oursOverBare'] = round(t.median / b.median);
      }
      scale.push(entry);
      rows.push([`~${target} pages, ${fmt} (1st build in a fresh process)`, t.median, t.min, t.max,
        `${pages} pages, ${entry['msPerPage']} ms/page, peak RSS ${Math.round(rss)} MB` + (fmt === 'pdf' ? `; bare pdfmake ${(entry['bare'] as Stats).median} ms (${(entry['bare'] as { pages: number }).pages} pages), ours/bare ${entry['oursOverBare']}` : '')]);
    }
  }

  // 3b. Time per page at 200 pages against 50 (PDF), and the ~200-page annex, PDF and DOCX in one process (whole
  // process, peak memory), paired with Chromium printing the same text as HTML.
  const perPage = (t: number, f: string): number => Number((scale.find((e) => e['target'] === t && e['format'] === f) as { msPerPage?: number } | undefined)?.msPerPage ?? NaN);
  rows.push(['ms/page at ~200 pages ÷ at ~50, pdf', (perPage(200, 'pdf') / perPage(50, 'pdf')).toFixed(2), '', '', `${perPage(200, 'pdf')} vs ${perPage(50, 'pdf')} ms/page (target ≤ 1)`]);
  {
    const file = join(scratch, 'scale-200.json');
    log('~200 pages, pdf+docx, whole process…');
    const longData = JSON.parse(readFileSync(file, 'utf8')) as Data;
    const page = html('long', longData);
    const ours: number[] = [], chrome: number[] = [];
    let rss = 0;
    let pages = 0;
    if (chromium) chromiumPrint(chromium, page, join(scratch, 'long-chromium.pdf'), chromeDir);
    for (let i = 0; i < scaleRuns; i++) {
      const r = spawnTimed([SELF, '--one', file, 'pdf,docx', out]);
      const j = JSON.parse(r.stdout) as { pages: number; maxRssMB: number };
      ours.push(r.ms);
      rss = Math.max(rss, j.maxRssMB);
      pages = j.pages;
      if (chromium) chrome.push(chromiumPrint(chromium, page, join(scratch, 'long-chromium.pdf'), chromeDir));
    }
    const o = stats(ours);
    rows.push([`~200 pages (${pages}), pdf+docx, whole process`, o.median, o.min, o.max, `peak RSS ${Math.round(rss)} MB (target < 300)`]);
    paired['long'] = { ours: o, pages, peakRssMB: Math.round(rss) };
    if (chromium) {
      const c = stats(chrome);
      const r = ratios(ours.map((x, i) => x / chrome[i]!));
      const cp = pageCount(readFileSync(join(scratch, 'long-chromium.pdf')));
      Object.assign(paired['long'] as object, { chromium: c, oursOverChromium: r, chromiumPages: cp });
      rows.push(['Chromium prints the ~200-page annex as HTML', c.median, c.min, c.max, `${cp} pages`]);
      rows.push(['  ours / Chromium, ~200 pages pdf+docx', r.median, r.min, r.max, 'ratio of each pair (target ≤ 0.5)']);
    }
  }

  // 6. 100 documents in one build (each different: no layout reused from another): one process (--jobs 1), then
  // spread over the cores as the CLI does by default (src/cli/batch.ts), alternating, and the speed-up.
  const many = quick ? 40 : 100;
  {
    log(`${many} documents…`);
    const dir = mkdtempSync(join(scratch, 'many-'));
    const d = annex();
    for (let k = 0; k < many; k++) {
      writeData(dir, `doc-${String(k + 1).padStart(3, '0')}`, { ...d, paragraphs: d.paragraphs.map((p) => ({ ...p, text: `${p.text} (${k + 1})` })) });
    }
    const one: number[] = [];
    const spread: number[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      one.push(spawnTimed([CLI, 'build', '--force', '--jobs', '1', '--data', dir, '--out', join(dir, 'out')]).ms);
      spread.push(spawnTimed([CLI, 'build', '--force', '--data', dir, '--out', join(dir, 'out')]).ms);
    }
    const o = stats(one);
    const sp = stats(spread);
    const speedUp = round(o.median / sp.median * 100) / 100;
    paired['many'] = { documents: many, oneProcess: o, spread: sp, cores: cpus().length, speedUp, msPerDocument: round(sp.median / many) };
    rows.push([`${many} documents, pdf+docx, one build, --jobs 1`, o.median, o.min, o.max, `${round(o.median / many)} ms per document, one process`]);
    rows.push([`${many} documents, pdf+docx, one build (default: one process per core)`, sp.median, sp.min, sp.max, `${round(sp.median / many)} ms per document, ${cpus().length} cores: speed-up ${speedUp} over one process`]);
  }

  Object.assign(result, { env, chromium: chromium ?? null, paired, upToDate: utd, npmCold, startup, coldCli: cold, bareCold: bc, warm, bareWarm: bw, coldOverBare: round(cold['pdf+docx']!.median / bc.median), scale });
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(join(root, 'out', 'bench.json'), JSON.stringify(result, null, 2) + '\n');
  const m = result['machine'] as { cpus: number; cpu: string; node: string };
  console.log(`oic-docs bench — ${m.cpus} cores (${m.cpu}), Node ${m.node}, ${String(result['date']).slice(0, 10)}, N=${N}`);
  console.log(`environment: NODE_EXTRA_CA_CERTS ${env.extraCaCerts ? 'set' : 'not set'}; node -e 0 ${env.nodeStartMs} ms; npm run adds ${env.npmRunMs ?? '?'} ms; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}${chromium ? `; Chromium ${chromium}` : '; no Chromium'}\n`);
  console.log(table(rows));
  console.log('\nwritten: out/bench.json');
}

await main();
