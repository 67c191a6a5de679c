/**
 * A rebuild in the same process, after a one-word edit, takes unchanged
 * streams' deflated bytes and font files' bytes and tables from memory:
 * it must give exactly the bytes a build with nothing kept gives.
 */
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/pipeline.js';
import { renderPdf } from '../../../src/backends/pdf/index.js';
import { cachedStreams, forgetStreams } from '../../../src/backends/pdf/stream-cache.js';
import { forgetFontFiles } from '../../../src/backends/pdf/font-files.js';
import type { DocumentModel } from '../../../src/model/index.js';
import { buildsOnce } from '../../../src/process-mode.js';

const FILE = 'data/acm-2018-azer-rep-annex-v.json';

/** The annex with its last « الاجتماع » changed (as a secretary would fix a word). */
function edited(model: DocumentModel): DocumentModel {
  const text = JSON.stringify(model);
  const at = text.lastIndexOf('الاجتماع');
  expect(at).toBeGreaterThan(0);
  return JSON.parse(text.slice(0, at) + 'اللقاء' + text.slice(at + 'الاجتماع'.length)) as DocumentModel;
}

describe('streams and fonts kept between builds', () => {
  it('gives the bytes of a build with nothing kept, after an edit', async () => {
    const { model } = await loadDocument(FILE);
    const first = await renderPdf(model);
    const kept = cachedStreams();
    expect(kept).toBeGreaterThan(3); // pages, font subsets, ToUnicode maps, ICC profile
    const again = await renderPdf(edited(model));
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(false);
    // Most streams were the same bytes: found, not deflated and kept again.
    expect(cachedStreams() - kept).toBeLessThan(kept);

    forgetStreams();
    forgetFontFiles();
    const fresh = await renderPdf(edited(model));
    expect(Buffer.from(again.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
  });

  // Last: it makes this process one that builds once.
  it('keeps nothing in a process that builds once (the CLI\'s build), and gives the same bytes', async () => {
    const { model } = await loadDocument(FILE);
    const kept = await renderPdf(model);
    forgetStreams();
    buildsOnce();
    const once = await renderPdf(model);
    expect(cachedStreams()).toBe(0);
    expect(Buffer.from(once.bytes).equals(Buffer.from(kept.bytes))).toBe(true);
  });
});
