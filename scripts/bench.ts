/**
 * `npm run bench`: bundled with the CLI (scripts/bundle.mjs) and run as dist/bench.js.
 *
 *   1. cold CLI build of the annex, a whole `node dist/cli.js build --force` process: pdf+docx, pdf, docx
 *   2. warm rebuild in one process after a one-word edit of the data, per format
 *   3. the annex body repeated to ~10, 50 and 200 pages: time, peak RSS, time per page (one process each)
 *   4. the same paragraphs through bare pdfmake (plain justified Amiri, no RTL engine), cold and warm,
 *      and our time divided by it
 *
 * Prints a table (median, min, max) and writes out/bench.json. No targets are asserted.
 *
 *   node dist/bench.js [--runs N] [--quick]
 *   node dist/bench.js --one FILE FORMATS OUTDIR   (child: one build, prints JSON)
 *   node dist/bench.js --bare FILE REPEAT          (child: bare pdfmake, prints JSON)
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFile } from '../src/pipeline.js';
import { loadFontConfig } from '../src/text/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const CLI = join(root, 'dist', 'cli.js');
const SELF = fileURLToPath(import.meta.url);
const ANNEX = join(root, 'data', 'acm-2018-azer-rep-annex-v.json');

interface Stats { median: number; min: number; max: number; runs: number[] }
function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median: round(median), min: round(s[0]!), max: round(s[s.length - 1]!), runs: xs.map(round) };
}
const round = (x: number): number => Math.round(x * 10) / 10;

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

function spawnTimed(args: string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root });
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

  // 1. Cold CLI builds.
  const cold: Record<string, Stats> = {};
  for (const [label, fmt] of [['pdf+docx', 'pdf,docx'], ['pdf', 'pdf'], ['docx', 'docx']] as const) {
    log(`cold CLI ${label}…`);
    const ms: number[] = [];
    for (let i = 0; i < N; i++) ms.push(spawnTimed([CLI, 'build', '--force', '--format', fmt, '--out', out, ANNEX]).ms);
    cold[label] = stats(ms);
    rows.push([`cold CLI build, ${label}`, cold[label]!.median, cold[label]!.min, cold[label]!.max, 'whole process']);
  }

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

  Object.assign(result, { coldCli: cold, bareCold: bc, warm, bareWarm: bw, coldOverBare: round(cold['pdf+docx']!.median / bc.median), scale });
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(join(root, 'out', 'bench.json'), JSON.stringify(result, null, 2) + '\n');
  const m = result['machine'] as { cpus: number; cpu: string; node: string };
  console.log(`oic-docs bench — ${m.cpus} cores (${m.cpu}), Node ${m.node}, ${String(result['date']).slice(0, 10)}, N=${N}\n`);
  console.log(table(rows));
  console.log('\nwritten: out/bench.json');
}

await main();
