/**
 * Incremental builds (issue 5): byte-identical outputs, "up to date" documents,
 * rebuilding only what an edit affects, and a failed build leaving outputs as
 * they were. Works on a temp copy of the project's templates and data.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAll, buildFile, type BuildOptions, type BuildResult } from '../../src/pipeline.js';
import { ANNEX, tempDir } from './util.js';

interface Project { root: string; data: string; templates: string; out: string; a: string; b: string; options: BuildOptions }

function project(): Project {
  const root = tempDir('oic-incremental-');
  const templates = join(root, 'templates');
  const data = join(root, 'data');
  cpSync('templates', templates, { recursive: true });
  mkdirSync(data);
  const annex = JSON.parse(readFileSync(ANNEX, 'utf8'));
  const a = join(data, 'a.json');
  const b = join(data, 'b.json');
  writeFileSync(a, JSON.stringify(annex, null, 2));
  writeFileSync(b, JSON.stringify({ ...annex, paragraphs: annex.paragraphs.slice(0, 3) }, null, 2));
  const out = join(root, 'out');
  return { root, data, templates, out, a, b, options: { templatesDir: templates, dataDir: data, outDir: out } };
}

const bytes = (f: string): Buffer => readFileSync(f);
const rebuilt = (results: readonly BuildResult[]): string[] => results.filter((r) => r.outputs.length > 0).map((r) => r.input).sort();

async function buildOk(files: string[] | undefined, options: BuildOptions): Promise<readonly BuildResult[]> {
  const { results, failures } = await buildAll(files, options);
  expect(failures).toEqual([]);
  return results;
}

describe('incremental builds', () => {
  let p: Project;
  beforeEach(() => {
    p = project();
  });

  test('two builds give byte-identical PDF and DOCX', async () => {
    const out2 = join(p.root, 'out2');
    await buildFile(p.a, { ...p.options, force: true });
    await buildFile(p.a, { ...p.options, outDir: out2, force: true });
    for (const ext of ['pdf', 'docx']) {
      const one = bytes(join(p.out, `a.${ext}`));
      const two = bytes(join(out2, `a.${ext}`));
      expect(one.length).toBeGreaterThan(1000);
      expect(one.equals(two), `${ext} differs between two builds`).toBe(true);
    }
  });

  test('a build after touching nothing rebuilds nothing; --force rebuilds', async () => {
    expect(rebuilt(await buildOk(undefined, p.options))).toEqual([p.a, p.b]);
    expect(existsSync(join(p.out, '.cache', 'a.json'))).toBe(true);
    const again = await buildOk(undefined, p.options);
    expect(rebuilt(again)).toEqual([]);
    for (const r of again) expect(r.upToDate.map((o) => o.format)).toEqual(['pdf', 'docx']);
    expect(rebuilt(await buildOk(undefined, { ...p.options, force: true }))).toEqual([p.a, p.b]);
  });

  test('an edit to one of two data files rebuilds only that one', async () => {
    await buildOk(undefined, p.options);
    const pdfB = bytes(join(p.out, 'b.pdf'));
    const data = JSON.parse(readFileSync(p.a, 'utf8'));
    data.paragraphs[0].text += ' وغيرها';
    writeFileSync(p.a, JSON.stringify(data, null, 2));
    expect(rebuilt(await buildOk(undefined, p.options))).toEqual([p.a]);
    expect(bytes(join(p.out, 'b.pdf')).equals(pdfB)).toBe(true);
  });

  test('a missing output is rebuilt, the other format stays up to date', async () => {
    await buildOk([p.a], p.options);
    writeFileSync(join(p.out, 'a.docx'), 'truncated');
    const [r] = await buildOk([p.a], p.options);
    expect(r!.outputs.map((o) => o.format)).toEqual(['docx']);
    expect(r!.upToDate.map((o) => o.format)).toEqual(['pdf']);
  });

  test('an edit to a partial rebuilds every document of that template, with the new partial', async () => {
    await buildOk(undefined, p.options);
    const header = join(p.templates, 'oic-annex', 'partials', 'header.hbs');
    writeFileSync(header, readFileSync(header, 'utf8').replace('{{symbol}}', '{{symbol}} HEADER-EDITED'));
    const results = await buildOk(undefined, p.options);
    expect(rebuilt(results)).toEqual([p.a, p.b]);
    // The cached template was loaded again: the new header is in the document.
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(bytes(join(p.out, 'a.docx')));
    const xml = (await Promise.all(Object.keys(zip.files).filter((n) => /header\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')))).join('');
    expect(xml).toContain('HEADER-EDITED');
    expect(rebuilt(await buildOk(undefined, p.options))).toEqual([]);
  });

  test('a failed build (bad JSON) leaves the previous outputs byte-identical', async () => {
    await buildOk([p.a], p.options);
    const before = ['a.pdf', 'a.docx', '.cache/a.json'].map((f) => bytes(join(p.out, f)));
    const good = readFileSync(p.a, 'utf8');
    writeFileSync(p.a, good.replace('"paragraphs": [', '"paragraphs": [,'));
    const { failures } = await buildAll([p.a], p.options);
    expect(failures).toHaveLength(1);
    expect((failures[0]!.error as { code?: string }).code).toBe('JSON_SYNTAX');
    ['a.pdf', 'a.docx', '.cache/a.json'].forEach((f, i) => expect(bytes(join(p.out, f)).equals(before[i]!), f).toBe(true));
    // Restoring the data makes the outputs up to date again.
    writeFileSync(p.a, good);
    expect(rebuilt(await buildOk([p.a], p.options))).toEqual([]);
  });
});
