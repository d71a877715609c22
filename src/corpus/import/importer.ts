import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ImrError, isImrError } from '../../errors/imr-error.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import type { Categorise, CorpusLetterRecord } from '../records.js';
import type { CorpusStore } from '../store.js';
import { collectLetterFiles } from './files.js';
import { createParsePool, type ParsePool } from './pool.js';
import { createLetterWriter, WRITER_THREAD_MIN_FILES } from './writer.js';

export interface ImportProgress {
  total: number;
  done: number;
  imported: number;
  present: number;
  failed: number;
  elapsedMs: number;
}

interface ImportFailure {
  file: string;
  code: ErrorCode;
  reason: string;
}

export interface ImportSummary {
  files: number;
  imported: number;
  /** Files whose content hash was already stored (or seen earlier in this run): skipped. */
  present: number;
  failed: ImportFailure[];
  letters: number;
  items: number;
  elapsedMs: number;
  /** Letters imported per second of the run. */
  rate: number;
}

/** One file to import: a path on disk, or bytes already in memory (an upload). */
export interface ImportSource {
  name: string;
  path?: string;
  bytes?: Uint8Array;
}

export interface ImportOptions {
  store: CorpusStore;
  /** Categoriser for --jobs 1; worker threads always use the request normaliser. */
  categorise: Categorise;
  /** Parallel parsers (worker threads); 1 parses in this thread. */
  jobs?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Letters committed per transaction (default 200; 1,000 with a writer thread); each letter is still atomic. */
  batchSize?: number;
  /** The clock, for imported_at (injected for tests). */
  now?: () => Date;
  /**
   * A last check of each letter read, before it is stored; it refuses a letter by throwing (the file
   * is recorded as failed with the error's code and reason). The service uses it to refuse its own
   * issued letters while their text still holds what intake entered.
   */
  screen?: (record: CorpusLetterRecord) => Promise<void>;
  /**
   * SQLite file: store the batches in a writer thread of their own (writer.ts), so that parsing goes
   * on while a batch is indexed and committed. Default: when there are at least
   * WRITER_THREAD_MIN_FILES files. Ignored on PostgreSQL and in-memory SQLite.
   */
  writerThread?: boolean;
}

/** Letters committed per transaction (ImportOptions.batchSize): in the importing thread, and in a writer thread. */
const BATCH = 200;
const THREADED_BATCH = 1_000;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Imports letter files and folders (recursively): see `importSources`. */
export async function importLetterPaths(paths: string[], opts: ImportOptions): Promise<ImportSummary> {
  const listing = await collectLetterFiles(paths);
  const summary = await importSources(listing.files.map((f) => ({ name: f, path: f })), opts);
  const missing: ImportFailure[] = listing.missing.map((m) => ({ file: m.file, code: 'IMR_ERR_FILE_NOT_FOUND', reason: `${m.file}: ${m.reason}; check the path` }));
  return { ...summary, files: summary.files + missing.length, failed: [...missing, ...summary.failed] };
}

/**
 * Imports letters into the corpus: each is hashed (a hash already stored is skipped), parsed by
 * the letter reader (in `jobs` worker threads) and stored with its items atomically (its own
 * savepoint; letters are committed in batches). A failing file is recorded with its reason and
 * never stops the others.
 */
export async function importSources(sources: ImportSource[], opts: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const jobs = Math.max(1, Math.min(opts.jobs ?? 1, 16));
  const now = opts.now ?? (() => new Date());
  const threaded = opts.writerThread ?? sources.length >= WRITER_THREAD_MIN_FILES;
  const sqlite = opts.store.database.dialect === 'sqlite';
  // SQLite stores the long texts packed (stored-text.ts): parse workers pack them beside the
  // reading, so that the writer, the one thread every letter passes through, only inserts. With one
  // parser in this thread and a writer thread, the writer packs: reading and categorising (about
  // 0.55 ms of CPU per letter) then weigh about as much as packing and inserting (0.25 + 0.3 ms).
  const pool: ParsePool = createParsePool(jobs, opts.categorise, sqlite && (jobs > 1 || !threaded));
  const seen = new Set<string>();
  const failed: ImportFailure[] = [];
  let imported = 0;
  let present = 0;
  let items = 0;
  let done = 0;
  const progress = (): void =>
    opts.onProgress?.({ total: sources.length, done, imported, present, failed: failed.length, elapsedMs: Date.now() - started });
  const fail = (name: string, e: unknown): void => {
    failed.push({
      file: name,
      code: isImrError(e) ? e.code : 'IMR_ERR_INTERNAL',
      reason: isImrError(e) ? e.message : `${name}: unexpected error while importing`,
    });
  };
  const restoreConnection = await opts.store.prepareForBulkWrites();
  const writer = createLetterWriter(opts.store, threaded);
  // A writer thread commits larger batches: fewer, larger FTS5 segments to write and merge (about a
  // tenth less of the writer's CPU per letter at 1,000 than at 200), while parsing goes on beside it.
  const batchSize = Math.max(1, opts.batchSize ?? (threaded ? THREADED_BATCH : BATCH));

  // Letters waiting to be written; written in one transaction per batch, one batch at a time.
  let buffer: Array<{ name: string; hash: string; record: CorpusLetterRecord }> = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    const batch = buffer;
    buffer = [];
    if (batch.length === 0) return writing;
    writing = writing.then(async () => {
      const outcomes = await writer.insertLetters(batch.map((b) => b.record), now().toISOString());
      outcomes.forEach((o, k) => {
        if (o.status === 'imported') {
          imported++;
          items += o.items;
        } else if (o.status === 'present') present++;
        else {
          seen.delete(batch[k].hash);
          fail(batch[k].name, o.error);
        }
        done++;
      });
      progress();
    });
    return writing;
  };

  const one = async (src: ImportSource): Promise<void> => {
    let hash: string | null = null;
    try {
      const bytes = src.bytes ?? (await readBytes(src.path ?? src.name));
      hash = sha256(bytes);
      if (seen.has(hash) || (await opts.store.hasHash(hash))) {
        present++;
        done++;
        progress();
        return;
      }
      seen.add(hash);
      const record = await pool.toRecord({ bytes, source: src.name, contentHash: hash, fileName: path.basename(src.name) });
      if (opts.screen) await opts.screen(record);
      buffer.push({ name: src.name, hash, record });
      if (buffer.length >= batchSize) await flush();
    } catch (e) {
      if (hash) seen.delete(hash);
      fail(src.name, e);
      done++;
      progress();
    }
  };

  try {
    // Enough files in flight to keep every parser busy while batches are written.
    let next = 0;
    const lanes = Array.from({ length: jobs * 4 }, async () => {
      while (next < sources.length) await one(sources[next++]);
    });
    await Promise.all(lanes);
    await flush();
    await writer.close();
    // Index upkeep only: a failure here loses nothing and must not fail the import.
    if (imported > 0) await opts.store.afterBulkWrites(imported).catch(() => undefined);
  } finally {
    await writer.close();
    await pool.close();
    await restoreConnection();
  }
  const elapsedMs = Date.now() - started;
  return {
    files: sources.length,
    imported,
    present,
    failed,
    letters: imported,
    items,
    elapsedMs,
    rate: elapsedMs > 0 ? Math.round((imported / elapsedMs) * 1000 * 10) / 10 : imported,
  };
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    const buf = await fs.readFile(file);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `${file}: ${code === 'ENOENT' ? 'no such file' : 'it cannot be read'}; check the path`, { subject: file, cause: e });
  }
}

/** "1,234/5,000 files · 812 letters/s · ETA 5s" for periodic progress lines. Pure. */
export function formatProgress(p: ImportProgress): string {
  const secs = p.elapsedMs / 1000;
  const rate = secs > 0 ? p.done / secs : 0;
  const left = rate > 0 ? Math.round((p.total - p.done) / rate) : null;
  return `${p.done}/${p.total} files (${p.imported} imported, ${p.present} already present, ${p.failed} failed) · ${rate.toFixed(1)} files/s · ETA ${left === null ? '?' : `${left}s`}`;
}
