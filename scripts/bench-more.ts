/**
 * Parts of `npm run bench` (scripts/bench.ts): the Chromium yardstick (the
 * same annex as HTML, printed to PDF by headless Chromium), the edit-to-files
 * time of `watch`, and the environment that moves every figure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Headless Chromium, when installed (Debian: `apt-get install chromium`). */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export const CHROMIUM_HOWTO = 'Chromium rows skipped: no chromium found (Debian/Ubuntu: sudo apt-get install chromium; or set CHROMIUM=/path/to/chrome)';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface AnnexData { paragraphs: { text: string; continuation?: string[] }[]; [k: string]: unknown }

/**
 * The annex as one HTML page, as a browser-based tool would print it: A4,
 * the template's margins, Amiri from the project's font file, right to left,
 * justified, the cover and then the numbered paragraphs.
 */
export function annexHtml(d: AnnexData, amiri: string, amiriBold: string): string {
  const s = (k: string): string => esc(String(d[k] ?? ''));
  const paras = d.paragraphs.map((p, i) =>
    `<p class="n"><span class="num">${i + 1}-</span>${esc(p.text)}</p>` + (p.continuation ?? []).map((c) => `<p class="c">${esc(c)}</p>`).join('')).join('\n');
  return `<!doctype html>
<html dir="rtl" lang="ar"><head><meta charset="utf-8"><title>${s('title')}</title>
<style>
@font-face { font-family: Amiri; src: url("${pathToFileURL(amiri).href}"); }
@font-face { font-family: Amiri; font-weight: bold; src: url("${pathToFileURL(amiriBold).href}"); }
@page { size: A4; margin: 70.87pt; }
body { font-family: Amiri; font-size: 14pt; line-height: 1.15; text-align: justify; margin: 0; }
.symbol { direction: ltr; text-align: left; font-size: 12pt; font-weight: bold; }
.center { text-align: center; font-weight: bold; }
.cover { page-break-after: always; }
p { margin: 0 0 8pt; } .c { margin-inline-start: 28pt; } .num { display: inline-block; width: 28pt; }
</style></head><body>
<div class="cover"><p class="symbol">${s('symbol')}<br>${s('annex')}</p>
<p class="center" style="font-size:16pt;margin-top:48pt">${s('organization')}</p>
<p class="center" style="font-size:22pt;margin-top:24pt">${s('documentType')}</p>
<p class="center" style="font-size:16pt">${s('title')}</p><p style="text-align:center">${s('venue')} ${s('date')}</p></div>
<p class="center" style="font-size:16pt">${s('documentType')} ${s('title')}</p>
${paras}
</body></html>
`;
}

/** Prints an HTML file to PDF with headless Chromium; the wall time of the whole browser run, in ms. */
export function chromiumPrint(chromium: string, html: string, pdf: string, profileDir: string): number {
  const t0 = performance.now();
  const r = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${profileDir}`,
    `--print-to-pdf=${pdf}`, pathToFileURL(html).href], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 || !existsSync(pdf)) throw new Error(`chromium failed (${r.status}):\n${r.stderr}`);
  return ms;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const inode = (f: string): number => {
  try {
    return statSync(f).ino;
  } catch {
    return -1;
  }
};

/**
 * `watch` on one data file: after each one-word edit (`edit(i)` writes the
 * file), the ms until both outputs are replaced (new files renamed into place;
 * the debounce of watch included).
 */
export async function watchEditTimes(cli: string, data: string, outDir: string, outputs: readonly string[], runs: number, edit: (i: number) => void): Promise<number[]> {
  const child = spawn(process.execPath, [cli, 'watch', data, '--out', outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  child.stdout.on('data', (b: Buffer) => void (seen += b.toString()));
  child.stderr.on('data', (b: Buffer) => void (seen += b.toString()));
  try {
    const t0 = performance.now();
    while (!seen.includes('watching')) {
      if (performance.now() - t0 > 120_000 || child.exitCode !== null) throw new Error(`watch did not start:\n${seen}`);
      await sleep(20);
    }
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await sleep(400); // the previous rebuild's manifest written, the watcher idle
      const before = outputs.map(inode);
      const start = performance.now();
      edit(i);
      while (outputs.some((f, k) => inode(f) === before[k])) {
        if (performance.now() - start > 60_000) throw new Error(`watch did not rebuild:\n${seen}`);
        await sleep(2);
      }
      times.push(performance.now() - start);
    }
    return times;
  } finally {
    child.kill('SIGTERM');
  }
}

/** What moves every figure here: a CA bundle read at each Node start, and the cost of `npm run` itself (medians of 5, ms). */
export function environment(scratch: string): { extraCaCerts: boolean; nodeStartMs: number; npmRunMs: number | undefined } {
  const median = (cmd: string, args: string[]): number | undefined => {
    const xs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = spawnSync(cmd, args, { cwd: scratch, encoding: 'utf8' });
      if (r.status !== 0) return undefined;
      xs.push(performance.now() - t0);
    }
    return Math.round(xs.sort((a, b) => a - b)[2]!);
  };
  const nodeStartMs = median(process.execPath, ['-e', '0']) ?? NaN;
  // `npm run` of a script that only starts Node: what npm adds to `npm run build`.
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'x', private: true, scripts: { n: `"${process.execPath}" -e 0` } }));
  const npm = median('npm', ['run', '-s', 'n']);
  return { extraCaCerts: Boolean(process.env['NODE_EXTRA_CA_CERTS']), nodeStartMs, npmRunMs: npm === undefined ? undefined : npm - nodeStartMs };
}
