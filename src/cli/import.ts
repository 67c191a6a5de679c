/**
 * `import DRAFT.docx [--data FILE] [--revisions accept|refuse] [--take ours|theirs] [--templates DIR] [--dry-run]`:
 * brings the edits of a Word draft back into its data file (src/import/).
 *
 * Exit status: 0 when every edit of the draft is in the data file (or there
 * was none), 1 when something needs the user (a conflict, tracked changes,
 * an edit that could not be imported: the messages say which and what to do),
 * 2 on an internal error.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importDraft } from '../import/index.js';
import { formatMessage } from '../import/messages.js';

export interface ImportIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const IMPORT_USAGE = `Usage: oic-docs import DRAFT.docx [--data FILE] [--revisions accept|refuse] [--take ours|theirs]

Brings the edits made in a Word draft (made by build) back into its data file.
Each field's text is compared with the draft as it was sent out (kept inside
the draft) and with the data file as it is now: an edit made on one side only
goes in; the same field edited on both sides is a conflict, and nothing is
written unless --take says which side wins.

  --data FILE        the data file (default: data/<the file the draft was made from>)
  --revisions MODE   tracked changes: refuse (default: import nothing, name the fields) or accept
  --take SIDE        resolve conflicts: ours (the data file) or theirs (the draft)
  --templates DIR    templates folder (default: the project's templates/)
  --dry-run          show what would change, write nothing
  --debug            show stack traces of internal errors`;

export async function runImport(argv: readonly string[], io: ImportIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string' }, revisions: { type: 'string' }, take: { type: 'string' }, templates: { type: 'string' },
        'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message.split('\n')[0]} (run with --help for the usage)`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(IMPORT_USAGE);
    return 0;
  }
  const usage = (m: string): number => {
    io.err(`${m} (run with --help for the usage)`);
    return 1;
  };
  if (positionals.length !== 1) return usage(positionals.length === 0 ? 'name the Word draft to import, e.g. import out/report.docx' : 'import one draft at a time');
  const revisions = values.revisions ?? 'refuse';
  if (revisions !== 'accept' && revisions !== 'refuse') return usage(`--revisions must be accept or refuse, not "${revisions}"`);
  const take = values.take;
  if (take !== undefined && take !== 'ours' && take !== 'theirs') return usage(`--take must be ours or theirs, not "${take}"`);
  for (const k of ['data', 'templates'] as const) if (values[k] === '') return usage(`--${k} needs a name`);
  try {
    const r = await importDraft(positionals[0]!, {
      revisions,
      ...(take !== undefined ? { take } : {}),
      ...(values.data !== undefined ? { data: values.data } : {}),
      ...(values.templates !== undefined ? { templatesDir: resolve(values.templates) } : {}),
      ...(values['dry-run'] ? { dryRun: true } : {}),
    });
    for (const m of r.messages) (m.severity === 'note' ? io.out : io.err)(formatMessage(m));
    if (r.written) io.out(`${r.dataFile}: ${r.changed.length} field(s) changed`);
    else if (values['dry-run'] && r.text !== undefined) io.out(`${r.dataFile}: ${r.changed.length} field(s) would change (dry run: nothing written)`);
    return r.messages.some((m) => m.severity === 'error' || m.severity === 'skipped') ? 1 : 0;
  } catch (e) {
    const err = e as Error;
    io.err(`internal error: ${err?.message ?? String(e)}${values.debug ? '' : ' (run with --debug for the stack trace)'}`);
    if (values.debug && err?.stack) io.err(err.stack);
    return 2;
  }
}
