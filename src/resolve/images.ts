/** Images: size (points) and alignment, the same for every backend. */
import type { ImageNode, ParagraphStyle } from '../model/index.js';
import type { Direction, RImage } from './types.js';

/** Pixels per inch of an image that gives no width: the screen convention both Word and browsers use. */
export const DEFAULT_PPI = 96;

export function resolveImage(node: ImageNode, style: ParagraphStyle, dir: Direction, running: boolean): RImage {
  const natural = (node.pixelWidth * 72) / DEFAULT_PPI;
  const width = node.width ?? natural;
  const height = (width * node.pixelHeight) / node.pixelWidth;
  const asked = node.align ?? style.align ?? 'start';
  return {
    kind: 'image',
    format: node.format,
    bytes: node.bytes,
    width,
    height,
    align: asked === 'justify' ? 'start' : asked,
    dir: node.dir === 'ltr' || node.dir === 'rtl' ? node.dir : dir,
    ...(node.alt !== undefined ? { alt: node.alt } : {}),
    spaceBefore: style.spaceBefore ?? 0,
    spaceAfter: style.spaceAfter ?? 0,
    running,
    ...(node.origin ? { origin: node.origin } : {}),
  };
}
