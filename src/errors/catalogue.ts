/**
 * The one error catalogue. Every failure a user can see carries one of these stable codes; the
 * CLI maps it to an exit code and the HTTP API to a status, from this table only.
 * Add new codes here (grouped by area); never change the meaning of an existing code.
 */
export interface ErrorSpec {
  /** Process exit code for the CLI (0 is success, 1 is reserved for "some inputs failed"). */
  exit: number;
  /** HTTP status for the API. */
  http: number;
  /** What went wrong, generically; the thrown error adds the specifics and what to fix. */
  title: string;
}

export const ERROR_CATALOGUE = {
  // general
  IMR_ERR_USAGE: { exit: 2, http: 400, title: 'The command or request is not well formed' },
  IMR_ERR_VALIDATION: { exit: 2, http: 400, title: 'Some fields are missing or invalid' },
  IMR_ERR_INVALID_JSON: { exit: 2, http: 400, title: 'The input is not valid JSON' },
  IMR_ERR_INVALID_DATE: { exit: 2, http: 400, title: 'A date is impossible or not in YYYY-MM-DD form' },
  IMR_ERR_FILE_NOT_FOUND: { exit: 3, http: 404, title: 'The file does not exist or cannot be read' },
  IMR_ERR_PAYLOAD_TOO_LARGE: { exit: 2, http: 413, title: 'The upload is larger than the limit' },
  IMR_ERR_UNSUPPORTED_MEDIA: { exit: 2, http: 415, title: 'The file type is not supported' },
  IMR_ERR_INTERNAL: { exit: 70, http: 500, title: 'An unexpected internal error occurred' },

  // letters (reading and writing determination letters)
  IMR_ERR_LETTER_EMPTY: { exit: 4, http: 422, title: 'The letter file is empty' },
  IMR_ERR_LETTER_UNRECOGNIZED: { exit: 4, http: 422, title: 'The file is not a recognisable IMR determination letter' },
  IMR_ERR_LETTER_TRUNCATED: { exit: 4, http: 422, title: 'The letter is truncated: a required section is missing' },
  IMR_ERR_LETTER_NO_ITEMS: { exit: 4, http: 422, title: 'The letter has no disputed items with a decision' },
  IMR_ERR_LETTER_WARNING: { exit: 4, http: 422, title: 'The letter was read with warnings (strict mode)' },
  IMR_ERR_LETTER_DAMAGED: { exit: 4, http: 422, title: 'The letter is damaged: a part of it yields no text' },
  IMR_ERR_PDF_INVALID: { exit: 4, http: 422, title: 'The file is not a valid PDF' },
  IMR_ERR_PDF_NO_TEXT: { exit: 4, http: 422, title: 'The PDF has no text layer (scanned image?)' },
  IMR_ERR_OCR_UNAVAILABLE: { exit: 4, http: 422, title: 'The PDF has no text layer (scanned image?) and OCR is not installed' },
  IMR_ERR_OCR_FAILED: { exit: 4, http: 422, title: 'OCR could not read the scanned PDF' },
  IMR_ERR_PAGE_IMAGE_UNAVAILABLE: { exit: 4, http: 422, title: "Page images cannot be made: poppler's pdftoppm is not installed" },
  IMR_ERR_DOCUMENT_LIMIT: { exit: 4, http: 422, title: 'Reading the document stopped at a limit (time, memory, size, pages or complexity)' },
  IMR_ERR_RENDER_FAILED: { exit: 5, http: 500, title: 'The letter could not be rendered' },

  // guidelines and the decision engine
  IMR_ERR_GUIDELINE_INVALID: { exit: 6, http: 500, title: 'A guideline data file is invalid' },
  IMR_ERR_GUIDELINE_NOT_FOUND: { exit: 6, http: 404, title: 'No guideline topic covers this request' },
  IMR_ERR_CASE_INVALID: { exit: 2, http: 400, title: 'The case file is invalid' },

  // the review service
  IMR_ERR_UNAUTHENTICATED: { exit: 7, http: 401, title: 'Log in first' },
  IMR_ERR_FORBIDDEN: { exit: 7, http: 403, title: 'Your role does not allow this' },
  IMR_ERR_RATE_LIMITED: { exit: 7, http: 429, title: 'Too many attempts; wait before trying again' },
  IMR_ERR_NOT_FOUND: { exit: 3, http: 404, title: 'No such record' },
  IMR_ERR_CONFLICT: { exit: 8, http: 409, title: 'Someone else changed this record; reload and retry' },
  IMR_ERR_DUPLICATE: { exit: 8, http: 409, title: 'The record already exists' },
  IMR_ERR_INVALID_TRANSITION: { exit: 8, http: 409, title: 'The case cannot move to that status from its current one' },
  IMR_ERR_NOT_ELIGIBLE: { exit: 8, http: 409, title: 'The case is not eligible for IMR' },
  IMR_ERR_NO_REVIEWER: { exit: 8, http: 409, title: 'No qualified, conflict-free reviewer is available' },
  IMR_ERR_REVIEWER_UNSUITABLE: { exit: 8, http: 409, title: 'The chosen reviewer is not qualified, has a conflict or recused from the case' },
  IMR_ERR_LETTER_IMMUTABLE: { exit: 8, http: 409, title: 'An issued letter cannot be changed; issue a correction' },
  IMR_ERR_CORRECTION_UNCHANGED: { exit: 8, http: 422, title: 'The correction changes nothing in the letter it would supersede' },
  IMR_ERR_DATABASE: { exit: 9, http: 503, title: 'The database is unavailable' },
  IMR_ERR_DATABASE_BUSY: { exit: 9, http: 503, title: 'The database is busy with another write; retry shortly' },
  // 500: the stored record failed its own integrity check; the caller did nothing wrong and cannot fix it by retrying or changing the request.
  IMR_ERR_LETTER_TAMPERED: { exit: 10, http: 500, title: 'An issued letter no longer matches the hash recorded when it was issued' },
  IMR_ERR_RECORDS_MISSING: { exit: 8, http: 409, title: 'The case has no medical records to decide on' },
  IMR_ERR_RECORDS_PENDING: { exit: 8, http: 409, title: 'A record of the case is still being read (OCR); sign once it is read' },

  // the corpus
  IMR_ERR_IMPORT_FAILED: { exit: 1, http: 422, title: 'Some files could not be imported' },
  IMR_ERR_SEARCH_QUERY: { exit: 2, http: 400, title: 'The search query is invalid' },
  IMR_ERR_LETTER_NOT_REDACTED: { exit: 4, http: 422, title: 'The letter still names a person; only a redacted letter enters the public corpus' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
