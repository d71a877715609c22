import type { Letter, LetterLayout } from '../../model.js';
import type { Warnings } from '../warnings.js';

/**
 * One letter layout the reader knows: how to tell it (`detect`) and how to read it (`parse`). Each
 * layout is one file exporting one descriptor; registry.ts lists them in the order they are tried.
 */
export interface LayoutDescriptor {
  /** The name the reader reports (`ParsedLetter.layout`); a new one is added to LETTER_LAYOUTS in the model. */
  readonly id: LetterLayout;
  /** Whether the letter's lines (see letterLines) are in this layout; cheap, for it is tried on every letter. */
  detect(lines: readonly string[]): boolean;
  /**
   * Reads the letter. Adds what it had to guess or could not find to `warnings`; throws ImrError
   * (IMR_ERR_LETTER_TRUNCATED, IMR_ERR_LETTER_NO_ITEMS) when a part it needs is missing.
   */
  parse(lines: string[], warnings: Warnings): Letter;
}
