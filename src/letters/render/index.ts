/** The letter renderer: pure functions from the Letter model to text, HTML and PDF. */
export { renderLetterText } from './text.js';
export { renderLetterHtml } from './html.js';
export { renderLetterPdf } from './pdf.js';
