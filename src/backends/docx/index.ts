/**
 * The `docx` backend: a native right-to-left Word draft that editors can work
 * in, matching the PDF's page. Logical text only (Word does bidi and shaping);
 * named styles, real list numbering, fonts embedded, deterministic bytes.
 */
import { Packer } from 'docx';
import type { DocumentModel } from '../../model/index.js';
import type { Backend, Diagnostic, RenderOptions, RenderResult } from '../types.js';
import { convert } from './convert.js';
import { repack } from './package.js';
import { draftBaseInfo } from './base-info.js';

/** 1980-01-01, the earliest date a zip entry can carry: the fallback when there is no usable date. */
const FIXED_EPOCH = Date.UTC(1980, 0, 1);

/**
 * The instant every timestamp of the package uses, never the clock:
 * SOURCE_DATE_EPOCH when set (reproducible builds; the PDF backend does the
 * same), else the document's own date (`meta.date`), else a fixed epoch.
 */
export function documentInstant(model: DocumentModel, diagnostics: Diagnostic[], env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(model.meta.date);
  if (m) {
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const d = new Date(t);
    if (d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])) return d;
  }
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
  const raw = new Uint8Array(await Packer.toBuffer(document));
  const bytes = repack(
    raw,
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
    { rtlSections: meta.dir === 'rtl', ...(options.sourceData ? { base: await draftBaseInfo(options.sourceData, options.sourceName) } : {}) },
  );
  return { bytes, diagnostics: all };
}

export const docxBackend: Backend = {
  name: 'docx',
  extension: 'docx',
  render(doc: DocumentModel, options: RenderOptions): Promise<RenderResult> {
    return renderDocx(doc, options);
  },
};
