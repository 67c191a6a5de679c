/**
 * Typed errors. Every problem a user can cause has a code from this closed set,
 * the file it is in, where in the file (JSON pointer, or template line), what
 * was expected, and what to do. The CLI prints `formatError()`; stack traces are
 * only shown with --debug.
 */

/** Every error code, once: the type and the runtime set both come from this list. */
export const ERROR_CODES = [
  'JSON_SYNTAX', 'SCHEMA', 'UNKNOWN_TEMPLATE', 'BAD_DATE', 'TEMPLATE', 'MISSING_HELPER', 'MARKUP',
  /** An `<image>` file that is missing, unreadable, or not a PNG/JPEG of the template folder. */
  'IMAGE',
  /** A footnote whose marker position (`after`) does not occur in its paragraph. */
  'FOOTNOTE',
  'FONT_MISSING', 'MISSING_GLYPHS', 'EMPTY_DOCUMENT', 'BIDI_CONTROL', 'UNKNOWN_FORMAT', 'UNSUPPORTED_NODE',
  'OUTPUT_UNWRITABLE', 'INPUT_UNREADABLE',
  /** The data file is not saved as UTF-8 (UTF-16, Windows-1256…). */
  'ENCODING',
  /** C0/C1 control characters (tab, NUL, …) in data text. */
  'CONTROL_CHAR',
  /** `extract` would replace a file that differs (without --force). */
  'WOULD_OVERWRITE',
  /** A warning: a paragraph begins with a number typed by hand. */
  'TYPED_NUMBER',
  /** A backend's error finding whose code is not one of the above. */
  'RENDER',
  'USAGE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetails {
  readonly file?: string;
  /** JSON pointer (`/paragraphs/3/text`) for data errors. */
  readonly pointer?: string;
  /** 1-based line (and column) for template or JSON syntax errors. */
  readonly line?: number;
  readonly column?: number;
  /** The place in the user's words ("paragraph 5"), when the pointer alone is not. */
  readonly place?: string;
  /** What to do about it, in the user's terms. */
  readonly hint?: string;
  readonly cause?: unknown;
}

export class DocError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly pointer: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly place: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DocError';
    this.code = code;
    this.file = details.file;
    this.pointer = details.pointer;
    this.line = details.line;
    this.column = details.column;
    this.place = details.place;
    this.hint = details.hint;
  }

  /** The same error, attributed to a file (if it had none). */
  inFile(file: string): DocError {
    if (this.file !== undefined) return this;
    return new DocError(this.code, this.message, { ...this.details(), file });
  }

  details(): ErrorDetails {
    const d: { -readonly [K in keyof ErrorDetails]: ErrorDetails[K] } = {};
    if (this.file !== undefined) d.file = this.file;
    if (this.pointer !== undefined) d.pointer = this.pointer;
    if (this.line !== undefined) d.line = this.line;
    if (this.column !== undefined) d.column = this.column;
    if (this.place !== undefined) d.place = this.place;
    if (this.hint !== undefined) d.hint = this.hint;
    if (this.cause !== undefined) d.cause = this.cause;
    return d;
  }
}

/** Several problems found at once in one document. */
export class DocErrors extends Error {
  readonly errors: readonly DocError[];
  constructor(errors: readonly DocError[]) {
    super(errors.map(formatError).join('\n'));
    this.name = 'DocErrors';
    this.errors = errors;
  }
}

/** `file:line:column: /pointer (paragraph 5): message (what to do)`; each part when known. */
export function formatError(e: DocError): string {
  let where = e.file ?? '';
  if (e.line !== undefined) where += `:${e.line}${e.column !== undefined ? `:${e.column}` : ''}`;
  if (e.pointer !== undefined) where += `${where ? ': ' : ''}${e.pointer === '' ? '/' : e.pointer}`;
  if (e.place !== undefined) where += `${where ? ' ' : ''}(${e.place})`;
  const head = where ? `${where}: ` : '';
  return `${head}${e.message}${e.hint ? ` (${e.hint})` : ''}`;
}

export function errorsOf(e: unknown): DocError[] | undefined {
  if (e instanceof DocErrors) return [...e.errors];
  if (e instanceof DocError) return [e];
  return undefined;
}

const CODES: ReadonlySet<string> = new Set<string>(ERROR_CODES);

/** What to do about a backend's error finding, by its code. */
const DIAGNOSTIC_HINTS: Readonly<Record<string, string>> = {
  MISSING_GLYPHS: "use characters the document's fonts have, or add a font that has them to fonts/fonts.json",
  EMPTY_DOCUMENT: 'the template printed nothing: check the data and the template',
  UNSUPPORTED_NODE: 'the template uses markup this format cannot print: change the template',
};

/**
 * A backend's error-severity finding (a `Diagnostic`) as a DocError: the build
 * fails on it and writes nothing. `file` is the data file, used when the
 * finding names no file of its own.
 */
export function diagnosticError(d: { readonly code: string; readonly message: string; readonly severity?: string; readonly source?: { readonly file?: string; readonly pointer?: string } }, file: string): DocError {
  const code = (CODES.has(d.code) ? d.code : 'RENDER') as ErrorCode;
  const details: { -readonly [K in keyof ErrorDetails]: ErrorDetails[K] } = { file: d.source?.file ?? file };
  if (d.source?.pointer !== undefined) details.pointer = d.source.pointer;
  const hint = DIAGNOSTIC_HINTS[d.code] ?? (d.severity === 'warning' || d.severity === 'info' ? undefined : 'this document cannot be printed as it is: check the data and the template');
  if (hint !== undefined) details.hint = hint;
  return new DocError(code, d.message, details);
}
