import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveScripts } from '../../src/text/script.js';

/** The scripts of `text`, one letter per UTF-16 unit: A Arabic, L Latin, H Hebrew, C Common, other codes as they are. */
function codes(text: string): string {
  const short: Record<string, string> = { Arab: 'A', Latn: 'L', Hebr: 'H', Zyyy: 'C' };
  return resolveScripts(text).map((s) => short[s] ?? `<${s}>`).join('');
}

describe('resolveScripts: script of every UTF-16 unit, as browsers itemize for shaping', () => {
  it('gives real letters their own script', () => {
    expect(codes('قرار')).toBe('AAAA');
    expect(codes('ACM')).toBe('LLL');
    expect(codes('שלום')).toBe('HHHH');
    expect(resolveScripts('Москва δ')).toEqual([...Array(6).fill('Cyrl'), 'Cyrl', 'Grek']);
  });

  it('gives a full stop, a slash or a digit after a Latin word the Latin script, inside Arabic text', () => {
    // "القرار ACM-2018/AZER. انتهى"
    const t = 'القرار ACM-2018/AZER. انتهى';
    expect(codes(t)).toBe('AAAAAA' + 'A' + 'LLLLLLLLLLLLLL' + 'L' + 'AAAAA');
  });

  it('gives Common text at the start the script of the first letter that follows', () => {
    expect(codes('2018 تقرير')).toBe('AAAAAAAAAA');
    expect(codes('(1) Report')).toBe('LLLLLLLLLL');
    expect(codes('- ')).toBe('CC');
    expect(codes('')).toBe('');
  });

  it('gives a closing bracket the script of its opening bracket', () => {
    // The opening bracket follows an Arabic word: both brackets are Arabic, the code inside Latin.
    expect(codes('القرار (ACM)')).toBe('AAAAAA' + 'A' + 'A' + 'LLL' + 'A');
    // Nested: each closing bracket finds its own opener.
    expect(codes('قرار [انظر (ISO) ب]')).toBe('AAAA' + 'A' + 'A' + 'AAAA' + 'A' + 'A' + 'LLL' + 'A' + 'A' + 'A' + 'A');
    // After a Latin word inside Arabic the opening bracket is Latin, and so is its twin after Arabic text.
    expect(codes('ISO (قرار)')).toBe('LLL' + 'L' + 'L' + 'AAAA' + 'L');
    // An unmatched closing bracket is plain Common: it follows the preceding letter.
    expect(codes('ACM) قرار')).toBe('LLLL' + 'L' + 'AAAA');
    // U+2329 closes with U+232A and with U+3009 alike (canonical equivalents).
    expect(codes('قرار \u2329ACM\u3009')).toBe('AAAA' + 'A' + 'A' + 'LLL' + 'A');
  });

  it('keeps guillemets (not paired brackets) with the preceding character', () => {
    expect(codes('قال «Yes» نعم')).toBe('AAA' + 'A' + 'A' + 'LLL' + 'L' + 'L' + 'AAA');
  });

  it('keeps combining marks with their letter and takes the preceding script over isolate controls', () => {
    expect(codes('إِنَّ')).toBe('AAAAA');
    expect(codes('e\u0301A')).toBe('LLL');
    // "رقم ⁧ACM-2018⁩." : the isolates are transparent, the full stop follows the Latin code.
    expect(codes('رقم \u2067ACM-2018\u2069.')).toBe('AAA' + 'A' + 'A' + 'LLLLLLLL' + 'L' + 'L');
    // An isolate at the start takes what follows it.
    expect(codes('\u2068ACM\u2069 قرار')).toBe('L' + 'LLL' + 'L' + 'L' + 'AAAA');
  });

  it('gives Arabic punctuation after a Latin word the Arabic script (its Script_Extensions)', () => {
    // "OIC، جدة": the Arabic comma is not Latin.
    expect(codes('OIC، جدة')).toBe('LLL' + 'A' + 'A' + 'AAA');
    // Arabic question mark and tatweel after Arabic stay Arabic.
    expect(codes('هل؟')).toBe('AAA');
    expect(codes('ACM؟')).toBe('LLLA');
    // Arabic-Indic digits (Common, Script_Extensions Arabic and Thaana) after Latin text.
    expect(codes('ISO ١٢')).toBe('LLL' + 'L' + 'AA');
  });

  it('gives both halves of a surrogate pair one script', () => {
    const t = 'a\u{1D400}b 😀';
    const s = resolveScripts(t);
    expect(s).toHaveLength(t.length);
    expect(s).toEqual(['Latn', 'Latn', 'Latn', 'Latn', 'Latn', 'Latn', 'Latn']);
    expect(resolveScripts('\u{10E60}')).toEqual(['Arab', 'Arab']); // Rumi numeral: Arabic script, astral
    // Found by the property below: brackets around a lone mark take the mark's script, both of them.
    expect(resolveScripts('(\u064E)')).toEqual(['Arab', 'Arab', 'Arab']);
  });

  it('on any text: one script per unit, letters keep their own, Common only where no character names a script', () => {
    const alphabet = fc.constantFrom(...'اب ت(ACM)[]«»., ١2\u2067\u2069\u064E-؟');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const t = chars.join('');
        const s = resolveScripts(t);
        expect(s).toHaveLength(t.length);
        for (let i = 0; i < t.length; i++) {
          if (/\p{Script=Arabic}/u.test(t[i]!)) expect(s[i]).toBe('Arab');
          if (/\p{Script=Latin}/u.test(t[i]!)) expect(s[i]).toBe('Latn');
        }
        const hasReal = /[\p{Script_Extensions=Arabic}\p{Script_Extensions=Latin}]/u.test(t);
        if (!hasReal) expect(new Set(s)).toEqual(new Set(t ? ['Zyyy'] : []));
        else expect(s).not.toContain('Zyyy');
      }),
    );
  });
});

describe('resolveScripts: a Common character with specific Script_Extensions', () => {
  // The extensions as Unicode lists them, every script of the table tested (what resolveScripts asks script by script).
  const TABLE = ['Arabic', 'Latin', 'Hebrew', 'Syriac', 'Thaana', 'Nko', 'Hanifi_Rohingya', 'Yezidi', 'Adlam', 'Mandaic', 'Cyrillic', 'Greek',
    'Armenian', 'Georgian', 'Ethiopic', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam',
    'Sinhala', 'Thai', 'Lao', 'Tibetan', 'Myanmar', 'Khmer', 'Mongolian', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Tifinagh', 'Coptic',
    'Manichaean', 'Psalter_Pahlavi'];
  const CODES = ['Arab', 'Latn', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Rohg', 'Yezi', 'Adlm', 'Mand', 'Cyrl', 'Grek', 'Armn', 'Geor', 'Ethi', 'Deva',
    'Beng', 'Guru', 'Gujr', 'Orya', 'Taml', 'Telu', 'Knda', 'Mlym', 'Sinh', 'Thai', 'Laoo', 'Tibt', 'Mymr', 'Khmr', 'Mong', 'Hani', 'Hira', 'Kana',
    'Hang', 'Tfng', 'Copt', 'Mani', 'Phlp'];
  const scx = TABLE.map((name) => new RegExp(`^\\p{Script_Extensions=${name}}$`, 'u'));
  const generic = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
  const genericScx = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;
  const brackets = /[()[\]{}\u0f3a-\u0f3d\u169b\u169c\u2045\u2046\u207d\u207e\u208d\u208e\u2308-\u230b\u2329\u232a\u2768-\u2775\u27c5\u27c6\u27e6-\u27ef\u2983-\u2998\u29d8-\u29db\u29fc\u29fd\u2e22-\u2e29\u2e55-\u2e5c\u3008-\u3011\u3014-\u301b\ufe59-\ufe5e\uff08\uff09\uff3b\uff3d\uff5b\uff5d\uff5f\uff60\uff62\uff63]/u;

  it('takes the preceding script if its extensions hold it, else the following one, else the first of the table', () => {
    const letters = { Arab: 'ب', Latn: 'b', Thaa: 'ހ', Syrc: 'ܒ' } as const;
    let checked = 0;
    for (let cp = 0; cp < 0x3100; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!generic.test(ch) || genericScx.test(ch) || brackets.test(ch) || /\p{Cc}|\p{Cs}/u.test(ch)) continue;
      const ext = CODES.filter((_, i) => scx[i]!.test(ch));
      if (ext.length === 0) continue;
      for (const [p, pl] of Object.entries(letters)) {
        for (const [n, nl] of Object.entries(letters)) {
          const expected = ext.includes(p) ? p : ext.includes(n) ? n : ext[0]!;
          expect(resolveScripts(`${pl}${ch}${nl}`)[1], `U+${cp.toString(16)} between ${p} and ${n}`).toBe(expected);
        }
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
