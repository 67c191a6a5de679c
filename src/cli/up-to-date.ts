/**
 * The up-to-date check ahead of the single-file bundle. `node dist/cli.js
 * build` runs the single file (src/cli/single-file.ts), whose code cache is
 * read and deserialized whole: about 30 ms more than the ordinary bundle
 * needs to find that nothing is to be done. So a `build` without `--force`
 * first plans every document with the ordinary bundle's modules (the plan
 * reads only the data, template and font fingerprints and the manifests);
 * when every output is up to date it prints what the build prints and ends.
 * Otherwise it prints nothing and the single file runs the build, planning
 * again (the same code: nothing is decided twice differently). Unless it
 * is a batch for helper processes (src/cli/batch.ts): this process, without
 * the single file, then hands the documents out.
 */
import { run, type Io } from './run.js';
import { helpersFor, jobsOf } from './batch-size.js';

/** The exit status when every document was up to date (its lines printed); undefined (nothing printed) otherwise. */
export async function upToDateRun(argv: readonly string[], io: Io): Promise<number | undefined> {
  const lines: { out: boolean; line: string }[] = [];
  let needs = 0;
  const code = await run(argv, { out: (line) => lines.push({ out: true, line }), err: (line) => lines.push({ out: false, line }) }, {
    needsBuild: () => {
      needs++;
    },
  });
  if (needs && helpersFor(needs, jobsOf(argv) ?? 1) > 0) return run(argv, io);
  // Something to build, or an internal error: the single file runs the command and says it itself.
  if (needs || code === 2) return undefined;
  for (const l of lines) (l.out ? io.out : io.err)(l.line);
  return code;
}
