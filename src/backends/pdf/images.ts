/**
 * Images as pdfmake image nodes. The bytes come from the model (read from the
 * template folder when the markup was parsed) as a data: URL, so pdfmake and
 * pdfkit read no file and fetch nothing. pdfkit embeds JPEG as it is (DCT)
 * and PNG as Flate image data (an alpha channel as a soft mask, which
 * PDF/A-2 and -3 allow).
 */
import { createRequire } from 'node:module';
import type { RImage } from '../../resolve/index.js';
import { type StructNode, containerElement } from './structure.js';

const require = createRequire(import.meta.url);

type PdfNode = Record<string, unknown>;

/** The edge `align` stands for in a box of direction `dir`. */
export function physicalAlign(align: RImage['align'], dir: RImage['dir']): 'left' | 'right' | 'center' {
  if (align === 'center') return 'center';
  return (align === 'start') === (dir === 'rtl') ? 'right' : 'left';
}

/** An image narrowed to a box `boxWidth` points wide (its height follows); `container`: its table cell, if any. */
export function imageNode(img: RImage, boxWidth: number, container?: StructNode): PdfNode {
  const width = Math.min(img.width, boxWidth);
  return {
    image: `data:image/${img.format};base64,${Buffer.from(img.bytes).toString('base64')}`,
    width,
    height: (img.height * width) / img.width,
    alignment: physicalAlign(img.align, img.dir),
    margin: [0, img.spaceBefore, 0, img.spaceAfter],
    // Read by the tagging hook below (pdfmake keeps unknown properties on the node it draws).
    oicAlt: img.running ? null : (img.alt ?? null),
    ...(container ? { oicContainer: container } : {}),
  };
}

interface TaggingDoc {
  options?: { tagged?: boolean };
  struct(role: string, options?: { alt?: string }): { add(child: unknown): void };
  addStructure(e: unknown): void;
  markStructureContent(role: string): unknown;
  markContent(tag: string, options?: Record<string, unknown>): void;
  endMarkedContent(): void;
}

let installed = false;

/**
 * Tagged PDF: an image with alt text is a `Figure` structure element with
 * its `/Alt`, in reading order; one without (or in a running head) is an
 * artifact, which assistive technology skips. In a table cell, the Figure
 * is the cell's (structure.ts).
 */
export function installImageTagging(): void {
  if (installed) return;
  installed = true;
  const Renderer = (require('pdfmake/js/Renderer') as { default: { prototype: Record<string, unknown> } }).default;
  type ImageLike = { oicAlt?: string | null; oicContainer?: StructNode };
  const renderImage = Renderer.prototype['renderImage'] as (this: { pdfDocument: TaggingDoc }, image: ImageLike) => void;
  Renderer.prototype['renderImage'] = function (this: { pdfDocument: TaggingDoc }, image: ImageLike) {
    const doc = this.pdfDocument;
    if (!doc.options?.tagged || image.oicAlt === undefined) return renderImage.call(this, image);
    if (image.oicAlt === null || image.oicAlt === '') {
      doc.markContent('Artifact', { type: 'Layout' });
      renderImage.call(this, image);
      doc.endMarkedContent();
      return;
    }
    const elem = doc.struct('Figure', { alt: image.oicAlt });
    containerElement(doc, image.oicContainer).add(elem);
    const content = doc.markStructureContent('Figure');
    renderImage.call(this, image);
    doc.endMarkedContent();
    elem.add(content);
  };
}
