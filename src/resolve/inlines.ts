/**
 * Inlines → resolved inlines: formats, and the bidi isolates of data fields
 * and of inlines with their own direction.
 *
 * The bidi policy (README, "Bidi policy"): a data field is an isolate in the
 * direction of the text it stands in — the paragraph's, or that of an
 * enclosing inline with its own `dir` — so a field that starts with a Latin
 * word (`COVID-19: الاجتماع…`) still reads right to left in an Arabic
 * paragraph, and nothing in a field reorders the text around it. Only where
 * the template asks for it (`<span dir="auto">{{field}}</span>`) does the
 * field take the direction of its own first strong letter (FSI).
 */
import type { Dir, FootnoteNode, Inline, NumberStyle } from '../model/index.js';
import { firstStrongDir } from '../text/bidi.js';
import { leftToRightSpans } from './links.js';
import type { Direction, RInline, RunFormat } from './types.js';

export interface InlineContext {
  readonly format: RunFormat;
  /** The direction of the text around: the paragraph's, or an enclosing isolate's. */
  readonly dir: Direction;
  readonly numberStyle: NumberStyle;
  /** Running header or footer: data there is derived (repeated on every page). */
  readonly running: boolean;
  /** Occurrences so far per JSON pointer, shared by the whole document. */
  readonly occurrences: Map<string, number>;
  /** Told of an inline of a type the model does not have. */
  readonly unsupported: (n: unknown) => void;
  /** Inside a data field: addresses in the text become links (links.ts). */
  readonly links?: boolean;
  /** A footnote's marker here: numbers the note and resolves its text (index.ts). */
  readonly footnote: (n: FootnoteNode, ctx: InlineContext, format: RunFormat) => RInline[];
}

function withLang(format: RunFormat, lang: string | undefined): RunFormat {
  return lang === undefined || lang === format.lang ? format : { ...format, lang };
}

/** The direction an isolate of `dir` gives its content, as far as it is known before layout. */
/**
 * The direction an FSI gives its content (UAX #9 P2): the first strong letter
 * of the text directly in it — inlines with a direction of their own and data
 * fields are isolates, which do not count — else the text around.
 */
function autoDir(nodes: readonly Inline[], around: Direction): Direction {
  let text = '';
  const walk = (list: readonly Inline[]): void => {
    for (const n of list) {
      if (n.type === 'text' && n.dir === undefined) text += n.value;
      else if ((n.type === 'strong' || n.type === 'emphasis' || n.type === 'span') && n.dir === undefined) walk(n.children);
    }
  };
  walk(nodes);
  return firstStrongDir(text) ?? around;
}

export function resolveInlines(nodes: readonly Inline[], ctx: InlineContext): RInline[] {
  const out: RInline[] = [];
  for (const n of nodes) out.push(...resolveInline(n, ctx));
  return out;
}

/** Wraps `children` in an isolate of `dir`, or returns them as they are. */
function isolate(dir: Dir | undefined, children: RInline[]): RInline[] {
  return dir === undefined ? children : [{ kind: 'isolate', dir, children }];
}

function resolveInline(n: Inline, ctx: InlineContext): RInline[] {
  const format = withLang(ctx.format, n.lang);
  const here = n.dir !== undefined && n.dir !== 'auto' ? { ...ctx, format, dir: n.dir } : { ...ctx, format };
  switch (n.type) {
    case 'text':
      return n.value === '' ? [] : isolate(n.dir, ctx.links === true ? linkedText(n.value, format) : [{ kind: 'text', text: n.value, format }]);
    case 'strong':
      return isolate(n.dir, resolveInlines(n.children, { ...here, format: { ...format, bold: true } }));
    case 'emphasis':
      return isolate(n.dir, resolveInlines(n.children, { ...here, format: { ...format, italic: true } }));
    case 'lineBreak':
      return [{ kind: 'break', format }];
    case 'field':
      return [{ kind: 'field', name: n.name, format, numberStyle: ctx.numberStyle }];
    case 'data':
      return [dataIsolate(n, n.dir ?? ctx.dir, ctx, format)];
    case 'footnote':
      return ctx.footnote(n, here, format);
    case 'span': {
      // A span around a single data field gives the field its direction (one isolate, not two:
      // an FSI around an RLI would find no strong letter and fall back to left to right).
      const only = n.children.length === 1 ? n.children[0] : undefined;
      if (only?.type === 'data' && only.dir === undefined && n.dir !== undefined) {
        return [dataIsolate(only, n.dir, ctx, withLang(format, only.lang))];
      }
      if (n.dir === undefined) return resolveInlines(n.children, here);
      if (n.dir !== 'auto') return [{ kind: 'isolate', dir: n.dir, children: resolveInlines(n.children, here) }];
      // FSI: data inside it takes the direction its first strong letter gives (resolved once: data counts its occurrences).
      return [{ kind: 'isolate', dir: 'auto', children: resolveInlines(n.children, { ...here, dir: autoDir(n.children, ctx.dir) }) }];
    }
    default:
      ctx.unsupported(n);
      return [];
  }
}

function dataIsolate(n: Extract<Inline, { type: 'data' }>, dir: Dir, ctx: InlineContext, format: RunFormat): RInline {
  const pointer = n.source?.pointer;
  let occurrence = 0;
  if (pointer !== undefined) {
    occurrence = ctx.occurrences.get(pointer) ?? 0;
    ctx.occurrences.set(pointer, occurrence + 1);
  }
  const children = resolveInlines(n.children, { ...ctx, format, dir: dir === 'auto' ? autoDir(n.children, ctx.dir) : dir, links: true });
  const data = { source: n.source ?? {}, derived: n.derived === true || ctx.running, occurrence };
  return { kind: 'isolate', dir, data, children };
}

/**
 * Data text split where links and telephone numbers begin and end. Each is
 * a left-to-right isolate: a web or e-mail address and a number written in
 * groups read left to right as one unit in every language, where the bidi
 * algorithm alone would move an address's final `/` to the other end or turn
 * a number's groups around next to Arabic (`5710 294 312 90+`). Linked
 * pieces carry their target.
 */
function linkedText(text: string, format: RunFormat): RInline[] {
  const spans = leftToRightSpans(text);
  if (spans.length === 0) return [{ kind: 'text', text, format }];
  const out: RInline[] = [];
  let at = 0;
  for (const l of spans) {
    if (l.start > at) out.push({ kind: 'text', text: text.slice(at, l.start), format });
    const piece: RInline = { kind: 'text', text: text.slice(l.start, l.end), format, ...(l.target !== undefined ? { link: l.target } : {}) };
    out.push({ kind: 'isolate', dir: 'ltr', children: [piece] });
    at = l.end;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at), format });
  return out;
}

/** The plain logical text of resolved inlines (fields empty, breaks as newlines). */
export function resolvedText(nodes: readonly RInline[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.kind === 'text') s += n.text;
    else if (n.kind === 'break') s += '\n';
    else if (n.kind === 'isolate') s += resolvedText(n.children);
  }
  return s;
}
