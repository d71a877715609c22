import { decodeLetterBytes, extractPdfText, looksLikePdf, parseLetterText } from '../../letters/read/index.js';
import { ImrError } from '../../errors/imr-error.js';
import { DEFAULT_READING_LIMITS, withFileName, type ReadingLimits } from '../../letters/read/reading-limits.js';
import type { Letter, LetterLayout } from '../../letters/model.js';
import { personNamingReasons } from '../../letters/redact/names-a-person.js';
import { toCorpusRecord, type Categorise, type CorpusLetterRecord } from '../records.js';

interface ParsedFile {
  letter: Letter;
  layout: LetterLayout;
  warnings: string[];
  /** The text the letter was read from (the PDF's text layer or the decoded text file). */
  text: string;
}

/** Reads letter bytes (PDF or text) through the letter reader, keeping the text it read. */
async function parseLetterFileBytes(bytes: Uint8Array, source: string, limits: ReadingLimits = DEFAULT_READING_LIMITS): Promise<ParsedFile> {
  try {
    if (bytes.length === 0) throw new ImrError('IMR_ERR_LETTER_EMPTY', 'the file is empty (0 bytes); give the letter text or PDF');
    const text = looksLikePdf(bytes) ? await extractPdfText(bytes, limits) : decodeLetterBytes(bytes);
    const parsed = parseLetterText(text, { source });
    return { letter: parsed.letter, layout: parsed.layout, warnings: parsed.warnings, text };
  } catch (e) {
    if (e instanceof ImrError) throw e.code === 'IMR_ERR_DOCUMENT_LIMIT' ? withFileName(e, source) : e;
    throw new ImrError('IMR_ERR_LETTER_UNRECOGNIZED', `${source}: the letter could not be read (${(e as Error).message ?? 'unknown error'})`, { subject: source, cause: e });
  }
}

/** What a parser needs to turn one file into the rows to store. */
export interface RecordTask {
  bytes: Uint8Array;
  /** The file's name or path, for error messages. */
  source: string;
  contentHash: string;
  fileName: string;
}

/** Reads letter bytes and maps the letter to the corpus rows (category, gaps, citation family). */
export async function letterRecordFromBytes(task: RecordTask, categorise: Categorise, limits: ReadingLimits = DEFAULT_READING_LIMITS): Promise<CorpusLetterRecord> {
  const parsed = await parseLetterFileBytes(task.bytes, task.source, limits);
  // The corpus is public: a letter as mailed to the parties (names, claim number) never enters it.
  const naming = personNamingReasons(parsed.text);
  if (naming.length) {
    throw new ImrError('IMR_ERR_LETTER_NOT_REDACTED', `${task.source}: the letter still names a person (${naming.join('; ')}); import its redacted publication instead (GET /api/cases/:id/letter/publication.pdf for a letter this service issued), or redact it first.`, { subject: task.source });
  }
  return toCorpusRecord({ ...parsed, contentHash: task.contentHash, fileName: task.fileName }, categorise);
}
