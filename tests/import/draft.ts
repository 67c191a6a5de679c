/** The Word draft of a data file, as `build` makes it (fields marked, merge base embedded). */
import { basename } from 'node:path';
import { docxBackend } from '../../src/backends/docx/index.js';
import { loadDocument } from '../../src/pipeline.js';

export async function markedDraft(dataFile: string): Promise<Uint8Array> {
  const { model, bytes } = await loadDocument(dataFile);
  const r = await docxBackend.render(model, { sourceData: bytes, sourceName: basename(dataFile) });
  return r.bytes;
}
