/**
 * The `docx` backend: a native right-to-left Word draft that editors can work
 * in, matching the PDF's page. Logical text only (Word does bidi and shaping);
 * named styles, real list numbering, fonts embedded, deterministic bytes.
 */
import type { DocumentModel } from '../../model/index.js';
import type { Backend, Diagnostic, RenderOptions, RenderResult } from '../types.js';
import { documentInstant as sharedInstant } from '../../resolve/instant.js';
import { convert } from './convert.js';
import { resolveOnce } from '../../resolve/index.js';
import { wordNumberFormat } from './numbering.js';
import { repackParts } from './package.js';
import { packageParts } from './parts.js';
import { draftBaseInfo } from './base-info.js';

/** 1980-01-01, the earliest date a zip entry can carry: the fallback when there is no usable date. */
const FIXED_EPOCH = Date.UTC(1980, 0, 1);

/**
 * The instant every timestamp of the package uses, never the clock:
 * the shared rule (src/resolve/instant.ts: SOURCE_DATE_EPOCH, else the
 * document's date), else a fixed epoch with a warning.
 */
export function documentInstant(model: DocumentModel, diagnostics: Diagnostic[], env: NodeJS.ProcessEnv = process.env): Date {
  const instant = sharedInstant(model.meta, env);
  if (instant) return instant;
  diagnostics.push({
    severity: 'warning',
    code: 'BAD_DATE',
    message: `document date "${model.meta.date}" is not a YYYY-MM-DD date; the DOCX is dated 1980-01-01`,
  });
  return new Date(FIXED_EPOCH);
}

export async function renderDocx(model: DocumentModel, options: RenderOptions = {}): Promise<RenderResult> {
  // Fields are marked for `import` when the draft carries the data it was made from (a build).
  const { document, diagnostics } = convert(model, { markFields: options.sourceData !== undefined });
  const all = [...diagnostics];
  const instant = documentInstant(model, all);
  const { meta } = model;
  const bytes = repackParts(
    await packageParts(document),
    {
      title: meta.title,
      ...(meta.subject !== undefined ? { subject: meta.subject } : {}),
      ...(meta.author !== undefined ? { creator: meta.author } : {}),
      ...(meta.keywords !== undefined ? { keywords: meta.keywords.join(', ') } : {}),
      language: meta.lang,
      date: instant.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    // Zip entry times cannot go before 1980.
    new Date(Math.max(instant.getTime(), FIXED_EPOCH)),
    { rtlSections: meta.dir === 'rtl', ...footnoteFormat(model), ...(options.sourceData ? { base: await draftBaseInfo(options.sourceData, options.sourceName, options.templatesDir, options.template) } : {}) },
  );
  return { bytes, diagnostics: all };
}

function footnoteFormat(model: DocumentModel): { footnoteFormat?: string } {
  const first = resolveOnce(model).notes[0];
  return first ? { footnoteFormat: wordNumberFormat(first.numberStyle) } : {};
}

export const docxBackend: Backend = {
  name: 'docx',
  extension: 'docx',
  render(doc: DocumentModel, options: RenderOptions): Promise<RenderResult> {
    return renderDocx(doc, options);
  },
};
