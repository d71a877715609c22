import type { FontName } from './pdf-fonts.js';

/** The page and the type: where the PDF renderer sets its lines. */
export const PAGE = { width: 612, height: 792 }; // US Letter, as the published letters
export const MARGIN = { left: 72, right: 72, top: 66, bottom: 72 };
export const BODY = { font: 'body' as FontName, bold: 'bold' as FontName, size: 11, leading: 13.2 };
/** A blank line between paragraphs: readers of the text layer see it as a paragraph break. */
export const PARAGRAPH_ADVANCE = BODY.leading * 2;
export const HEADER = { font: 'sans' as FontName, bold: 'sansBold' as FontName, size: 9, row: 13 };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
