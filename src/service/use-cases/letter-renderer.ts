import { renderLetterHtml, renderLetterPdf, renderLetterText } from '../../letters/render/index.js';
import type { LetterRenderer } from './draft-engine.js';

/** The letters area's renderer, as the service uses it. */
export const defaultLetterRenderer: LetterRenderer = {
  text: (letter) => renderLetterText(letter),
  html: (letter) => renderLetterHtml(letter),
  pdf: (letter) => renderLetterPdf(letter),
};
