/** The text engine: bidi, script runs, shaping, measuring, line breaking, justification. */
export { TextEngine } from './layout.js';
export { breakLines, linkRanges } from './linebreak.js';
export type { InlineItem, LaidOutLine, LaidOutParagraph, MissingGlyph, ParagraphSpec, PlacedGlyph, PlacedRun, TextStyle } from './types.js';
export { type Justifier, type JustifyRequest, registerJustifier, spaceJustifier } from './justify.js';
export { bidiClass, firstStrongDir, reorderRuns, paragraphLevels, lineLevels, mirrored, rtlCodePoints, isNeutral } from './bidi.js';
export type { BaseDir } from './bidi.js';
export { loadFontConfig, fontFile } from './fonts.js';
export type { FontConfig } from './fonts.js';
export { loadFont } from './shaper.js';
export type { LoadedFont } from './shaper.js';
