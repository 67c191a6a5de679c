/**
 * Images as Word inline pictures (`w:drawing`, the picture part under
 * word/media/, named by the library from a hash of its bytes), in a
 * paragraph of their own aligned like the PDF's, with their alt text.
 */
import { AlignmentType, ImageRun, Paragraph } from 'docx';
import type { RImage } from '../../resolve/index.js';

/** docx sizes pictures in pixels at 96 per inch. */
const PX_PER_PT = 96 / 72;

export function imageParagraph(img: RImage, boxWidthPt: number, styleId: string): Paragraph {
  const width = Math.min(img.width, boxWidthPt);
  const height = (img.height * width) / img.width;
  // The paragraph's own direction decides what start and end mean (w:bidi), as for text.
  const alignment = img.align === 'center' ? AlignmentType.CENTER : img.align === 'start' ? AlignmentType.START : AlignmentType.END;
  const alt = img.alt ?? '';
  return new Paragraph({
    style: styleId,
    alignment,
    bidirectional: img.dir === 'rtl',
    spacing: { before: Math.round(img.spaceBefore * 20), after: Math.round(img.spaceAfter * 20) },
    children: [
      new ImageRun({
        type: img.format === 'png' ? 'png' : 'jpg',
        data: img.bytes,
        transformation: { width: Math.round(width * PX_PER_PT), height: Math.round(height * PX_PER_PT) },
        altText: { name: alt || 'image', description: alt, title: alt },
      }),
    ],
  });
}
