import { DEFAULT_REVIEW_ORGANIZATION } from '../../letters/organization.js';
import type { Letter } from '../../letters/model.js';
import { renderLetterHtml, renderLetterPdf, renderLetterText } from '../../letters/render/index.js';
import type { LetterRenderer } from './draft-engine.js';

export interface LetterRendererOptions {
  /**
   * The Independent Medical Review Organization the service issues letters for; written into a
   * letter that names none (default "MAXIMUS Federal Services", the published letters').
   */
  organizationName?: string;
}

/** The letters area's renderer, as the service uses it: a letter naming no organisation names the configured one. */
export function createLetterRenderer(opts: LetterRendererOptions = {}): LetterRenderer {
  const organization = opts.organizationName ?? DEFAULT_REVIEW_ORGANIZATION;
  const named = (letter: Letter): Letter => (letter.reviewOrganization ? letter : { ...letter, reviewOrganization: organization });
  return {
    text: (letter) => renderLetterText(named(letter)),
    html: (letter) => renderLetterHtml(named(letter)),
    pdf: (letter) => renderLetterPdf(named(letter)),
  };
}

