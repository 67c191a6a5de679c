/**
 * Every Handlebars helper a template may call, registered in one place.
 *
 * Helpers return plain values (strings, numbers); they never return markup.
 * Whatever a helper returns is printed as data (see isolate.ts), so a helper
 * cannot inject elements into the document.
 */
import type Handlebars from 'handlebars';
import { DocError } from '../errors.js';
import { formatDate, formatDateRange, formatHijri, formatHijriRange, type DateWords } from './dates.js';

type Hb = typeof Handlebars;

export {
  ARABIC_MONTHS, ENGLISH_MONTHS, FRENCH_MONTHS, DATE_WORDS, dateWordsOf, parseIsoDate, isRealDate,
  formatDate, formatDateRange, hijriOf, formatHijri, formatHijriRange, type DateWords,
} from './dates.js';

/**
 * A template's language table (lang/<code>.json in the template folder), as
 * the helpers see it: loaded by language.ts, passed in the render's data frame.
 */
export interface LanguageTable {
  /** BCP 47 code, the file's name: "ar", "en", "fr". */
  readonly code: string;
  /** The table's file, as shown in messages. */
  readonly file: string;
  readonly dir: 'rtl' | 'ltr';
  /** The template's own words, by key: {{word "annex"}}. */
  readonly words: Readonly<Record<string, string>>;
  /** Opening and closing quotation marks: {{quote title}}. */
  readonly quotes: readonly [string, string];
  readonly dates: DateWords;
  /** The data fields' names for editors (Word's content-control titles), by JSON key; may be empty. */
  readonly fields: Readonly<Record<string, string>>;
}

/** Key of the language table in Handlebars' data frame. */
export const LANG_KEY = '__docLanguage';

/** Helper options as Handlebars passes them (only what we read). */
interface HelperOptions {
  readonly hash: Readonly<Record<string, unknown>>;
  readonly name: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

function isOptions(v: unknown): v is HelperOptions {
  return typeof v === 'object' && v !== null && 'hash' in v && 'name' in v;
}

function tableOf(options: HelperOptions): LanguageTable | undefined {
  return options.data?.[LANG_KEY] as LanguageTable | undefined;
}

/** The date words of a call: its lang="…", else the document's language table, else Arabic. */
function callDates(options: HelperOptions): string | DateWords {
  const lang = options.hash['lang'];
  if (typeof lang === 'string') return lang;
  return tableOf(options)?.dates ?? 'ar';
}

/** Names of the helpers below (plus Handlebars' built-in block helpers). */
export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'] as const;

function dateArgs(name: string, count: number, args: unknown[]): { values: string[]; options: HelperOptions } {
  const options = args.pop();
  const example = count === 1 ? `{{${name} date}}` : `{{${name} startDate endDate}}`;
  if (args.length !== count || !args.every((a) => typeof a === 'string') || !isOptions(options)) {
    throw new DocError('TEMPLATE', `${name} takes ${count === 1 ? 'one date string' : 'two date strings'}, e.g. ${example}`);
  }
  return { values: args as string[], options };
}

/**
 * The helpers, by name. Each checks its arguments: a wrong call is a template
 * mistake and reported as such (the caller adds file and line).
 */
export const HELPERS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  /** {{formatDate date}}: in the document's language; {{formatDate date lang="en"}} in another. */
  formatDate(...args: unknown[]): string {
    const { values, options } = dateArgs('formatDate', 1, args);
    return formatDate(values[0]!, callDates(options));
  },

  /** {{formatDateRange startDate endDate}}: `12–14 مايو 2026`, `12-14 May 2026`. */
  formatDateRange(...args: unknown[]): string {
    const { values, options } = dateArgs('formatDateRange', 2, args);
    return formatDateRange(values[0]!, values[1]!, callDates(options));
  },

  /** {{hijriDate date}}: the Umm al-Qura date, `14 محرم 1440 هـ`. */
  hijriDate(...args: unknown[]): string {
    const { values, options } = dateArgs('hijriDate', 1, args);
    return formatHijri(values[0]!, callDates(options));
  },

  /** {{hijriDateRange startDate endDate}}: `19–20 شعبان 1439 هـ`. */
  hijriDateRange(...args: unknown[]): string {
    const { values, options } = dateArgs('hijriDateRange', 2, args);
    return formatHijriRange(values[0]!, values[1]!, callDates(options));
  },

  /** {{word "annex"}}: the template's own word in the document's language (its lang/<code>.json). */
  word(...args: unknown[]): string {
    const options = args.pop();
    const [key] = args;
    if (args.length !== 1 || typeof key !== 'string' || !isOptions(options)) {
      throw new DocError('TEMPLATE', 'word takes one key in quotes, e.g. {{word "annex"}}');
    }
    const table = tableOf(options);
    if (!table) {
      throw new DocError('TEMPLATE', `{{word "${key}"}}: this template has no language table`, {
        hint: 'create lang/<code>.json in the template folder (e.g. lang/ar.json) with "words"',
      });
    }
    const w = table.words[key];
    if (w === undefined) {
      throw new DocError('TEMPLATE', `{{word "${key}"}}: ${table.file} has no word "${key}"`, {
        hint: `add "${key}" to "words" in ${table.file}; its words are: ${Object.keys(table.words).join(', ')}`,
      });
    }
    return w;
  },

  /** {{direction}}: "rtl" or "ltr", the document's direction from its language table (for <dir> and dir="…"). */
  direction(...args: unknown[]): string {
    const options = args.pop();
    if (args.length !== 0 || !isOptions(options)) throw new DocError('TEMPLATE', 'direction takes nothing: {{direction}}');
    const table = tableOf(options);
    if (!table) {
      throw new DocError('TEMPLATE', '{{direction}}: this template has no language table', {
        hint: 'create lang/<code>.json in the template folder with "dir": "rtl" or "ltr"',
      });
    }
    return table.dir;
  },

  /** {{quote title}}: the text between the language's quotation marks (« » in French and Arabic, “ ” in English). */
  quote(...args: unknown[]): string {
    const options = args.pop();
    const [text] = args;
    if (args.length !== 1 || typeof text !== 'string' || !isOptions(options)) {
      throw new DocError('TEMPLATE', 'quote takes one text, e.g. {{quote title}}');
    }
    const [open, close] = tableOf(options)?.quotes ?? ['«', '»'];
    return `${open}${text}${close}`;
  },

  /** {{inc @index}}: a 0-based index as a 1-based number. */
  inc(...args: unknown[]): number {
    args.pop();
    const [value] = args;
    if (args.length !== 1 || typeof value !== 'number' || !Number.isInteger(value)) {
      throw new DocError('TEMPLATE', 'inc takes one integer, e.g. {{inc @index}}');
    }
    return value + 1;
  },

  /** {{#if (eq a b)}}: strict equality, for conditional sections. */
  eq(...args: unknown[]): boolean {
    args.pop();
    if (args.length !== 2) throw new DocError('TEMPLATE', 'eq takes two values, e.g. (eq lang "ar")');
    return args[0] === args[1];
  },

  /** {{join keywords ", "}}: the items of a list of strings, joined. */
  join(...args: unknown[]): string {
    args.pop();
    const [list, sep] = args;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string') || (sep !== undefined && typeof sep !== 'string')) {
      throw new DocError('TEMPLATE', 'join takes a list of strings and an optional separator, e.g. {{join keywords "، "}}');
    }
    return list.join(sep ?? ', ');
  },
};

/** Registers every helper into a Handlebars environment (made by Handlebars.create()). */
export function registerHelpers(hb: Hb): void {
  for (const [name, fn] of Object.entries(HELPERS)) {
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      try {
        return fn.apply(this, args);
      } catch (e) {
        // Handlebars passes the call's location: report the template line.
        const loc = (args[args.length - 1] as { loc?: { start?: { line?: number; column?: number } } } | undefined)?.loc?.start;
        if (e instanceof DocError && e.line === undefined && loc?.line !== undefined) {
          throw new DocError(e.code, e.message, { ...e.details(), line: loc.line, ...(loc.column !== undefined ? { column: loc.column + 1 } : {}) });
        }
        throw e;
      }
    });
  }
}

/** Every helper name a template may call in this environment. */
export function helperNames(): ReadonlySet<string> {
  return new Set<string>([...BUILTIN_HELPERS, ...Object.keys(HELPERS)]);
}
