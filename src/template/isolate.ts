/**
 * Data as bidi isolates, done on the template's AST (never on its text).
 *
 * Every `{{expr}}` of a template is rewritten, before compilation, into a call
 * of the internal `__data` helper:
 *
 *   {{title}}              → {{__data this base=this walk='["title"]' file=0 line=3 …}}
 *   {{../a.b}}             → {{__data .. base=.. walk='["a","b"]' depth=1 …}}
 *   {{formatDate date}}    → {{__data (formatDate date) base=this walk='["date"]' call=true …}}
 *   {{this}} (in #each)    → {{__data this base=this walk='[]' depth=0 …}}
 *
 * For a plain path `__data` walks the fields itself from the base, so a field
 * missing from the data is reported with its name, file and line (this is the
 * template's strict mode for printed fields).
 *
 * At render time `__data` does not print the value: it stores it in a side
 * table and prints `<data ref="N"/>`. The markup parser puts the stored text
 * back as a DataNode. So data text never passes through the XML parser: `<b>`,
 * `</p>`, `&amp;` or `{{title}}` in the data come out as exactly those
 * characters, and no data can ever become markup.
 *
 * The JSON pointer of a value is found from the object that owns it (every
 * object of the data is mapped to its pointer before rendering), or, for a
 * string item of a list (`{{this}}` in `{{#each}}`), from Handlebars' tracked
 * context path (compiled with `trackIds`).
 *
 * The rewrite also inserts location markers (private-use characters, removed
 * again before parsing) into the template's literal text, so that markup
 * errors can name the template file and line they come from.
 */
import Handlebars from 'handlebars';
import { DocError } from '../errors.js';
import { MARK_END, MARK_START, marker } from './markers.js';

type HandlebarsNS = typeof Handlebars;

type Hb = HandlebarsNS;

// ------------------------------------------------------------ AST shapes

interface Pos { line: number; column: number }
interface Loc { start: Pos; end: Pos; source?: string }
interface NodeBase { type: string; loc?: Loc }
interface PathExpr extends NodeBase { type: 'PathExpression'; data: boolean; depth: number; parts: string[]; original: string }
interface SubExpr extends NodeBase { type: 'SubExpression'; path: Expr; params: Expr[]; hash?: HashNode }
interface HashPair extends NodeBase { type: 'HashPair'; key: string; value: Expr }
interface HashNode extends NodeBase { type: 'Hash'; pairs: HashPair[] }
interface LiteralExpr extends NodeBase { type: 'StringLiteral' | 'NumberLiteral' | 'BooleanLiteral' | 'UndefinedLiteral' | 'NullLiteral'; value?: unknown; original?: unknown }
type Expr = PathExpr | SubExpr | LiteralExpr;
interface Program extends NodeBase { type: 'Program'; body: Statement[]; blockParams?: string[] }
interface Mustache extends NodeBase { type: 'MustacheStatement' | 'Decorator'; path: Expr; params: Expr[]; hash?: HashNode; escaped: boolean; strip: unknown }
interface Block extends NodeBase { type: 'BlockStatement' | 'DecoratorBlock'; path: Expr; params: Expr[]; hash?: HashNode; program?: Program; inverse?: Program }
interface Partial extends NodeBase { type: 'PartialStatement' | 'PartialBlockStatement'; name: Expr; params: Expr[]; hash?: HashNode; program?: Program }
interface Content extends NodeBase { type: 'ContentStatement'; value: string; original: string }
interface Comment extends NodeBase { type: 'CommentStatement' }
type Statement = Mustache | Block | Partial | Content | Comment;

// --------------------------------------------------------------- rewrite

export interface RewriteContext {
  readonly file: string;
  readonly fileIndex: number;
  readonly helpers: ReadonlySet<string>;
  readonly partials: ReadonlySet<string>;
}

export const DATA_HELPER = '__data';

function parseError(e: unknown, file: string): DocError {
  const message = e instanceof Error ? e.message : String(e);
  const ln = e as { lineNumber?: unknown; column?: unknown };
  let line = typeof ln.lineNumber === 'number' ? ln.lineNumber : undefined;
  const m = /on line (\d+)/.exec(message);
  if (line === undefined && m) line = Number(m[1]);
  const first = message.split('\n')[0]!.replace(/ - \d+:\d+$/, '').replace(/^Parse error on line \d+:?$/, '');
  const detail = message.split('\n').slice(-1)[0]!;
  const text = first || `syntax error: ${detail}`;
  const details: { file: string; line?: number; column?: number; hint: string; cause: unknown } = {
    file, hint: 'fix the Handlebars syntax of the template', cause: e,
  };
  if (line !== undefined) details.line = line;
  if (typeof ln.column === 'number') details.column = ln.column + 1;
  return new DocError('TEMPLATE', text, details);
}

/** Parses a template and rewrites it as described above. Throws DocError. */
export function prepareTemplate(hb: Hb, source: string, ctx: RewriteContext): unknown {
  if (source.includes(MARK_START) || source.includes(MARK_END)) {
    throw new DocError('TEMPLATE', 'the template contains the private-use characters U+E000/U+E001, which are reserved', {
      file: ctx.file, hint: 'remove them from the template',
    });
  }
  let ast: Program;
  try {
    ast = hb.parse(source) as unknown as Program;
  } catch (e) {
    throw parseError(e, ctx.file);
  }
  rewriteProgram(ast, ctx, []);
  return ast;
}

function lineOf(node: NodeBase): number | undefined {
  return node.loc?.start.line;
}

function where(ctx: RewriteContext, node: NodeBase): { file: string; line?: number; column?: number } {
  const w: { file: string; line?: number; column?: number } = { file: ctx.file };
  if (node.loc) {
    w.line = node.loc.start.line;
    w.column = node.loc.start.column + 1;
  }
  return w;
}

/** `scope`: the block parameters (`as |x|`) visible here. */
function rewriteProgram(p: Program | undefined, ctx: RewriteContext, scope: readonly string[]): void {
  if (!p) return;
  const inner = [...scope, ...(p.blockParams ?? [])];
  p.body = p.body.map((s) => rewriteStatement(s, ctx, inner));
}

function rewriteStatement(s: Statement, ctx: RewriteContext, scope: readonly string[]): Statement {
  switch (s.type) {
    case 'ContentStatement':
      return markContent(s, ctx);
    case 'CommentStatement':
      return s;
    case 'MustacheStatement':
      return rewriteMustache(s, ctx, scope);
    case 'BlockStatement':
      checkCall(s.path, s.params, s.hash, ctx, s, true);
      rewriteProgram(s.program, ctx, scope);
      rewriteProgram(s.inverse, ctx, scope);
      return s;
    case 'PartialStatement':
    case 'PartialBlockStatement': {
      const name = s.name;
      if (name.type !== 'PathExpression' || !ctx.partials.has(name.original)) {
        const shown = name.type === 'PathExpression' ? name.original : '(dynamic name)';
        throw new DocError('TEMPLATE', `unknown partial "${shown}"`, {
          ...where(ctx, s),
          hint: ctx.partials.size
            ? `the partials of this template are: ${[...ctx.partials].sort().join(', ')} (files in partials/)`
            : 'this template has no partials/ folder',
        });
      }
      for (const e of s.params) checkExpr(e, ctx);
      for (const pair of s.hash?.pairs ?? []) checkExpr(pair.value, ctx);
      if (s.type === 'PartialBlockStatement') rewriteProgram(s.program, ctx, scope);
      return s;
    }
    case 'Decorator':
    case 'DecoratorBlock':
      throw new DocError('TEMPLATE', 'decorators ({{* …}}) are not supported', { ...where(ctx, s), hint: 'use a helper or a partial' });
  }
}

/** Inserts a location marker at the start of the content and after each newline. */
function markContent(s: Content, ctx: RewriteContext): Content {
  const start = lineOf(s);
  if (start === undefined) return s;
  // Handlebars may have stripped whitespace (standalone lines, `~`) from the start of `original`.
  let k = 0;
  const original = typeof s.original === 'string' ? s.original : s.value;
  while (k < original.length && original.slice(k, k + s.value.length) !== s.value && isSpace(original[k]!)) k++;
  let line = start + (original.slice(0, k).split('\n').length - 1);
  const pieces = s.value.split('\n');
  let value = '';
  pieces.forEach((piece, i) => {
    if (i > 0) value += '\n';
    if (piece !== '' || i === 0) value += marker(ctx.fileIndex, line);
    value += piece;
    line++;
  });
  return { ...s, value };
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function isHelperName(e: Expr, ctx: RewriteContext): boolean {
  return e.type === 'PathExpression' && !e.data && e.depth === 0 && e.parts.length === 1 && ctx.helpers.has(e.original);
}

function checkCall(path: Expr, params: Expr[], hash: HashNode | undefined, ctx: RewriteContext, node: NodeBase, block: boolean): void {
  const hasArgs = params.length > 0 || (hash?.pairs.length ?? 0) > 0;
  if (path.type === 'PathExpression' && hasArgs && !isHelperName(path, ctx)) {
    throw new DocError('MISSING_HELPER', `unknown helper "${path.original}"`, {
      ...where(ctx, node),
      hint: `the helpers are: ${[...ctx.helpers].filter((h) => h !== DATA_HELPER).sort().join(', ')} (src/template/helpers.ts)`,
    });
  }
  if (path.type === 'PathExpression' && path.original === DATA_HELPER) {
    throw new DocError('TEMPLATE', `"${DATA_HELPER}" is reserved`, { ...where(ctx, node), hint: 'rename the field or helper' });
  }
  void block;
  for (const e of params) checkExpr(e, ctx);
  for (const pair of hash?.pairs ?? []) checkExpr(pair.value, ctx);
}

function checkExpr(e: Expr, ctx: RewriteContext): void {
  if (e.type === 'SubExpression') {
    if (e.path.type === 'PathExpression' && !isHelperName(e.path, ctx)) {
      throw new DocError('MISSING_HELPER', `unknown helper "${e.path.original}"`, {
        ...where(ctx, e),
        hint: `the helpers are: ${[...ctx.helpers].filter((h) => h !== DATA_HELPER).sort().join(', ')} (src/template/helpers.ts)`,
      });
    }
    checkCall(e.path, e.params, e.hash, ctx, e, false);
  }
}

function path(data: boolean, depth: number, parts: string[], loc: Loc | undefined): PathExpr {
  let original = parts.join('.');
  if (data) original = '@' + original;
  else if (depth > 0) original = Array(depth).fill('..').join('/') + (parts.length ? '/' + original : '');
  else if (parts.length === 0) original = 'this';
  const p: PathExpr = { type: 'PathExpression', data, depth, parts, original };
  if (loc) p.loc = loc;
  return p;
}

function lit(type: 'StringLiteral' | 'NumberLiteral' | 'BooleanLiteral', value: string | number | boolean, loc: Loc | undefined): LiteralExpr {
  const l: LiteralExpr = { type, value, original: value };
  if (loc) l.loc = loc;
  return l;
}

function pair(key: string, value: Expr, loc: Loc | undefined): HashPair {
  const p: HashPair = { type: 'HashPair', key, value };
  if (loc) p.loc = loc;
  return p;
}

/**
 * Splits a data path into a base Handlebars can always resolve (the current
 * or an outer context, `@root`, or a block parameter) and the fields to walk
 * from it; `__data` walks them itself, so a missing field is reported by name
 * and line instead of failing inside Handlebars. Undefined for `@index` and
 * other data variables, which do not come from the data file.
 */
function splitPath(p: PathExpr, scope: readonly string[]): { base: PathExpr; walk: string[] } | undefined {
  if (p.data) {
    if (p.parts[0] !== 'root') return undefined;
    return { base: path(true, p.depth, ['root'], p.loc), walk: p.parts.slice(1) };
  }
  if (p.depth === 0 && p.parts.length > 0 && scope.includes(p.parts[0]!)) {
    return { base: path(false, 0, [p.parts[0]!], p.loc), walk: p.parts.slice(1) };
  }
  return { base: path(false, p.depth, [], p.loc), walk: p.parts };
}

function rewriteMustache(s: Mustache, ctx: RewriteContext, scope: readonly string[]): Statement {
  if (s.type === 'Decorator') {
    throw new DocError('TEMPLATE', 'decorators ({{* …}}) are not supported', { ...where(ctx, s), hint: 'use a helper or a partial' });
  }
  if (!s.escaped) {
    throw new DocError('TEMPLATE', 'triple braces {{{…}}} would print data as markup', {
      ...where(ctx, s), hint: 'use {{…}}: data always prints as text',
    });
  }
  checkCall(s.path, s.params, s.hash, ctx, s, false);
  const loc = s.loc;
  const hasArgs = s.params.length > 0 || (s.hash?.pairs.length ?? 0) > 0;
  const isCall = hasArgs || isHelperName(s.path, ctx);

  const pairs: HashPair[] = [
    pair('file', lit('NumberLiteral', ctx.fileIndex, loc), loc),
    pair('line', lit('NumberLiteral', loc?.start.line ?? 0, loc), loc),
    pair('column', lit('NumberLiteral', (loc?.start.column ?? 0) + 1, loc), loc),
  ];
  let value: Expr;
  const source = isCall ? s.params.find((p): p is PathExpr => p.type === 'PathExpression') : s.path.type === 'PathExpression' ? s.path : undefined;
  const split = source ? splitPath(source, scope) : undefined;
  if (source) pairs.push(pair('field', lit('StringLiteral', source.original, loc), loc));
  if (split) {
    pairs.push(pair('base', split.base, loc));
    pairs.push(pair('walk', lit('StringLiteral', JSON.stringify(split.walk), loc), loc));
    pairs.push(pair('depth', lit('NumberLiteral', source!.depth, loc), loc));
  }
  if (isCall) {
    // The helper's result is the value; the pointer is its first data argument's.
    const sub: SubExpr = { type: 'SubExpression', path: s.path, params: s.params };
    if (s.hash) sub.hash = s.hash;
    if (loc) sub.loc = loc;
    value = sub;
    pairs.push(pair('call', lit('BooleanLiteral', true, loc), loc));
  } else {
    // A plain path: `__data` resolves it from the base (walk), checking every step.
    value = split ? split.base : s.path;
  }
  const hash: HashNode = { type: 'Hash', pairs };
  if (loc) hash.loc = loc;
  const out: Mustache = {
    type: 'MustacheStatement',
    path: path(false, 0, [DATA_HELPER], loc),
    params: [value],
    hash,
    escaped: true,
    strip: s.strip,
  };
  if (loc) out.loc = loc;
  return out;
}

