/**
 * Images as pdfmake image nodes. The bytes come from the model (read from the
 * template folder when the markup was parsed) as a data: URL, so pdfmake and
 * pdfkit read no file and fetch nothing. pdfkit embeds JPEG as it is (DCT)
 * and PNG as Flate image data (an alpha channel as a soft mask, which
 * PDF/A-2 and -3 allow).
 */
import type { RImage } from '../../resolve/index.js';

type PdfNode = Record<string, unknown>;

/** The edge `align` stands for in a box of direction `dir`. */
export function physicalAlign(align: RImage['align'], dir: RImage['dir']): 'left' | 'right' | 'center' {
  if (align === 'center') return 'center';
  return (align === 'start') === (dir === 'rtl') ? 'right' : 'left';
}

/** An image narrowed to a box `boxWidth` points wide (its height follows). */
export function imageNode(img: RImage, boxWidth: number): PdfNode {
  const width = Math.min(img.width, boxWidth);
  return {
    image: `data:image/${img.format};base64,${Buffer.from(img.bytes).toString('base64')}`,
    width,
    height: (img.height * width) / img.width,
    alignment: physicalAlign(img.align, img.dir),
    margin: [0, img.spaceBefore, 0, img.spaceAfter],
  };
}
