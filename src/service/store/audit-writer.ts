import { close as closeFd, fdatasync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { ImrError } from '../../errors/imr-error.js';
import type { AuditRow } from './audit.store.js';

/** Writes audit rows somewhere other than the caller's connection; each promise settles once its row is committed. */
export interface AuditRowWriter {
  write(row: AuditRow): Promise<void>;
  close(): Promise<void>;
  /**
   * A number that changes whenever a connection other than the writer's own has committed to the
   * database (this process's or another's), or null when that cannot be told: equal values taken at
   * two moments mean nothing but audit rows was committed in between.
   */
  changeToken?(): number | null;
}

/**
 * Syncs of the log run at once at most. Rows committed while one runs get a sync of their own at
 * once instead of waiting for it to end: on a disk others are writing to (syncs of several ms), the
 * time a read waits for its row's sync fell by half or more with two at once, and each still covers
 * only rows committed before it began. (libuv's pool has 4 threads; 2 leave room for other file work.)
 */
const MAX_SYNCS_IN_FLIGHT = 2;
/** Rows committed in one transaction at most. */
const MAX_BATCH_ROWS = 1_000;
/** While the database is locked by another writer, the batch is tried again this often (ms)… */
const BUSY_RETRY_MS = 2;
/** …for this long at most, then its callers fail (ms): far beyond any healthy transaction of the server. */
const BUSY_GIVE_UP_MS = 10_000;

interface Pending {
  row: AuditRow;
  done: (error?: unknown) => void;
  /** When it was recorded (ms). */
  since: number;
}

const COLUMNS = ['id', 'at', 'user_id', 'username', 'action', 'case_id', 'detail'] as const;

const isBusy = (e: unknown) => typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * The audit rows of the server on a SQLite file, committed on a connection of their own with
 * synchronous = NORMAL, the write-ahead log then synced to the disk off the event loop; each
 * caller is answered once the sync that covers its row has completed.
 *
 * On the server's connection (synchronous = FULL, database.ts) each group of rows waited for the
 * disk inside its commit, 3–6 ms here, and better-sqlite3 holds the event loop while it commits:
 * every request stopped that long once per group, and a read that waits for its own FULL commit
 * takes at least one disk sync, which kept 10 concurrent readers far below 3,000 reads/s. Here:
 * - a caller returns only once its own row is committed and the write-ahead log holding it is synced
 *   to the disk (fdatasync in libuv's thread pool): what synchronous = FULL gives, a row that
 *   survives a power loss, without the event loop waiting for the disk. Rows committed while a sync
 *   runs get a sync of their own (two at once at most), else wait for the next one. A row that
 *   cannot be written fails its caller alone;
 * - this connection never waits for a lock (busy_timeout 0): while the server's connection holds
 *   the write lock (a transaction awaiting something, on this same thread) the batch is tried again
 *   a moment later instead of stopping the event loop. The server's transactions begin IMMEDIATE
 *   (statement-cache.ts), so a commit here never makes one of them fail on a stale snapshot.
 * The rows recorded during one turn of the event loop are committed together.
 */
export class SqliteAuditWriter implements AuditRowWriter {
  readonly #file: string;
  #db: BetterSqlite3.Database | null = null;
  #insert: ((rows: AuditRow[]) => void) | null = null;
  #insertOne: BetterSqlite3.Statement | null = null;
  #dataVersion: BetterSqlite3.Statement | null = null;
  #pending: Pending[] = [];
  #timer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  #wal: number | null = null;
  /** The syncs of the log running now (at most MAX_SYNCS_IN_FLIGHT). */
  readonly #syncs = new Set<Promise<void>>();
  /** Committed rows whose callers wait for the sync of the log that holds them. */
  #committed: Pending[] = [];
  /** The log could not be synced from here: every commit syncs it (synchronous = FULL). */
  #fullSync = false;
  #closed = false;

  constructor(file: string) {
    this.#file = file;
  }

  write(row: AuditRow): Promise<void> {
    if (this.#closed) return Promise.reject(new ImrError('IMR_ERR_DATABASE', 'The audit log is closed (the server is stopping); the action was not recorded.'));
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)), since: Date.now() });
      // After the I/O of this turn, so every request handled in it joins the batch.
      this.#timer ??= setImmediate(() => this.#flush());
    });
  }

  #open(): BetterSqlite3.Database {
    if (this.#db) return this.#db;
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
    const db = new Database(this.#file);
    // Per connection: the server's own keeps FULL for everything else it commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 0');
    const one = db.prepare(`insert into "svc_audit" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
    this.#insertOne = one;
    this.#dataVersion = db.prepare('pragma data_version').pluck();
    this.#insert = db.transaction((rows: AuditRow[]) => {
      for (const r of rows) one.run(COLUMNS.map((c) => r[c] ?? null));
    }).immediate as unknown as (rows: AuditRow[]) => void;
    this.#db = db;
    return db;
  }

  /**
   * SQLite's data_version on this connection: it changes when any other connection (the server's
   * own, the corpus import's, another process's) commits, and not when this one commits audit rows,
   * so an unchanged value means every table but the audit log is as it was. A checkpoint by another
   * connection changes it too (harmless: a change is all it can claim). Null once closed, or when
   * the connection cannot answer (a lock: nothing is claimed unchanged then).
   */
  changeToken(): number | null {
    if (this.#closed) return null;
    try {
      this.#open();
      return this.#dataVersion!.get() as number;
    } catch {
      return null;
    }
  }

  #flush(): void {
    this.#timer = null;
    if (this.#pending.length === 0) return;
    const batch = this.#pending.splice(0, MAX_BATCH_ROWS);
    let committed = false;
    try {
      this.#open();
      this.#insert!(batch.map((b) => b.row));
      committed = true;
      this.#committed.push(...batch);
    } catch (e) {
      if (isBusy(e)) return this.#retryLater(batch);
      // One bad row fails the transaction: the rows one by one, so only its caller fails.
      for (let i = 0; i < batch.length; i++) {
        try {
          this.#insertOne!.run(COLUMNS.map((c) => batch[i].row[c] ?? null));
          committed = true;
          this.#committed.push(batch[i]);
        } catch (err) {
          if (isBusy(err)) return this.#retryLater(batch.slice(i));
          batch[i].done(err ?? new ImrError('IMR_ERR_DATABASE', 'The audit row was not written.'));
        }
      }
    } finally {
      if (committed) this.#syncWal();
    }
    if (this.#pending.length) this.#timer ??= setImmediate(() => this.#flush());
  }

  /** The database is locked by another writer: these rows go first a moment later; rows waiting too long fail. */
  #retryLater(batch: Pending[]): void {
    const now = Date.now();
    const keep = batch.filter((b) => now - b.since < BUSY_GIVE_UP_MS);
    for (const b of batch) if (!keep.includes(b)) b.done(new ImrError('IMR_ERR_DATABASE_BUSY', 'The audit row could not be written: the database stayed locked by another write.'));
    this.#pending.unshift(...keep);
    if (this.#timer === null && this.#pending.length) this.#timer = setTimeout(() => this.#flush(), BUSY_RETRY_MS);
  }

  /**
   * Syncs the write-ahead log in the thread pool and then answers the callers whose rows it holds;
   * rows committed during a sync get one of their own at once (MAX_SYNCS_IN_FLIGHT), else after it.
   * Should the log not open or a sync fail,
   * the connection goes back to FULL (each commit here waits for the disk again, as on the server's
   * connection) and what is committed is synced at once by a checkpoint, which syncs the log first.
   */
  #syncWal(): void {
    if (this.#fullSync) return this.#answer(this.#committed.splice(0));
    if (this.#syncs.size >= MAX_SYNCS_IN_FLIGHT || this.#committed.length === 0) return;
    let wal: number;
    try {
      wal = this.#wal ??= openSync(`${this.#file}-wal`, 'r');
    } catch {
      this.#syncFully();
      return;
    }
    const covered = this.#committed.splice(0);
    const sync: Promise<void> = new Promise<void>((resolve) => {
      fdatasync(wal, (error) => {
        this.#syncs.delete(sync);
        if (error) {
          this.#committed.unshift(...covered);
          this.#syncFully();
        } else this.#answer(covered);
        resolve();
        if (this.#committed.length) this.#syncWal();
      });
    });
    this.#syncs.add(sync);
  }

  #answer(rows: Pending[], error?: unknown): void {
    for (const r of rows) r.done(error);
  }

  #syncFully(): void {
    this.#fullSync = true;
    const waiting = this.#committed.splice(0);
    try {
      this.#db?.pragma('synchronous = FULL');
      // Under NORMAL a checkpoint syncs the log before copying it: the waiting rows are then on the disk.
      this.#db?.pragma('wal_checkpoint(PASSIVE)');
      this.#answer(waiting);
    } catch (e) {
      this.#answer(waiting, new ImrError('IMR_ERR_DATABASE', 'The audit row was written but could not be synced to the disk.', { cause: e }));
    }
  }

  /** Commits the rows already recorded, syncs them to the disk, then closes the connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    while (this.#pending.length) {
      if (this.#timer) {
        clearTimeout(this.#timer as NodeJS.Timeout);
        clearImmediate(this.#timer as NodeJS.Immediate);
        this.#timer = null;
      }
      this.#flush();
      if (this.#pending.length) await new Promise((r) => setTimeout(r, BUSY_RETRY_MS));
    }
    while (this.#syncs.size || this.#committed.length) {
      this.#syncWal();
      if (this.#syncs.size) await Promise.race(this.#syncs);
    }
    const wal = this.#wal;
    if (wal !== null) await new Promise<void>((resolve) => fdatasync(wal, () => closeFd(wal, () => resolve())));
    this.#wal = null;
    this.#db?.close();
    this.#db = null;
    this.#dataVersion = null;
  }
}
