import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ImportSummary } from './import/importer.js';

type ImportJobStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface ImportJobProgress {
  total: number;
  done: number;
  imported: number;
  present: number;
  failed: number;
}

/** An upload import as the API reports it. */
export interface ImportJobView {
  id: string;
  status: ImportJobStatus;
  startedAt: string;
  finishedAt: string | null;
  progress: ImportJobProgress;
  summary: ImportSummary | null;
  error: string | null;
}

/** A stored job: its view and the admin who started it (null once that user is deleted). */
export interface ImportJob extends ImportJobView {
  requestedBy: string | null;
}

/** The table of migration 0203. */
export interface CorpusImportJobTable {
  id: string;
  status: ImportJobStatus;
  requested_by: string | null;
  started_at: string;
  finished_at: string | null;
  heartbeat_at: string;
  total: number;
  done: number;
  imported: number;
  present: number;
  failed: number;
  summary: string | null;
  error: string | null;
}

interface ImportJobTables {
  corpus_import_jobs: CorpusImportJobTable;
}

/** What an interrupted job tells the admin. */
export const INTERRUPTED_MESSAGE =
  'The server stopped while this import was running, so it did not finish; upload the same files again (letters already imported are skipped by their content hash).';

export interface ImportJobStoreOptions {
  /**
   * A running job whose heartbeat is older than this was left by a process that stopped
   * (default 2 minutes; a running job's heartbeat is written every `heartbeatMs`).
   */
  staleAfterMs?: number;
}

export interface ProgressWriterOptions {
  now: () => Date;
  /** At most one progress write per this many milliseconds (default 1000). */
  minIntervalMs?: number;
  /** Writes the heartbeat this often while no progress is reported (default 10 s). */
  heartbeatMs?: number;
  /** Called when a progress or heartbeat write fails (the import goes on). */
  onError?: (e: unknown) => void;
}

/** Throttled progress of one running job: `report` as often as you like; `stop` before finish/fail. */
export interface ProgressWriter {
  report(progress: ImportJobProgress): void;
  /** Waits for a write under way, if any. */
  settled(): Promise<void>;
  /** Stops the heartbeat and waits for a write under way; later reports are dropped. */
  stop(): Promise<void>;
}

const DEFAULT_STALE_MS = 2 * 60_000;
const DEFAULT_HEARTBEAT_MS = 10_000;

/**
 * The corpus upload-import jobs, kept in the database so a job outlives its process and any
 * server sharing the database can report it. Holds counts and failed files' names only.
 */
export class ImportJobStore {
  readonly db: Kysely<ImportJobTables>;
  readonly staleAfterMs: number;

  constructor(database: Database, opts: ImportJobStoreOptions = {}) {
    this.db = database.db as Kysely<ImportJobTables>;
    this.staleAfterMs = opts.staleAfterMs ?? DEFAULT_STALE_MS;
  }

  /** Records a new running job of `total` files. */
  async create(input: { requestedBy: string | null; total: number; at: Date; id?: string }): Promise<ImportJob> {
    const at = input.at.toISOString();
    const row: CorpusImportJobTable = {
      id: input.id ?? randomUUID(), status: 'running', requested_by: input.requestedBy, started_at: at, finished_at: null, heartbeat_at: at,
      total: input.total, done: 0, imported: 0, present: 0, failed: 0, summary: null, error: null,
    };
    await this.db.insertInto('corpus_import_jobs').values(row).execute();
    return toJob(row);
  }

  /** Writes the progress (and the heartbeat) of a running job; a job no longer running is left alone. */
  async updateProgress(id: string, p: ImportJobProgress, at: Date): Promise<void> {
    await this.db
      .updateTable('corpus_import_jobs')
      .set({ total: p.total, done: p.done, imported: p.imported, present: p.present, failed: p.failed, heartbeat_at: at.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  /** Throttled progress for a running job, with a heartbeat while it runs (see ProgressWriterOptions). */
  progressWriter(id: string, opts: ProgressWriterOptions): ProgressWriter {
    const minIntervalMs = opts.minIntervalMs ?? 1000;
    let lastWrite = -Infinity;
    let pending: ImportJobProgress | null = null;
    let writing: Promise<void> | null = null;
    let stopped = false;
    const write = (p: ImportJobProgress | null) => {
      const at = opts.now();
      lastWrite = at.getTime();
      const op = p ? this.updateProgress(id, p, at) : this.touch(id, at);
      writing = op.catch((e: unknown) => opts.onError?.(e)).finally(() => { writing = null; });
    };
    const heartbeat = setInterval(() => {
      if (!stopped && !writing && opts.now().getTime() - lastWrite >= (opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS)) write(pending);
    }, opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    heartbeat.unref?.();
    return {
      report(p) {
        if (stopped) return;
        pending = { total: p.total, done: p.done, imported: p.imported, present: p.present, failed: p.failed };
        // One write at a time, and not more often than minIntervalMs; the final counts are written by finish().
        if (!writing && opts.now().getTime() - lastWrite >= minIntervalMs) write(pending);
      },
      async settled() {
        await writing;
      },
      async stop() {
        stopped = true;
        clearInterval(heartbeat);
        await writing;
      },
    };
  }

  /** Marks the job done with its summary; the progress becomes the summary's final counts. */
  async finish(id: string, summary: ImportSummary, at: Date): Promise<void> {
    const done = summary.imported + summary.present + summary.failed.length;
    await this.db
      .updateTable('corpus_import_jobs')
      .set({
        status: 'done', finished_at: at.toISOString(), heartbeat_at: at.toISOString(), summary: JSON.stringify(summary),
        total: Math.max(summary.files, done), done, imported: summary.imported, present: summary.present, failed: summary.failed.length,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Marks the job failed with a message for the admin (no patient data). */
  async fail(id: string, error: string, at: Date, progress?: ImportJobProgress): Promise<void> {
    await this.db
      .updateTable('corpus_import_jobs')
      .set({ status: 'failed', finished_at: at.toISOString(), heartbeat_at: at.toISOString(), error, ...(progress ?? {}) })
      .where('id', '=', id)
      .execute();
  }

  /** The job, or null when unknown. A running job whose process stopped is reported (and stored) as interrupted. */
  async get(id: string, now: Date): Promise<ImportJob | null> {
    const row = await this.db.selectFrom('corpus_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return toJob(await this.settle(row, now));
  }

  /** The most recently started jobs, newest first. */
  async listRecent(limit: number, now: Date): Promise<ImportJob[]> {
    const rows = await this.db
      .selectFrom('corpus_import_jobs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(1, Math.min(limit, 1000)))
      .execute();
    const out: ImportJob[] = [];
    for (const row of rows) out.push(toJob(await this.settle(row, now)));
    return out;
  }

  /**
   * Turns the jobs left running by a process that stopped (no heartbeat for `staleAfterMs`) into
   * 'interrupted', telling the admin to upload again. Jobs of other live processes sharing the
   * database keep running. Answers how many jobs were marked. Called when the server starts.
   */
  async markInterrupted(now: Date): Promise<number> {
    const at = now.toISOString();
    const result = await this.db
      .updateTable('corpus_import_jobs')
      .set({ status: 'interrupted', finished_at: at, error: INTERRUPTED_MESSAGE })
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', this.staleBefore(now))
      .executeTakeFirst();
    return Number(result.numUpdatedRows ?? 0);
  }

  private staleBefore(now: Date): string {
    return new Date(now.getTime() - this.staleAfterMs).toISOString();
  }

  private async touch(id: string, at: Date): Promise<void> {
    await this.db.updateTable('corpus_import_jobs').set({ heartbeat_at: at.toISOString() }).where('id', '=', id).where('status', '=', 'running').execute();
  }

  /** A running row whose heartbeat is stale becomes interrupted (in the database too). */
  private async settle(row: CorpusImportJobTable, now: Date): Promise<CorpusImportJobTable> {
    if (row.status !== 'running' || row.heartbeat_at >= this.staleBefore(now)) return row;
    const at = now.toISOString();
    const result = await this.db
      .updateTable('corpus_import_jobs')
      .set({ status: 'interrupted', finished_at: at, error: INTERRUPTED_MESSAGE })
      .where('id', '=', row.id)
      .where('status', '=', 'running')
      .where('heartbeat_at', '=', row.heartbeat_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows ?? 0) === 1) return { ...row, status: 'interrupted', finished_at: at, error: INTERRUPTED_MESSAGE };
    // Another writer got there first (a late heartbeat, or the job finished): read it again.
    return (await this.db.selectFrom('corpus_import_jobs').selectAll().where('id', '=', row.id).executeTakeFirst()) ?? row;
  }
}

function toJob(row: CorpusImportJobTable): ImportJob {
  return {
    id: row.id,
    status: row.status,
    requestedBy: row.requested_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    progress: { total: Number(row.total), done: Number(row.done), imported: Number(row.imported), present: Number(row.present), failed: Number(row.failed) },
    summary: row.summary ? (JSON.parse(row.summary) as ImportSummary) : null,
    error: row.error,
  };
}
