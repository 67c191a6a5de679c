/**
 * `<image src="emblem.png" width="72" align="center" alt="…"/>`, or the file
 * name printed from the data: `<image width="72">{{emblem}}</image>`.
 * The file is read here (images.ts); a problem with it is an error naming
 * the data field that named the file, or the template line.
 */
import { DocError } from '../errors.js';
import type { ImageNode } from '../model/index.js';
import { ImageProblem, loadTemplateImage } from './images.js';

interface Where {
  readonly templateDir: string | undefined;
  readonly dataFile: string;
  /** The template file and line of the element. */
  readonly where: { file?: string; line?: number };
  /** A markup error at the element. */
  readonly fail: (message: string, hint?: string) => never;
}

export function imageNode(attrs: Readonly<Record<string, string>>, content: readonly { text: string; pointer?: string }[], at: Where): ImageNode {
  const written = content.map((c) => c.text).join('').trim();
  if (attrs['src'] !== undefined && written !== '') at.fail('<image> has both a src and a file name inside', 'give the file name once');
  const src = attrs['src'] ?? written;
  const fromData = attrs['src'] === undefined ? content.find((c) => c.pointer !== undefined) : undefined;
  let width: number | undefined;
  if (attrs['width'] !== undefined) {
    width = Number(attrs['width']);
    if (!(width > 0 && Number.isFinite(width))) at.fail(`<image width="${attrs['width']}">: give the width in points, e.g. width="72"`);
  }
  if (at.templateDir === undefined) at.fail('<image> needs the template folder to read its file from');
  let img;
  try {
    img = loadTemplateImage(at.templateDir!, src);
  } catch (e) {
    if (!(e instanceof ImageProblem)) throw e;
    if (fromData) throw new DocError('IMAGE', e.message, { file: at.dataFile, pointer: fromData.pointer!, hint: e.hint });
    throw new DocError('IMAGE', e.message, { ...at.where, hint: e.hint });
  }
  return {
    type: 'image',
    src,
    format: img.format,
    bytes: img.bytes,
    pixelWidth: img.pixelWidth,
    pixelHeight: img.pixelHeight,
    ...(width !== undefined ? { width } : {}),
    ...(attrs['alt'] !== undefined ? { alt: attrs['alt'] } : {}),
  };
}
