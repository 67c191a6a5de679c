/**
 * `watch` (issue 5): a real watcher (the bundled CLI, built here) on a temp
 * copy of the project's templates and data. It picks up an edit, survives a
 * broken save (previous outputs kept) and recovers on the next good save;
 * editors' atomic (rename) saves and saves written in two steps. Every wait
 * is for an event or a file's bytes, bounded generously (no fixed sleeps).
 * Bounded in time; the process is killed in `finally`.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { bundleCli } from '../helpers/bundle.js';
import { ANNEX, tempDir } from '../pipeline/util.js';

let dir = '';
let bin = '';

beforeAll(async () => {
  ({ dir, bin } = await bundleCli('oic-watch-test'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Collects a child's output and waits (bounded) for a line matching a pattern. */
class Lines {
  text = '';
  constructor(child: ChildProcess) {
    child.stdout!.on('data', (b: Buffer) => (this.text += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (this.text += b.toString()));
  }
  async waitFor(re: RegExp, from: number, ms = 20_000): Promise<number> {
    const end = Date.now() + ms;
    for (;;) {
      const m = re.exec(this.text.slice(from));
      if (m) return from + m.index + m[0].length;
      if (Date.now() > end) throw new Error(`timed out waiting for ${re}; output so far:\n${this.text}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Waits (bounded, generously) until a file's bytes are the expected ones. */
async function waitForBytes(file: string, expected: Buffer, lines: Lines, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (readFileSync(file).equals(expected)) return;
    } catch {
      // not there yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${file} to be rebuilt; output so far:\n${lines.text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('watch', () => {
  test('picks up an edit, survives a broken save, recovers', async () => {
    const root = tempDir('oic-watch-');
    cpSync('templates', join(root, 'templates'), { recursive: true });
    mkdirSync(join(root, 'data'));
    const file = join(root, 'data', 'a.json');
    const good = readFileSync(ANNEX, 'utf8');
    writeFileSync(file, good);
    const out = join(root, 'out');
    const pdf = join(out, 'a.pdf');

    const child = spawn(process.execPath, [bin, 'watch', '--format', 'pdf', '--data', join(root, 'data'), '--templates', join(root, 'templates'), '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = new Lines(child);
    try {
      let at = await lines.waitFor(/a\.json → .*a\.pdf \(\d+ ms\)/, 0, 30_000);
      at = await lines.waitFor(/watching .*\n/, 0);
      const first = readFileSync(pdf);

      // An edit is rebuilt (a burst of saves: built from the last).
      const data = JSON.parse(good);
      data.paragraphs[0].text += ' وغيرها';
      const editedText = JSON.stringify(data, null, 2);
      for (let i = 0; i < 3; i++) writeFileSync(file, editedText);
      at = await lines.waitFor(/a\.json → .*a\.pdf \(\d+ ms\)\n/, at);
      const edited = readFileSync(pdf);
      expect(edited.equals(first)).toBe(false);

      // A broken save: an error, the process keeps running, the last good output stays.
      writeFileSync(file, '{ "template": "oic-annex", ');
      at = await lines.waitFor(/failed; the previous outputs are kept\n/, at);
      at = await lines.waitFor(/JSON|expected/, at);
      expect(child.exitCode).toBeNull();
      expect(readFileSync(pdf).equals(edited)).toBe(true);

      // The next good save recovers.
      writeFileSync(file, good);
      at = await lines.waitFor(/a\.json → .*a\.pdf \(\d+ ms\)\n/, at);
      await waitForBytes(pdf, first, lines);

      // An editor's atomic save: a temp file renamed over the data file.
      const tmp = join(root, 'data', '.a.json.swp');
      writeFileSync(tmp, editedText);
      renameSync(tmp, file);
      await waitForBytes(pdf, edited, lines);

      // A save in two steps, the second after the debounce and inside chokidar's 50 ms throttle of change
      // events (no event for it): the half-written file is not reported as broken, the whole is built.
      const from = lines.text.length;
      const bytes = Buffer.from(good);
      const fd = openSync(file, 'r+');
      try {
        ftruncateSync(fd, 0);
        writeSync(fd, bytes, 0, 200, 0);
        await new Promise((r) => setTimeout(r, 35));
        writeSync(fd, bytes, 200, bytes.length - 200, 200);
      } finally {
        closeSync(fd);
      }
      await waitForBytes(pdf, first, lines);
      at = await lines.waitFor(/a\.json → .*a\.pdf \(\d+ ms\)\n/, from);
      expect(lines.text.slice(from)).not.toMatch(/failed/);

      // A JSON file that is not a document (a list of delegates) is skipped with a note, not a failure.
      const other = readdirSync(out).sort();
      writeFileSync(join(root, 'data', 'delegates.json'), '[{ "name": "x" }]');
      await lines.waitFor(/delegates\.json: skipped, not a document: it is not a JSON object with a "template" field\n/, at);
      expect(readdirSync(out).sort()).toEqual(other);
      expect(lines.text).not.toMatch(/delegates\.json: failed/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => { child.kill('SIGKILL'); r(undefined); }, 5000);
        child.once('exit', () => { clearTimeout(t); r(undefined); });
      });
    }
  });
});
