/**
 * Direction for the DOCX backend. Word runs the Unicode bidi algorithm and
 * shapes text itself; all the backend decides is which run gets `w:rtl` (so
 * Word formats it with the complex-script font, size and bold) and a
 * paragraph's base direction when the model says 'auto'. Both questions are
 * answered by the text engine (src/text), the one place that knows bidi.
 */
import { firstStrongDir, isNeutral, rtlCodePoints } from '../../text/index.js';

export type Strong = 'R' | 'L';

/** Whether a character is neutral (digits, spaces, punctuation, symbols) rather than a strong letter. */
export function isNeutralChar(ch: string): boolean {
  return isNeutral(ch);
}

/** The direction of the first strong character (UAX #9 P2/P3), if any. */
export function firstStrong(text: string): 'rtl' | 'ltr' | undefined {
  return firstStrongDir(text);
}

/**
 * Per code point of `text` in a paragraph of direction `base`: 'R' where it
 * is right-to-left text (Arabic, and numbers inside Arabic), 'L' elsewhere
 * (Latin, and a Latin phrase's own digits and punctuation).
 */
export function resolveDirections(text: string, base: 'rtl' | 'ltr'): Strong[] {
  return rtlCodePoints(text, base).map((r) => (r ? 'R' : 'L'));
}
