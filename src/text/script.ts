/**
 * Script itemization for shaping, as browsers do it (Blink's
 * ScriptRunIterator over ICU, HarfBuzz's own itemizer): every UTF-16 unit of
 * a text gets the ISO 15924 script HarfBuzz should shape it with.
 *
 * - A character with a real script (Unicode Script property other than
 *   Common and Inherited) keeps it.
 * - A closing paired bracket (Bidi_Paired_Bracket_Type Close, matched as
 *   UAX #9 BD16 matches brackets) takes the script resolved for its opening
 *   bracket: `(ACM)` inside Arabic has Arabic brackets.
 * - A Common character whose Script_Extensions name a few scripts (the
 *   Arabic comma U+060C, semicolon U+061B, question mark U+061F, tatweel
 *   U+0640, Arabic-Indic digits) keeps the preceding script when it is one of
 *   them, else takes the following real script when it is, else the first.
 * - Every other Common or Inherited character (spaces, digits, punctuation,
 *   opening brackets, combining marks, isolate controls) takes the script of
 *   the preceding character; at the start of the text, that of the first
 *   following character with a real script. So `ACM.` has a Latin full stop
 *   in an Arabic paragraph, and isolate controls never split a run.
 *
 * A text without any real script is all `Zyyy` (Common): shape it with no
 * script, letting HarfBuzz guess.
 */

/** ISO 15924 code → the Unicode Script value name JavaScript's \p{Script=…} knows. */
const SCRIPTS: readonly (readonly [string, string])[] = [
  ['Arab', 'Arabic'], ['Latn', 'Latin'], ['Hebr', 'Hebrew'], ['Syrc', 'Syriac'], ['Thaa', 'Thaana'],
  ['Nkoo', 'Nko'], ['Rohg', 'Hanifi_Rohingya'], ['Yezi', 'Yezidi'], ['Adlm', 'Adlam'], ['Mand', 'Mandaic'],
  ['Cyrl', 'Cyrillic'], ['Grek', 'Greek'], ['Armn', 'Armenian'], ['Geor', 'Georgian'], ['Ethi', 'Ethiopic'],
  ['Deva', 'Devanagari'], ['Beng', 'Bengali'], ['Guru', 'Gurmukhi'], ['Gujr', 'Gujarati'], ['Orya', 'Oriya'],
  ['Taml', 'Tamil'], ['Telu', 'Telugu'], ['Knda', 'Kannada'], ['Mlym', 'Malayalam'], ['Sinh', 'Sinhala'],
  ['Thai', 'Thai'], ['Laoo', 'Lao'], ['Tibt', 'Tibetan'], ['Mymr', 'Myanmar'], ['Khmr', 'Khmer'],
  ['Mong', 'Mongolian'], ['Hani', 'Han'], ['Hira', 'Hiragana'], ['Kana', 'Katakana'], ['Hang', 'Hangul'],
  ['Tfng', 'Tifinagh'], ['Copt', 'Coptic'], ['Mani', 'Manichaean'], ['Phlp', 'Psalter_Pahlavi'],
];
const BY_SCRIPT = SCRIPTS.map(([code, name]) => ({ code, sc: new RegExp(`^\\p{Script=${name}}$`, 'u'), scx: new RegExp(`^\\p{Script_Extensions=${name}}$`, 'u') }));

const COMMON = 'Zyyy';
/** Script not in the table above: a real script all the same (it starts a run), shaped with HarfBuzz's guess. */
const OTHER = 'Zzzz';
const GENERIC = /^[\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]$/u;
const GENERIC_EXTENSIONS = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}\p{Script_Extensions=Unknown}]$/u;

interface CharScript {
  /** The real script, or undefined for Common, Inherited and unassigned. */
  readonly real: string | undefined;
  /**
   * A Common character's specific Script_Extensions: whether it may have some (not Common or Inherited
   * as a whole). Which ones is asked script by script (`extendsTo`, `firstExtension`): testing every
   * script's property on a character compiled some forty large character classes in a cold process.
   */
  readonly specific: boolean;
  /** Per table script (BY_SCRIPT index): whether the character's Script_Extensions hold it, once asked. */
  readonly scx: (boolean | undefined)[];
}

const cache = new Map<number, CharScript>();

function charScript(cp: number): CharScript {
  let hit = cache.get(cp);
  if (hit) return hit;
  const ch = String.fromCodePoint(cp);
  if (GENERIC.test(ch)) hit = { real: undefined, specific: !GENERIC_EXTENSIONS.test(ch), scx: [] };
  else hit = { real: BY_SCRIPT.find((s) => s.sc.test(ch))?.code ?? OTHER, specific: false, scx: [] };
  cache.set(cp, hit);
  return hit;
}

const INDEX = new Map(BY_SCRIPT.map((s, i) => [s.code, i]));

/** Whether the Script_Extensions of `cp` (a Common character with specific ones) hold the table script `code`. */
function extendsTo(cp: number, info: CharScript, code: string): boolean {
  const i = INDEX.get(code);
  if (i === undefined) return false;
  return (info.scx[i] ??= BY_SCRIPT[i]!.scx.test(String.fromCodePoint(cp)));
}

/** The first table script the Script_Extensions of `cp` hold, in table order; undefined if none. */
function firstExtension(cp: number, info: CharScript): string | undefined {
  if (!info.specific) return undefined;
  for (const s of BY_SCRIPT) if (extendsTo(cp, info, s.code)) return s.code;
  return undefined;
}

/** Bidi_Paired_Bracket pairs (Unicode BidiBrackets.txt): opening, closing. */
const PAIRS = [
  0x28, 0x29, 0x5b, 0x5d, 0x7b, 0x7d, 0xf3a, 0xf3b, 0xf3c, 0xf3d, 0x169b, 0x169c, 0x2045, 0x2046,
  0x207d, 0x207e, 0x208d, 0x208e, 0x2308, 0x2309, 0x230a, 0x230b, 0x2329, 0x232a, 0x2768, 0x2769,
  0x276a, 0x276b, 0x276c, 0x276d, 0x276e, 0x276f, 0x2770, 0x2771, 0x2772, 0x2773, 0x2774, 0x2775,
  0x27c5, 0x27c6, 0x27e6, 0x27e7, 0x27e8, 0x27e9, 0x27ea, 0x27eb, 0x27ec, 0x27ed, 0x27ee, 0x27ef,
  0x2983, 0x2984, 0x2985, 0x2986, 0x2987, 0x2988, 0x2989, 0x298a, 0x298b, 0x298c, 0x298d, 0x2990,
  0x298f, 0x298e, 0x2991, 0x2992, 0x2993, 0x2994, 0x2995, 0x2996, 0x2997, 0x2998, 0x29d8, 0x29d9,
  0x29da, 0x29db, 0x29fc, 0x29fd, 0x2e22, 0x2e23, 0x2e24, 0x2e25, 0x2e26, 0x2e27, 0x2e28, 0x2e29,
  0x2e55, 0x2e56, 0x2e57, 0x2e58, 0x2e59, 0x2e5a, 0x2e5b, 0x2e5c, 0x3008, 0x3009, 0x300a, 0x300b,
  0x300c, 0x300d, 0x300e, 0x300f, 0x3010, 0x3011, 0x3014, 0x3015, 0x3016, 0x3017, 0x3018, 0x3019,
  0x301a, 0x301b, 0xfe59, 0xfe5a, 0xfe5b, 0xfe5c, 0xfe5d, 0xfe5e, 0xff08, 0xff09, 0xff3b, 0xff3d,
  0xff5b, 0xff5d, 0xff5f, 0xff60, 0xff62, 0xff63,
];
/** Bracket code point → [pair id, opening?]. U+2329/U+232A are canonically U+3008/U+3009 (BD16). */
const BRACKETS = new Map<number, readonly [number, boolean]>();
for (let i = 0; i < PAIRS.length; i += 2) {
  BRACKETS.set(PAIRS[i]!, [PAIRS[i]!, true]);
  BRACKETS.set(PAIRS[i + 1]!, [PAIRS[i]!, false]);
}
BRACKETS.set(0x2329, [0x3008, true]);
BRACKETS.set(0x232a, [0x3008, false]);
/** UAX #9 BD16: at most 63 open brackets are remembered. */
const BRACKET_DEPTH = 63;

/** For each code point index: the index of its opening bracket if it is a matched closing one, else -1. */
function matchBrackets(cps: readonly number[]): Int32Array {
  const opener = new Int32Array(cps.length).fill(-1);
  const stack: { pair: number; at: number }[] = [];
  cps.forEach((cp, i) => {
    const b = BRACKETS.get(cp);
    if (!b) return;
    if (b[1]) {
      if (stack.length === BRACKET_DEPTH) stack.shift();
      stack.push({ pair: b[0], at: i });
      return;
    }
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]!.pair !== b[0]) continue;
      opener[i] = stack[k]!.at;
      stack.length = k;
      return;
    }
  });
  return opener;
}

/** The script to shape each UTF-16 unit of `text` with (ISO 15924 codes; both units of a surrogate pair alike). */
export function resolveScripts(text: string): string[] {
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  const info = cps.map(charScript);
  const n = cps.length;
  // The first real script at or after each code point.
  const following = new Array<string | undefined>(n + 1);
  for (let i = n - 1; i >= 0; i--) following[i] = info[i]!.real ?? following[i + 1];
  const opener = matchBrackets(cps);
  const perCp = new Array<string>(n);
  let prev: string | undefined;
  for (let i = 0; i < n; i++) {
    const c = info[i]!;
    const cp = cps[i]!;
    let s = c.real;
    const first = s || opener[i]! >= 0 ? undefined : firstExtension(cp, c);
    if (!s && opener[i]! >= 0) s = perCp[opener[i]!];
    else if (!s && first !== undefined) {
      const next = following[i + 1];
      s = prev && extendsTo(cp, c, prev) ? prev : next && extendsTo(cp, c, next) ? next : first;
    } else if (!s) s = prev ?? following[i + 1];
    perCp[i] = s ?? COMMON;
    if (s && s !== COMMON) prev = s;
  }
  // Text-initial Common before a character that only its Script_Extensions resolved (a lone mark).
  const first = perCp.findIndex((s) => s !== COMMON);
  for (let i = 0; i < first; i++) perCp[i] = perCp[first]!;
  // A closing bracket has its opening bracket's final script (the opening one may have been set just above: `(َ)`).
  for (let i = 0; i < n; i++) if (opener[i]! >= 0 && !info[i]!.real) perCp[i] = perCp[opener[i]!]!;
  const out: string[] = [];
  cps.forEach((cp, i) => {
    out.push(perCp[i]!);
    if (cp > 0xffff) out.push(perCp[i]!);
  });
  return out;
}
