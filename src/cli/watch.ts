/**
 * `watch`: builds everything once, then rebuilds what a saved file affects:
 *
 *   data/<name>.json                 → that document
 *   templates/<t>/** (template, partials, schema, styles)
 *                                    → every document of template <t>
 *   fonts/** (fonts.json, font files) → the process restarts itself (the text
 *                                      engine caches fonts for the process), which
 *                                      rebuilds what the change affects
 *
 * A save is built DEBOUNCE_MS after its first event (a burst of writes in
 * that time is one rebuild); a save during a rebuild queues a follow-up.
 * chokidar drops a file's change events for 50 ms after one it reported, so
 * a save written in two steps further apart than the debounce could end with
 * the first half built and no event for the rest: RECHECK_MS after the last
 * event of a file, its size and times are compared with those it was built
 * from, and it is built again when they differ. A build that fails on a file
 * that changed meanwhile (half a save) is not reported: the rebuild is. An error is printed and the watcher keeps
 * running; the last good outputs stay (writes are atomic), and the next good
 * save recovers. Everything loaded (templates, fonts, backends) stays warm.
 */
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { watch as chokidar } from 'chokidar';
import { buildFile } from '../pipeline/build.js';
import { dataFolder, notADocument } from '../input/folder.js';
import type { BuildOptions } from '../pipeline/options.js';
import { templateNameOf } from '../incremental.js';
import { projectRoot } from '../paths.js';
import { defaultTemplatesDir, displayPath } from '../template/place.js';
import { printResult, type Io } from './report.js';

export const DEBOUNCE_MS = 20;
/** After chokidar's 50 ms throttle of a file's change events, with a margin. */
export const RECHECK_MS = 80;

/** What tells one state of a file from the next (undefined: gone). */
async function signature(abs: string): Promise<string | undefined> {
  try {
    const s = await stat(abs, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return undefined;
  }
}

const clock = (): string => new Date().toTimeString().slice(0, 8);

/**
 * Runs until SIGINT / SIGTERM; returns the exit status. One function on
 * purpose: its closures share the watcher's state (the documents and their
 * templates, the debounce timer, the rebuild queue), and split apart they
 * would pass all of it around.
 */
export async function watch(files: readonly string[], options: BuildOptions, io: Io, report: (e: unknown) => number): Promise<number> {
  const dataDir = resolve(options.dataDir ?? 'data');
  const templatesDir = resolve(options.templatesDir ?? defaultTemplatesDir());
  const fontsDir = join(projectRoot(), 'fonts');
  const explicit = files.length > 0;
  /** Data files by absolute path → the path as given (shown in messages). */
  const docs = new Map<string, string>();
  /** The template each data file named when last read (undefined: unknown, e.g. bad JSON). */
  const templateOf = new Map<string, string | undefined>();

  const isDataFile = (abs: string): boolean =>
    explicit ? docs.has(abs) : /\.json$/i.test(abs) && resolve(abs, '..') === dataDir;
  const inside = (abs: string, dir: string): boolean => abs.startsWith(dir + sep);

  let initial: string[];
  try {
    if (explicit) initial = [...files];
    else {
      const folder = await dataFolder(options.dataDir);
      initial = [...folder.documents];
      for (const s of folder.skipped) io.out(`${s.file}: skipped, ${s.reason}`);
    }
  } catch (e) {
    return report(e);
  }
  for (const f of initial) docs.set(resolve(f), f);

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let building: Promise<void> | undefined;
  let stopped = false;

  /** The signature of each data file as it was when its last build began. */
  const builtFrom = new Map<string, string | undefined>();
  /** When each data file's last event came. */
  const lastEvent = new Map<string, number>();
  const rechecks = new Map<string, NodeJS.Timeout>();
  /** RECHECK_MS after a data file's last event: built again if it changed since its build began (a dropped event). */
  const recheckLater = (abs: string): void => {
    clearTimeout(rechecks.get(abs));
    rechecks.set(abs, setTimeout(() => {
      rechecks.delete(abs);
      void signature(abs).then((now) => {
        if (stopped || pending.has(abs) || !docs.has(abs) || now === undefined || now === builtFrom.get(abs)) return;
        pending.add(abs);
        schedule();
      });
    }, RECHECK_MS));
  };
  /** Did the file change since its build began? Waits until chokidar would report a further write first. */
  const changedSinceBuild = async (abs: string): Promise<boolean> => {
    const wait = (lastEvent.get(abs) ?? 0) + RECHECK_MS - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return (await signature(abs)) !== builtFrom.get(abs);
  };

  const buildOne = async (abs: string, force: boolean): Promise<void> => {
    const shown = docs.get(abs) ?? displayPath(abs);
    builtFrom.set(abs, await signature(abs));
    templateOf.set(abs, templateNameOf(await readFile(abs).catch(() => new Uint8Array())));
    const notDoc = explicit ? undefined : await notADocument(abs);
    if (notDoc) {
      io.out(`[${clock()}] ${shown}: skipped, ${notDoc}`);
      return;
    }
    try {
      const r = await buildFile(shown, force ? { ...options, force: true } : options);
      printResult(r, io, `[${clock()}] `);
    } catch (e) {
      if (!stopped && (await changedSinceBuild(abs))) {
        pending.add(abs); // half a save: built again from the whole of it, no failure shown
        return;
      }
      io.out(`[${clock()}] ${shown}: failed; the previous outputs are kept`);
      report(e);
    }
  };

  const drain = async (): Promise<void> => {
    while (pending.size > 0 && !stopped) {
      const batch = [...pending].sort();
      pending.clear();
      for (const abs of batch) await buildOne(abs, false);
    }
  };
  const kick = (): void => {
    if (building || stopped) return; // the running drain picks the new saves up when it is done
    building = drain().finally(() => {
      building = undefined;
      if (pending.size > 0) schedule();
    });
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      kick();
    }, DEBOUNCE_MS);
  };

  // Build everything once.
  for (const abs of [...docs.keys()]) await buildOne(abs, options.force === true);

  const watched = [...(explicit ? [...docs.keys()] : [dataDir]), templatesDir, fontsDir];

  let finish!: (code: number) => void;
  const finished = new Promise<number>((r) => (finish = r));
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const shutdown = async (then: () => Promise<number>): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const t of rechecks.values()) clearTimeout(t);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    clearInterval(keepAlive);
    await watcher.close();
    await building;
    finish(await then());
  };
  const stop = (): void => void shutdown(async () => 0);

  const onEvent = (event: string, path: string): void => {
    if (stopped) return;
    const abs = resolve(path);
    if (inside(abs, fontsDir) || abs === fontsDir) {
      if (event === 'addDir' || event === 'unlinkDir') return;
      io.out(`[${clock()}] ${displayPath(abs)} changed: restarting to load the fonts again`);
      void shutdown(restartSelf);
      return;
    }
    if (inside(abs, templatesDir)) {
      const name = relative(templatesDir, abs).split(sep)[0]!;
      let any = false;
      for (const doc of docs.keys()) {
        const t = templateOf.get(doc);
        if (t === name || t === undefined) {
          pending.add(doc);
          any = true;
        }
      }
      if (any) schedule();
      return;
    }
    if (isDataFile(abs)) {
      if (event === 'unlink') {
        if (!explicit) docs.delete(abs);
        pending.delete(abs);
        io.out(`[${clock()}] ${displayPath(abs)} removed (its outputs are left as they are)`);
        return;
      }
      if (event !== 'add' && event !== 'change') return;
      if (!docs.has(abs)) docs.set(abs, displayPath(abs));
      lastEvent.set(abs, performance.now());
      pending.add(abs);
      schedule();
      recheckLater(abs);
    }
  };
  const watcher = chokidar(watched, { ignoreInitial: true, depth: 8 });
  watcher.on('all', onEvent);
  watcher.on('error', (e) => io.err(`watch error: ${(e as Error).message ?? String(e)}`));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise<void>((r) => watcher.once('ready', () => r()));
  io.out(`[${clock()}] watching ${watched.map(displayPath).join(', ')} (Ctrl+C to stop)`);
  return finished;
}

/** Runs this same command in a fresh process (signals forwarded) and returns its exit status. */
function restartSelf(): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => (): void => void child.kill(sig);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done(code ?? (signal ? 1 : 0));
    });
  });
}
