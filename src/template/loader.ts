/**
 * Templates: a template is a folder `templates/<name>/` holding
 *
 *   template.json   optional manifest: { "entry": "main.hbs", "description": …,
 *                   "content": "/paragraphs" (the data list that must not be empty) }
 *   main.hbs        the entry template (name set by the manifest)
 *   partials/*.hbs  partials, registered by file name (`{{> cover}}`)
 *   schema.json     JSON Schema (draft 2020-12) of the data
 *   styles.json     { "page": PageSetup, "styles": { name: ParagraphStyle } }
 *   lang/<code>.json optional language tables (language.ts): the data's "lang"
 *                   picks one; it gives the direction, the template's own words,
 *                   quotation marks, date words and per-language style changes
 *
 * Templates are discovered from the folder: adding one needs no code change.
 * Each is loaded once per process and cached.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { DocError, DocErrors } from '../errors.js';
import { decodeText } from '../input/encoding.js';
import { parseJson } from '../input/json.js';

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]> & { trackIds?: boolean };
import type { DocumentModel, PageSetup, ParagraphStyle } from '../model/index.js';
import { LANG_KEY, helperNames, registerHelpers, type LanguageTable } from './helpers.js';
import { checkFonts, languageOf, loadLanguages, withWords, type TemplateLanguage } from './language.js';
import { defaultTemplatesDir, displayPath, templateCache } from './place.js';
import { STYLE_PROPS, stylesValidator, validatorFor } from './schemas.js';
import { DATA_HELPER_NAME, STATE_KEY, pointerMap, registerDataHelper, type RenderState } from './data-helper.js';
import { prepareTemplate } from './isolate.js';
import { parseMarkup } from './markup.js';

export interface TemplateManifest {
  readonly entry: string;
  readonly description?: string;
  /** JSON pointer of the list whose emptiness makes an empty document. */
  readonly content?: string;
}

export interface Template {
  readonly name: string;
  readonly dir: string;
  readonly manifest: TemplateManifest;
  readonly schemaFile: string;
  readonly validate: ValidateFunction;
  readonly page: PageSetup;
  readonly styles: Readonly<Record<string, ParagraphStyle>>;
  /** The language tables (lang/<code>.json) by code; empty for a one-language template. */
  readonly languages: ReadonlyMap<string, TemplateLanguage>;
  /** Renders data (already validated) to the document model. Throws DocError. */
  render(data: unknown, dataFile: string): DocumentModel;
}

export { defaultTemplatesDir, displayPath, forgetTemplate } from './place.js';

/** The names of the templates in a templates folder, sorted. */
export function listTemplates(root = defaultTemplatesDir()): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => !n.startsWith('.'))
    .filter((n) => {
      const dir = join(root, n);
      return statSync(dir).isDirectory() && (existsSync(join(dir, 'template.json')) || existsSync(join(dir, 'main.hbs')));
    })
    .sort();
}

/** Loads (once) the template `name` of a templates folder. */
export function loadTemplate(name: string, root = defaultTemplatesDir()): Template {
  const key = resolve(root, name);
  const hit = templateCache.get(key) as Template | undefined;
  if (hit) return hit;
  const known = listTemplates(root);
  if (!known.includes(name)) {
    throw new DocError('UNKNOWN_TEMPLATE', `unknown template "${name}"`, {
      pointer: '/template',
      hint: known.length ? `the templates are: ${known.join(', ')}` : `there is no template in ${displayPath(root)}`,
    });
  }
  const t = load(name, key);
  templateCache.set(key, t);
  return t;
}

/** A JSON file of the template: decoded as UTF-8, syntax errors at their line and column. */
function readJson(file: string, what: string): unknown {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new DocError('TEMPLATE', `the template has no ${what}`, { file: displayPath(file), hint: `create ${displayPath(file)}` });
  }
  const shown = displayPath(file);
  try {
    return parseJson(decodeText(bytes, shown), shown);
  } catch (e) {
    if (!(e instanceof DocError)) throw e;
    const at = e.line !== undefined ? { line: e.line, ...(e.column !== undefined ? { column: e.column } : {}) } : {};
    throw new DocError('TEMPLATE', `${what} is not valid JSON: ${e.message}`, { file: shown, ...at, ...(e.hint ? { hint: e.hint } : {}), cause: e });
  }
}

function ajvMessage(e: ErrorObject): string {
  return `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`;
}

/**
 * Loads one template folder: manifest, styles, language tables, schema, the
 * compiled entry and partials. Long because it is the folder's checklist, in
 * the order a template author reads the messages; each step is a call.
 */
function load(name: string, dir: string): Template {
  const manifestFile = join(dir, 'template.json');
  const rawManifest = existsSync(manifestFile) ? readJson(manifestFile, 'template.json') : {};
  if (typeof rawManifest !== 'object' || rawManifest === null || Array.isArray(rawManifest)) {
    throw new DocError('TEMPLATE', 'template.json must be an object', { file: displayPath(manifestFile) });
  }
  const m = rawManifest as Record<string, unknown>;
  for (const k of Object.keys(m)) {
    if (!['entry', 'description', 'content', '$comment'].includes(k)) {
      throw new DocError('TEMPLATE', `unknown manifest field "${k}"`, { file: displayPath(manifestFile), pointer: `/${k}`, hint: 'the fields are: entry, description, content' });
    }
  }
  const manifest: { entry: string; description?: string; content?: string } = {
    entry: typeof m['entry'] === 'string' ? m['entry'] : 'main.hbs',
  };
  if (typeof m['description'] === 'string') manifest.description = m['description'];
  if (typeof m['content'] === 'string') manifest.content = m['content'];

  // Styles and page.
  const stylesFile = join(dir, 'styles.json');
  const stylesJson = readJson(stylesFile, 'styles.json');
  const validateStyles = stylesValidator();
  if (!validateStyles(stylesJson)) {
    const errs = (validateStyles.errors ?? []).map((e) => new DocError('TEMPLATE', `styles.json: ${ajvMessage(e)}`, {
      file: displayPath(stylesFile), pointer: e.instancePath,
    }));
    throw errs.length === 1 ? errs[0]! : new DocErrors(errs);
  }
  const { page, styles } = stylesJson as { page: PageSetup; styles: Record<string, ParagraphStyle> };
  const languages = loadLanguages(dir, styles, STYLE_PROPS, displayPath);
  checkFonts(displayPath(stylesFile), readFileSync(stylesFile, 'utf8'), languages);
  for (const [sname, s] of Object.entries(styles)) {
    if (s.basedOn !== undefined && !(s.basedOn in styles)) {
      throw new DocError('TEMPLATE', `style "${sname}" is based on unknown style "${s.basedOn}"`, {
        file: displayPath(stylesFile), pointer: `/styles/${sname}/basedOn`,
      });
    }
  }

  // Schema.
  const schemaFile = join(dir, 'schema.json');
  const schema = readJson(schemaFile, 'schema.json');
  let validate: ValidateFunction;
  try {
    validate = validatorFor('data', schema);
  } catch (e) {
    throw new DocError('TEMPLATE', `schema.json is not a valid JSON Schema: ${(e as Error).message}`, { file: displayPath(schemaFile) });
  }

  // Handlebars: one environment per template and language (the template's own
  // words are put into its text before compiling, see withWords).
  const partialsDir = join(dir, 'partials');
  const partialFiles = existsSync(partialsDir)
    ? readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()
    : [];
  const entryFile = join(dir, manifest.entry);
  const files = [entryFile, ...partialFiles.map((f) => join(partialsDir, f))].map(displayPath);
  const build = (table: LanguageTable | undefined): Handlebars.TemplateDelegate =>
    compileTemplate({ entryFile, partialsDir, partialFiles, files, manifestFile, table });
  const mains = new Map<string, Handlebars.TemplateDelegate>();
  // Compiled now, so that a template mistake shows at load, in the first language's words.
  mains.set([...languages.keys()][0] ?? '', build([...languages.values()][0]?.table));

  return {
    name, dir, manifest, schemaFile, validate, page, styles, languages,
    render(data: unknown, dataFile: string): DocumentModel {
      const state: RenderState = { files, pointers: pointerMap(data), values: [] };
      const language = languageOf(languages, data, dataFile);
      const frame = { [STATE_KEY]: state, ...(language ? { [LANG_KEY]: language.table } : {}) };
      const key = language?.table.code ?? '';
      let main = mains.get(key);
      if (!main) mains.set(key, (main = build(language?.table)));
      const output = main(data, { data: frame });
      const model = parseMarkup({ output, files, values: state.values, dataFile, page, styles: language?.styles ?? styles, templateDir: dir });
      const fieldNames = language?.table.fields ?? {};
      return Object.keys(fieldNames).length ? { ...model, meta: { ...model.meta, fieldNames } } : model;
    },
  };
}

interface CompileInput {
  readonly entryFile: string;
  readonly partialsDir: string;
  readonly partialFiles: readonly string[];
  /** Entry then partials, as shown in messages. */
  readonly files: readonly string[];
  readonly manifestFile: string;
  readonly table: LanguageTable | undefined;
}

/** Compiles the entry and registers the partials, in a Handlebars environment of their own. */
function compileTemplate(c: CompileInput): Handlebars.TemplateDelegate {
  const hb = Handlebars.create();
  registerHelpers(hb);
  registerDataHelper(hb);
  const helpers = new Set([...helperNames(), DATA_HELPER_NAME]);
  const partials = new Set(c.partialFiles.map((f) => f.slice(0, -4)));
  const compile = (abs: string, index: number): Handlebars.TemplateDelegate => {
    let source: string;
    try {
      source = readFileSync(abs, 'utf8');
    } catch {
      throw new DocError('TEMPLATE', 'template file is missing', {
        file: c.files[index]!, hint: `create it, or set "entry" in ${displayPath(c.manifestFile)}`,
      });
    }
    if (c.table) source = withWords(source, c.table, c.files[index]!);
    const ast = prepareTemplate(hb, source, { file: c.files[index]!, fileIndex: index, helpers, partials });
    // trackIds: helpers see the data path of the current context (for JSON pointers).
    const fn = hb.compile(ast, { strict: true, trackIds: true } as CompileOptions);
    return guard(fn, c.files[index]!);
  };
  const main = compile(c.entryFile, 0);
  c.partialFiles.forEach((f, i) => {
    hb.registerPartial(f.slice(0, -4), compile(join(c.partialsDir, f), i + 1));
  });
  return main;
}

/** Runs a compiled template, turning whatever it throws into a DocError naming the file. */
function guard(fn: Handlebars.TemplateDelegate, file: string): Handlebars.TemplateDelegate {
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      return fn(context, options);
    } catch (e) {
      throw templateError(e, file);
    }
  };
}

export function templateError(e: unknown, file: string): DocError {
  if (e instanceof DocError) return e.file === undefined ? e.inFile(file) : e;
  const err = e as { message?: unknown; lineNumber?: unknown; column?: unknown };
  const raw = typeof err.message === 'string' ? err.message : String(e);
  const details: { file: string; line?: number; column?: number; hint?: string; cause: unknown } = { file, cause: e };
  if (typeof err.lineNumber === 'number') details.line = err.lineNumber;
  if (typeof err.column === 'number') details.column = err.column + 1;
  let message = raw.replace(/ - \d+:\d+$/, '');
  const missing = /^"([^"]*)" not defined in/.exec(message);
  if (missing) {
    message = `the template reads "${missing[1]}", which is not in the data`;
    details.hint = `add "${missing[1]}" to the data (and to schema.json), or guard it with {{#if}}`;
  }
  return new DocError('TEMPLATE', message, details);
}
