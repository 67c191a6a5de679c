/**
 * Every Handlebars helper a template may call, registered in one place.
 *
 * Helpers return plain values (strings, numbers); they never return markup.
 * Whatever a helper returns is printed as data (see isolate.ts), so a helper
 * cannot inject elements into the document.
 */
import type Handlebars from 'handlebars';
import { DocError } from '../errors.js';

type Hb = typeof Handlebars;

/** Month names as written in the Levant and the Gulf (and in OIC documents). */
export const ARABIC_MONTHS = [
  'يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو',
  'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر',
] as const;

export const ENGLISH_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists in the Gregorian calendar. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > days) return undefined;
  return { year, month, day };
}

export function isRealDate(value: string): boolean {
  return parseIsoDate(value) !== undefined;
}

/**
 * `2018-09-24` → `24 سبتمبر 2018` (Western digits, as in OIC documents),
 * or `24 September 2018` with lang "en".
 */
export function formatDate(value: string, lang = 'ar'): string {
  const d = parseIsoDate(value);
  if (!d) {
    throw new DocError('BAD_DATE', `"${value}" is not a date`, {
      hint: 'write the date as YYYY-MM-DD, a day that exists (e.g. 2018-09-24)',
    });
  }
  const months = lang === 'en' ? ENGLISH_MONTHS : ARABIC_MONTHS;
  return `${d.day} ${months[d.month - 1]} ${d.year}`;
}

/** Helper options as Handlebars passes them (only what we read). */
interface HelperOptions {
  readonly hash: Readonly<Record<string, unknown>>;
  readonly name: string;
}

function isOptions(v: unknown): v is HelperOptions {
  return typeof v === 'object' && v !== null && 'hash' in v && 'name' in v;
}

/** Names of the helpers below (plus Handlebars' built-in block helpers). */
export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'] as const;

/**
 * The helpers, by name. Each checks its arguments: a wrong call is a template
 * mistake and reported as such (the caller adds file and line).
 */
export const HELPERS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  /** {{formatDate date}} or {{formatDate date lang="en"}} */
  formatDate(...args: unknown[]): string {
    const options = args.pop();
    const [value] = args;
    if (args.length !== 1 || typeof value !== 'string' || !isOptions(options)) {
      throw new DocError('TEMPLATE', 'formatDate takes one date string, e.g. {{formatDate date}}');
    }
    const lang = options.hash['lang'];
    return formatDate(value, typeof lang === 'string' ? lang : 'ar');
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
