/**
 * The letter reader: IMR Final Determination letters (text or PDF) into the letter model.
 * Stable API for the renderer, the corpus and the CLI.
 */
export { parseLetterText, type ParsedLetter } from './parse-letter.js';
export { parseCitation, parsePages, splitSections } from './citation.js';
export { extractPdfText, looksLikePdf } from './pdf-text.js';
export { readLetterFile, parseLetterBytes, decodeLetterBytes } from './read-letter-file.js';
export { letterLines, cleanText, fixMojibake } from './clean-text.js';
export { eligibleRequest } from './eligible-request.js';
export { parseMailedLetterText } from './mailed-cover.js';
