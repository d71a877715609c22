/** The letter renderer: pure functions from the Letter model to text, HTML and PDF. */
export { renderLetterText, type TextRenderOptions } from './text.js';
export { renderLetterHtml, escapeHtml } from './html.js';
export { renderLetterPdf, type PdfRenderOptions } from './pdf.js';
export { layoutLetter, letterTitle, HEADINGS, type Block } from './layout.js';
export { citationText, composeCitation, composeCitationBody, formatPages, formatLetterDate } from './format.js';
export { renderMailedText, renderMailedHtml, renderMailedPdf } from './mailed.js';
