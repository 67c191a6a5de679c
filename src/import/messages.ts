/**
 * What `import` tells the secretariat. Every message names the file, the
 * field (JSON pointer and the name Word shows) or the place in the draft,
 * and what to do. The README lists them all.
 *
 * - `error`: nothing is written (conflicts, tracked changes, invalid result);
 * - `skipped`: that edit is not imported, the others are (exit status 1);
 * - `warning`: imported, but look at it;
 * - `note`: for information (comments, the summary).
 */
export type Severity = 'error' | 'skipped' | 'warning' | 'note';

export type MessageCode =
  | 'DRAFT_UNREADABLE'
  | 'NO_MERGE_BASE'
  | 'DATA_UNREADABLE'
  | 'TRACKED_CHANGES'
  | 'CONFLICT'
  | 'DRAFT_DISAGREES'
  | 'INVALID_RESULT'
  | 'DATA_UNWRITABLE'
  | 'OUTSIDE_FIELD'
  | 'UNSUPPORTED_CONTENT'
  | 'BREAK_IN_FIELD'
  | 'DERIVED_EDITED'
  | 'FIELD_MISSING'
  | 'FOUND_BY_POSITION'
  | 'CONTINUATION_ADDED'
  | 'FOOTNOTE_ADDED'
  | 'TEMPLATE_CHANGED'
  | 'OTHER_DATA_FILE'
  | 'COMMENT'
  | 'CHANGED'
  | 'UNCHANGED';

export interface ImportMessage {
  readonly severity: Severity;
  readonly code: MessageCode;
  /** The file the message is about (data file or draft). */
  readonly file: string;
  readonly pointer?: string;
  readonly message: string;
  readonly hint?: string;
}

/** `file: /pointer: message (what to do)`, with the severity first for anything but notes. */
export function formatMessage(m: ImportMessage): string {
  const head = m.severity === 'note' ? '' : `${m.severity === 'skipped' ? 'not imported' : m.severity}: `;
  const where = `${m.file}${m.pointer !== undefined ? `: ${m.pointer === '' ? '/' : m.pointer}` : ''}`;
  return `${head}${where}: ${m.message}${m.hint ? ` (${m.hint})` : ''}`;
}

/** Text quoted in a message: shown with its invisible characters and cut when long. */
export function quote(s: string, max = 80): string {
  const shown = s
    .replace(/\u2029/g, '⏎')
    .replace(/\n/g, '↵')
    .replace(/[\u200B-\u200F\u2028\u202A-\u202E\u2060-\u2069\uFEFF\u061C]/g, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
  const chars = [...shown];
  return `«${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : shown}»`;
}
