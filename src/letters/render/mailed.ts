import type { MailedLetter } from '../mailed-model.js';
import { renderBlocksHtml } from './html.js';
import { layoutMailedLetter, mailedTitle } from './mailed-layout.js';
import { renderBlocksPdf, type PdfRenderOptions } from './pdf.js';
import { renderBlocksText, type TextRenderOptions } from './text.js';

/** The mailed determination as text, HTML and PDF: the same blocks through the letter renderers. */
export function renderMailedText(m: MailedLetter, opts: TextRenderOptions = {}): string {
  return renderBlocksText(layoutMailedLetter(m), opts);
}

export function renderMailedHtml(m: MailedLetter): string {
  return renderBlocksHtml(layoutMailedLetter(m), mailedTitle(m));
}

export function renderMailedPdf(m: MailedLetter, opts: PdfRenderOptions = {}): Promise<Uint8Array> {
  return renderBlocksPdf(layoutMailedLetter(m), { title: mailedTitle(m), subject: 'Independent Medical Review Final Determination (as mailed to the parties)' }, opts);
}
