/**
 * A build of many documents spread over the machine's cores: `--jobs`
 * helper processes (the same CLI, started with the hidden command
 * `__batch-worker`) take the documents to build from one queue, two at a
 * time, so a long document does not hold back the rest. Each helper sends
 * back the lines it would have printed; they are printed here as they come
 * (the progress of a long batch), then the summary of all of them.
 *
 * A helper runs V8 single-threaded (`--single-threaded`): alone, a build
 * keeps about 1.4 cores busy (V8's compiler and collector threads beside
 * the main one), so on two cores two ordinary processes got in each other's
 * way (0.97 of one process's wall time for 100 documents, 1.3 its cpu);
 * two single-threaded helpers take 0.77 of it. This process only hands out
 * the documents and prints, and builds what a helper that died left.
 *
 * Only documents that need building count: an up-to-date one is answered by
 * planning alone. A helper costs a start-up (Node, the single file, a first
 * build while V8 is still compiling: several documents' worth), so a batch
 * is spread only when each of at least two helpers gets PER_HELPER
 * documents (batch-size.ts); else this process builds them all. main.ts
 * decides it before the single file is loaded: a process that only hands
 * out documents runs the ordinary bundle's planning modules alone.
 * Each document is built exactly as one process would build it (same bytes:
 * tests/cli/batch.test.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { buildFile, documentsOf } from '../pipeline/build.js';
import { type BuildFailure, type BuildOptions, type BuildResult, NeedsBuild, type Skipped } from '../pipeline/options.js';
import { printResult, report, type Io } from './report.js';
import { helpersFor } from './batch-size.js';

/** The entry a helper process runs: the CLI this process runs, when it is the bundled one. */
function helperEntry(): string | undefined {
  const dist = (globalThis as { __oicDistDir?: string }).__oicDistDir;
  if (dist) return join(dist, 'cli.js');
  const argv1 = process.argv[1];
  return argv1 && /(^|[\\/])cli\.js$/.test(argv1) ? argv1 : undefined;
}

/** What a document's build printed, as a helper sends it back. */
interface Done {
  readonly file: string;
  readonly lines: readonly { readonly err: boolean; readonly text: string }[];
  /** built, up to date, or failed with exit status 1 (a user's mistake) or 2 (an internal error). */
  readonly status: 'built' | 'upToDate' | 1 | 2;
}

/** The outcome of a batch: the counts the summary needs and the worst exit status. */
export interface BatchOutcome {
  readonly built: number;
  readonly upToDate: number;
  readonly failed: number;
  readonly skipped: readonly Skipped[];
  readonly status: 0 | 1 | 2;
}

/** Builds one document the way `build` does, collecting what it prints. */
async function buildOne(file: string, options: BuildOptions, debug: boolean): Promise<Done> {
  const lines: { err: boolean; text: string }[] = [];
  const io: Io = { out: (text) => lines.push({ err: false, text }), err: (text) => lines.push({ err: true, text }) };
  try {
    const r = await buildFile(file, options);
    printResult(r, io);
    return { file, lines, status: r.outputs.length > 0 ? 'built' : 'upToDate' };
  } catch (e) {
    return { file, lines, status: report(e, io, debug) };
  }
}

/**
 * The documents that need building, in order, with the answers of those that do not (planning only:
 * nothing is loaded). A document whose plan fails is built, and reports its error then.
 */
async function plan(inputs: readonly string[], options: BuildOptions): Promise<{ todo: string[]; answered: (BuildResult | BuildFailure)[] }> {
  const todo: string[] = [];
  const answered: (BuildResult | BuildFailure)[] = [];
  for (const input of inputs) {
    try {
      answered.push(await buildFile(input, { ...options, probe: true }));
    } catch (error) {
      if (error instanceof NeedsBuild) todo.push(input);
      else answered.push({ input, error });
    }
  }
  return { todo, answered };
}

/**
 * Builds the documents with `jobs` processes at most; undefined when the batch is too small for a
 * helper (the caller builds it in this process, as always).
 */
export async function buildBatch(files: readonly string[], options: BuildOptions, jobs: number, io: Io, debug: boolean): Promise<BatchOutcome | undefined> {
  const entry = helperEntry();
  if (jobs < 2 || entry === undefined || options.probe) return undefined;
  const { inputs, skipped } = await documentsOf(files, options.dataDir);
  if (helpersFor(inputs.length, jobs) === 0) return undefined; // too few, whatever needs building
  const { todo, answered } = options.force ? { todo: [...inputs], answered: [] } : await plan(inputs, options);
  const helpers = helpersFor(todo.length, jobs);
  if (helpers === 0) return undefined;

  let built = 0;
  let upToDate = 0;
  let failed = 0;
  let status: 0 | 1 | 2 = 0;
  const fail = (code: 1 | 2): void => {
    failed++;
    status = status === 2 ? 2 : code;
  };
  for (const a of answered) {
    if ('error' in a) fail(report(a.error, io, debug));
    else {
      printResult(a, io);
      upToDate++;
    }
  }
  const print = (d: Done): void => {
    for (const l of d.lines) (l.err ? io.err : io.out)(l.text);
    if (d.status === 'built') built++;
    else if (d.status === 'upToDate') upToDate++;
    else fail(d.status);
  };

  io.err(`building ${todo.length} documents in ${helpers} processes`);
  const queue = [...todo];
  const running: Promise<void>[] = [];
  for (let h = 0; h < helpers; h++) running.push(helper(entry, options, debug, queue, print));
  await Promise.all(running);
  // What a helper that died left (its own message, if any, is on stderr), built here.
  while (queue.length) print(await buildOne(queue.shift()!, options, debug));
  return { built, upToDate, failed, skipped, status };
}

/** Messages between this process and a helper. */
type ToHelper = { readonly file: string } | { readonly done: true };
type FromHelper = Done;

/** Keeps a helper fed, two documents ahead (it never waits for the next one). */
function helper(entry: string, options: BuildOptions, debug: boolean, queue: string[], print: (d: Done) => void): Promise<void> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(entry, ['__batch-worker'], {
      execArgv: [...process.execArgv, '--single-threaded'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, OIC_BATCH_OPTIONS: JSON.stringify({ options, debug }) },
    });
    const inFlight = new Set<string>();
    let finished = false;
    const feed = (): void => {
      if (finished) return;
      while (inFlight.size < 2 && queue.length) {
        const file = queue.shift()!;
        inFlight.add(file);
        child.send({ file } satisfies ToHelper);
      }
      if (inFlight.size === 0) child.send({ done: true } satisfies ToHelper);
    };
    child.on('message', (m: FromHelper) => {
      if (!inFlight.delete(m.file)) return;
      print(m);
      feed();
    });
    const finish = (): void => {
      if (finished) return;
      finished = true;
      // Anything it had not finished goes back to the queue (this process builds it).
      queue.push(...inFlight);
      inFlight.clear();
      resolve();
    };
    child.on('exit', finish);
    // Not started, or its channel closed: 'exit' may not follow (Node's documentation).
    child.on('error', finish);
    feed();
  });
}

/** The hidden command `__batch-worker`: builds the documents it is sent until told it is done. */
export function batchWorker(): Promise<number> {
  const { options, debug } = JSON.parse(process.env['OIC_BATCH_OPTIONS'] ?? '{}') as { options: BuildOptions; debug: boolean };
  return new Promise((resolve) => {
    let chain = Promise.resolve();
    process.on('message', (m: ToHelper) => {
      chain = chain.then(async () => {
        if ('done' in m) {
          process.disconnect();
          resolve(0);
          return;
        }
        process.send!(await buildOne(m.file, options, debug) satisfies FromHelper);
      });
    });
  });
}
