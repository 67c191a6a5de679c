/**
 * `<image>`: files of the template folder only, PNG or JPEG, read when the
 * markup is parsed; every problem is a DocError naming the data field that
 * named the file, or the template file and line.
 */
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { DocError } from '../../src/errors.js';
import { loadDocument } from '../../src/pipeline.js';
import { jpegSize, pngSize } from '../../src/template/images.js';
import { renderPdf } from '../../src/backends/pdf/index.js';
import { docxBackend } from '../../src/backends/docx/index.js';

const SAMPLE = JSON.parse(readFileSync('tests/fixtures/features-sample.json', 'utf8')) as Record<string, unknown>;

/** A copy of the features template in a temp templates folder, with `edit` applied; returns data file and folder. */
function setup(data: Record<string, unknown>, edit: (dir: string) => void = () => {}): { file: string; templates: string } {
  const root = mkdtempSync(join(tmpdir(), 'oic-img-'));
  const templates = join(root, 'templates');
  cpSync('tests/fixtures/templates/features', join(templates, 'features'), { recursive: true });
  edit(join(templates, 'features'));
  const file = join(root, 'doc.json');
  writeFileSync(file, JSON.stringify({ ...SAMPLE, participants: (SAMPLE['participants'] as unknown[]).slice(0, 2), ...data }, null, 2));
  return { file, templates };
}

async function failure(file: string, templates: string): Promise<DocError> {
  try {
    await loadDocument(file, { templatesDir: templates });
  } catch (e) {
    if (e instanceof DocError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('images named by the data', () => {
  it('reports a missing file at the data field that names it', async () => {
    const { file, templates } = setup({ emblem: 'logo.png' });
    const e = await failure(file, templates);
    expect(e.code).toBe('IMAGE');
    expect(e.file).toBe(file);
    expect(e.pointer).toBe('/emblem');
    expect(e.message).toBe('image "logo.png" does not exist in the template folder');
    expect(e.hint).toMatch(/template folder/);
  });

  it('never reads outside the template folder: parent paths, absolute paths, URLs', async () => {
    for (const name of ['../../../../etc/hostname.png', '/etc/passwd.png', 'C:\\x.png', 'file:///etc/x.png', 'sub/../../x.png']) {
      const { file, templates } = setup({ emblem: name });
      const e = await failure(file, templates);
      expect(e.code, name).toBe('IMAGE');
      expect(e.pointer, name).toBe('/emblem');
    }
  });

  it('refuses a link that leads out of the folder', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'oic-out-')), 'secret.png');
    cpSync('tests/fixtures/templates/features/emblem.png', outside);
    const { file, templates } = setup({ emblem: 'linked.png' }, (dir) => symlinkSync(outside, join(dir, 'linked.png')));
    const e = await failure(file, templates);
    expect(e.message).toBe('image "linked.png" lies outside the template folder');
  });

  it('refuses a file that is not what its name says, and other formats', async () => {
    const bad = setup({ emblem: 'fake.png' }, (dir) => writeFileSync(join(dir, 'fake.png'), 'GIF89a not a png'));
    expect((await failure(bad.file, bad.templates)).message).toBe('image "fake.png" is not a readable PNG file');
    const gif = setup({ emblem: 'x.gif' }, (dir) => writeFileSync(join(dir, 'x.gif'), 'GIF89a'));
    expect((await failure(gif.file, gif.templates)).message).toBe('image "x.gif" is neither PNG nor JPEG');
  });
});

describe('images written in the template', () => {
  it('reports a missing file at the template line', async () => {
    const { file, templates } = setup({}, (dir) => {
      const main = join(dir, 'main.hbs');
      writeFileSync(main, readFileSync(main, 'utf8').replace('<p style="title">', '<image src="seal.png"/>\n    <p style="title">'));
    });
    const e = await failure(file, templates);
    expect(e.code).toBe('IMAGE');
    expect(e.file).toMatch(/main\.hbs$/);
    expect(e.line).toBe(9); // the line of <image> in main.hbs
    expect(e.pointer).toBeUndefined();
  });

  it('embeds a JPEG in both outputs, at its natural size (96 per inch) when no width is given', async () => {
    const { file, templates } = setup({}, (dir) => {
      cpSync('tests/fixtures/images/seal.jpg', join(dir, 'seal.jpg'));
      const main = join(dir, 'main.hbs');
      writeFileSync(main, readFileSync(main, 'utf8').replace('<p style="title">', '<image src="seal.jpg" align="end" alt="ختم"/><p style="title">'));
    });
    const { model } = await loadDocument(file, { templatesDir: templates });
    const img = model.sections[0]!.blocks.find((b) => b.type === 'image' && b.src === 'seal.jpg');
    expect(img).toMatchObject({ type: 'image', format: 'jpeg', pixelWidth: 80, pixelHeight: 80, align: 'end', alt: 'ختم' });
    const pdf = Buffer.from((await renderPdf(model)).bytes).toString('latin1');
    expect(pdf).toMatch(/\/Subtype \/Image[\s\S]{0,200}\/Filter \/DCTDecode|\/Filter \/DCTDecode[\s\S]{0,200}\/Subtype \/Image/);
    const zip = await JSZip.loadAsync((await docxBackend.render(model, {})).bytes);
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media.length).toBe(2);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(`cx="${60 * 12700}"`); // 80 px at 96 per inch = 60 pt
    expect(xml).toContain('descr="ختم"');
  });
});

describe('image sizes', () => {
  it('reads PNG and JPEG sizes from their headers', () => {
    expect(pngSize(readFileSync('tests/fixtures/templates/features/emblem.png'))).toEqual({ width: 192, height: 192 });
    expect(jpegSize(readFileSync('tests/fixtures/images/seal.jpg'))).toEqual({ width: 80, height: 80 });
    expect(pngSize(new Uint8Array(40))).toBeUndefined();
    expect(jpegSize(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
  });
});
