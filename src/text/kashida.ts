/**
 * Where a word may be stretched with kashida (U+0640 TATWEEL), and which
 * join is best. Pure: no font, no shaping.
 *
 * The priority is the one Microsoft published for SCRIPT_JUSTIFY (Internet
 * Explorer 5.5) and LibreOffice uses, with LibreOffice's amendments:
 *   0 an existing tatweel typed by the user (it is lengthened);
 *   1 after an initial or medial seen or sad;
 *   2 before a final teh marbuta, heh or dal;
 *   3 before a final alef, tah, lam, kaf or gaf;
 *   4 before a medial beh-like letter followed by reh or a yeh-like letter;
 *   5 before a final waw, ain, qaf or feh;
 *   6 before a reh, or before any other final letter;
 *   7 (last resort, only when the shaper said which joins are safe) any
 *     other join between two Arabic letters.
 * Within a word the best level wins; between equal levels, the one nearest
 * the end of the word. Never: after a letter that does not join forward,
 * inside lam-alef, next to ZWNJ, across an isolate edge (U+2066-U+2069, a
 * data field's boundary), before a final yeh unless after seen or sad,
 * between a letter and its marks (a tatweel goes after the marks of the
 * letter before it, right before the next letter).
 *
 * Joining types and groups are those of the Unicode Character Database
 * (ArabicShaping.txt) for the Arabic and Arabic Supplement blocks.
 */

export type JoiningType = 'D' | 'R' | 'C' | 'U' | 'T';

/** Ranges of ArabicShaping.txt: "first[-last]" in hex, joining type, joining group. */
const SHAPING =
  '600-605U|608U|60bU|620D YEH|621U|622-623R ALEF|624R WAW|625R ALEF|626D YEH|627R ALEF|628D BEH|629R TEH_MARBUTA|62a-62bD BEH|' +
  '62c-62eD HAH|62f-630R DAL|631-632R REH|633-634D SEEN|635-636D SAD|637-638D TAH|639-63aD AIN|63b-63cD GAF|63d-63fD FARSI_YEH|640C|' +
  '641D FEH|642D QAF|643D KAF|644D LAM|645D MEEM|646D NOON|647D HEH|648R WAW|649-64aD YEH|66eD BEH|66fD QAF|671-673R ALEF|674U|675R ALEF|' +
  '676-677R WAW|678D YEH|679-680D BEH|681-687D HAH|688-690R DAL|691-699R REH|69a-69cD SEEN|69d-69eD SAD|69fD TAH|6a0D AIN|6a1-6a6D FEH|' +
  '6a7-6a8D QAF|6a9D GAF|6aaD SWASH_KAF|6abD GAF|6ac-6aeD KAF|6af-6b4D GAF|6b5-6b8D LAM|6b9-6bcD NOON|6bdD NYA|6beD KNOTTED_HEH|6bfD HAH|' +
  '6c0R TEH_MARBUTA|6c1-6c2D HEH_GOAL|6c3R TEH_MARBUTA_GOAL|6c4-6cbR WAW|6ccD FARSI_YEH|6cdR YEH_WITH_TAIL|6ceD FARSI_YEH|6cfR WAW|' +
  '6d0-6d1D YEH|6d2-6d3R YEH_BARREE|6d5R TEH_MARBUTA|6ddU|6eeR DAL|6efR REH|6faD SEEN|6fbD SAD|6fcD AIN|6ffD KNOTTED_HEH|750-756D BEH|' +
  '757-758D HAH|759-75aR DAL|75bR REH|75cD SEEN|75d-75fD AIN|760-761D FEH|762-764D GAF|765-766D MEEM|767-769D NOON|76aD LAM|76b-76cR REH|' +
  '76dD SEEN|76e-76fD HAH|770D SEEN|771R REH|772D HAH|773-774R ALEF|775-776D FARSI_YEH|777D YEH|778-779R WAW|77a-77bD BURUSHASKI_YEH_BARREE|' +
  '77cD HAH|77d-77eD SEEN|77fD KAF';

const typeOf = new Map<number, JoiningType>();
const groupOf = new Map<number, string>();
for (const entry of SHAPING.split('|')) {
  const m = /^([0-9a-f]+)(?:-([0-9a-f]+))?([DRCU])(?: (\w+))?$/.exec(entry)!;
  const first = parseInt(m[1]!, 16);
  const last = m[2] ? parseInt(m[2], 16) : first;
  for (let cp = first; cp <= last; cp++) {
    typeOf.set(cp, m[3] as JoiningType);
    if (m[4]) groupOf.set(cp, m[4]);
  }
}
// Characters listed outside the Arabic blocks: ZWNJ, the joiner, narrow no-break space, isolates.
typeOf.set(0x200c, 'U').set(0x200d, 'C').set(0x202f, 'U');
for (let cp = 0x2066; cp <= 0x2069; cp++) typeOf.set(cp, 'U');

const MARK = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const ARABIC = /^\p{Script=Arabic}$/u;

/** Unicode Joining_Type: unlisted marks and format characters are transparent, other unlisted characters non-joining. */
export function joiningType(cp: number): JoiningType {
  return typeOf.get(cp) ?? (MARK.test(String.fromCodePoint(cp)) ? 'T' : 'U');
}

/** Unicode Joining_Group, upper case with underscores (`TEH_MARBUTA`); undefined for No_Joining_Group. */
export function joiningGroup(cp: number): string | undefined {
  return groupOf.get(cp);
}

const TATWEEL = 0x640;
const ZWJ = 0x200d;

const inGroup = (cp: number, ...groups: string[]): boolean => groups.includes(groupOf.get(cp) ?? '');
/** Beh and the letters shaped like it in medial form. */
const isBehLike = (cp: number): boolean => inGroup(cp, 'BEH', 'NOON', 'AFRICAN_NOON', 'NYA', 'YEH', 'FARSI_YEH', 'BURUSHASKI_YEH_BARREE');
/** Yeh and the letters shaped like it in final form. */
const isYehLike = (cp: number): boolean => inGroup(cp, 'YEH', 'FARSI_YEH', 'YEH_BARREE', 'BURUSHASKI_YEH_BARREE', 'YEH_WITH_TAIL');
const isArabic = (cp: number): boolean => ARABIC.test(String.fromCodePoint(cp));
const joinsForward = (cp: number): boolean => { const t = joiningType(cp); return t === 'D' || t === 'C'; };
const joinsBackward = (cp: number): boolean => { const t = joiningType(cp); return t === 'D' || t === 'R' || t === 'C'; };

export interface KashidaCandidate {
  /** UTF-16 index in the word of the letter the kashida follows (LibreOffice's index). */
  readonly index: number;
  /** UTF-16 offset where U+0640 is inserted: after that letter's marks, right before the next letter. */
  readonly at: number;
  /** 0 (best) to 7. */
  readonly priority: number;
}

/**
 * Every join of `word` where a kashida may go, best first (lower priority
 * level, then nearer the end of the word). `safe(at)`, when given, says
 * whether the shaper allows a tatweel at offset `at` (HarfBuzz's
 * SAFE_TO_INSERT_TATWEEL on the next letter); it also enables level 7.
 */
export function kashidaCandidates(word: string, safe?: (at: number) => boolean): KashidaCandidate[] {
  const cps: { cp: number; i: number }[] = [];
  for (let i = 0; i < word.length; ) {
    const cp = word.codePointAt(i)!;
    cps.push({ cp, i });
    i += cp > 0xffff ? 2 : 1;
  }
  // Trailing marks do not make the last letter any less final.
  let n = cps.length;
  while (n > 0 && joiningType(cps[n - 1]!.cp) === 'T') n--;
  const out: KashidaCandidate[] = [];
  let prev = -1; // index into cps of the last non-transparent character
  for (let k = 0; k < n; k++) {
    const { cp } = cps[k]!;
    if (cp === TATWEEL) {
      // A tatweel the user typed: lengthen it (insert after it and its marks).
      let after = k + 1;
      while (after < cps.length && joiningType(cps[after]!.cp) === 'T') after++;
      out.push({ index: cps[k]!.i, at: after < cps.length ? cps[after]!.i : word.length, priority: 0 });
    } else if (prev >= 0) {
      const p = joinPriority(cps, prev, k, k === n - 1, safe !== undefined);
      const at = cps[k]!.i;
      if (p !== undefined && (!safe || safe(at))) out.push({ index: cps[prev]!.i, at, priority: p });
    }
    if (joiningType(cp) !== 'T') prev = k;
  }
  return out.sort((a, b) => a.priority - b.priority || b.index - a.index);
}

/** The best kashida position of a word (LibreOffice's GetWordKashidaPosition), or undefined. */
export function wordKashidaPosition(word: string, safe?: (at: number) => boolean): KashidaCandidate | undefined {
  return kashidaCandidates(word, safe)[0];
}

/** The level of the join between letters cps[p] and cps[k] (marks between them), or undefined where a kashida may not go. */
function joinPriority(cps: readonly { cp: number }[], p: number, k: number, final: boolean, lastResort: boolean): number | undefined {
  const prev = cps[p]!.cp;
  const cur = cps[k]!.cp;
  // Only between two joining letters: the one before joins forward, this one backward.
  if (!joinsForward(prev) || !joinsBackward(cur)) return undefined;
  // Lam-alef is one ligature.
  if (inGroup(prev, 'LAM') && inGroup(cur, 'ALEF')) return undefined;
  // Only marks lie between them (ZWNJ and the isolates are non-joining, so they end a
  // join above); a joiner is no letter to stretch from or to.
  if (prev === ZWJ || cur === ZWJ) return undefined;
  if (inGroup(prev, 'SEEN', 'SAD')) return 1;
  // A final yeh is not stretched into (tdf#65344), except after seen or sad above.
  if (final && isYehLike(cur)) return undefined;
  if (inGroup(cur, 'TEH_MARBUTA', 'DAL') || (final && inGroup(cur, 'HEH'))) return 2;
  if (inGroup(cur, 'ALEF') || (final && inGroup(cur, 'LAM', 'TAH', 'KAF', 'GAF'))) return 3;
  const next = cps[k + 1]?.cp;
  if (!final && next !== undefined && isBehLike(cur) && (inGroup(next, 'REH') || isYehLike(next))) return 4;
  if (inGroup(cur, 'WAW') || (final && inGroup(cur, 'AIN', 'QAF', 'AFRICAN_QAF', 'FEH', 'AFRICAN_FEH'))) return 5;
  if (inGroup(cur, 'REH') || (final && isArabic(cur))) return 6;
  if (lastResort && isArabic(prev) && isArabic(cur)) return 7;
  return undefined;
}
