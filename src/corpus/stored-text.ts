import { deflateRawSync, deflateSync, inflateRawSync, inflateSync } from 'node:zlib';

/**
 * The long texts of the corpus as SQLite stores them (migration 0221): compressed, one BLOB per
 * value, so that a letter's text, its clinical summary and its items' rationales take a third to
 * a half of their size (they were two thirds of the database; the full-text indexes, which match
 * and rank, hold no copy of them). A value is read back only for what a page shows.
 *
 * A stored value is either text (PostgreSQL, which compresses long values itself; rows written
 * before migration 0221) or a BLOB whose first byte names its format:
 * - FORMAT_DEFLATE: raw deflate of the UTF-8 text;
 * - FORMAT_WITH_SUMMARY: zlib (deflate with its Adler-32 checks) with the letter's clinical summary
 *   as preset dictionary: the letter's text holds the summary, so the summary is stored once.
 *   The dictionary's checksum is in the stream, so a wrong summary fails instead of reading wrong.
 * Migration 0221 writes the same formats with its own copy of this code (a migration never imports
 * the application); its test (0221_corpus_compressed_texts.test.ts) reads what it writes with unpackText.
 */
export const FORMAT_DEFLATE = 1;
export const FORMAT_WITH_SUMMARY = 2;

/** What a text column of the corpus holds: text, or a compressed BLOB (see the formats above). */
export type StoredText = string | Uint8Array;

/**
 * Deflate level: 6 (zlib's default). Measured on 1,000 letters of the synthetic corpus (a letter's
 * text with its summary as dictionary, the summary, the rationales): level 1 compresses them 2.65×
 * for about 160 µs of CPU per letter, level 6 2.77× for about 180 µs, level 9 no better than 6.
 */
const LEVEL = 6;

function tagged(format: number, body: Buffer): Buffer {
  // A buffer of its own, never a slice of Node's shared pool: a packed value crosses from a parse
  // worker to the writer thread, and a view on the pool would copy the whole pool with it.
  const out = Buffer.allocUnsafeSlow(body.length + 1);
  out[0] = format;
  body.copy(out, 1);
  return out;
}

/** The packed value when it is smaller than the text, else the text (a short value seldom shrinks). */
function smaller(text: string, packed: Buffer): StoredText {
  return packed.length < Buffer.byteLength(text, 'utf8') ? packed : text;
}

/** A text as SQLite stores it: compressed (FORMAT_DEFLATE) unless that would not make it smaller. Pure. */
export function packText(text: string): StoredText {
  return smaller(text, tagged(FORMAT_DEFLATE, deflateRawSync(text, { level: LEVEL })));
}

/** A letter's text as SQLite stores it: compressed with its clinical summary as dictionary (FORMAT_WITH_SUMMARY), unless that would not make it smaller. Pure. */
export function packLetterText(text: string, summary: string): StoredText {
  return smaller(text, tagged(FORMAT_WITH_SUMMARY, deflateSync(text, { level: LEVEL, dictionary: Buffer.from(summary, 'utf8') })));
}

/**
 * A letter's long texts as SQLite stores them (see packStoredTexts): packed where the letter was
 * read (a parse worker of a parallel import), so that the writer only inserts.
 */
export interface PackedTexts {
  clinicalSummary: StoredText;
  rawText: StoredText;
  /** The items' rationales, in the order of the items. */
  rationales: StoredText[];
}

/** A letter's clinical summary, text and rationales packed as SQLite stores them. Pure. */
export function packStoredTexts(rec: { clinicalSummary: string; rawText: string; items: ReadonlyArray<{ rationale: string }> }): PackedTexts {
  return {
    clinicalSummary: packText(rec.clinicalSummary),
    rawText: packLetterText(rec.rawText, rec.clinicalSummary),
    rationales: rec.items.map((i) => packText(i.rationale)),
  };
}

/**
 * The text of a stored value; `summary` is the letter's clinical summary as stored, needed only for
 * a letter's text (FORMAT_WITH_SUMMARY). Throws on a BLOB of an unknown format, one that does not
 * decompress, or a letter's text read with another summary. Pure.
 */
export function unpackText(value: StoredText, summary?: StoredText): string {
  if (typeof value === 'string') return value;
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const body = bytes.subarray(1);
  switch (bytes[0]) {
    case FORMAT_DEFLATE:
      return inflateRawSync(body).toString('utf8');
    case FORMAT_WITH_SUMMARY:
      if (summary === undefined) throw new Error('A letter text stored with its summary as dictionary was read without the summary.');
      return inflateSync(body, { dictionary: Buffer.from(unpackText(summary), 'utf8') }).toString('utf8');
    default:
      throw new Error(`A stored corpus text has an unknown format (${bytes[0]}).`);
  }
}
