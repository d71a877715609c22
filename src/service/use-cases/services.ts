import type { Database } from '../../db/database.js';
import type { IsoDate } from '../../shared/iso-date.js';
import { AuditStore } from '../store/audit.store.js';
import { SqliteAuditWriter, type AuditRowWriter } from '../store/audit-writer.js';
import { CasesStore } from '../store/cases.store.js';
import { NoticesStore } from '../store/notices.store.js';
import { ReviewersStore } from '../store/reviewers.store.js';
import { serviceDb, type ServiceDb } from '../store/tables.js';
import { SessionCache, UsersStore } from '../store/users.store.js';
import { MailingsStore } from '../store/mailings.store.js';
import { AppealsStore } from '../store/appeals.store.js';
import { checkLetterhead, NAME_ONLY_LETTERHEAD, type LetterheadSettings } from './letterhead.js';
import type { DraftEngine, LetterRenderer } from './draft-engine.js';
import { ImrError } from '../../errors/imr-error.js';
import { DEFAULT_REVIEW_ORGANIZATION, isOrganizationName } from '../../letters/organization.js';
import { createLetterRenderer } from './letter-renderer.js';
import { engineDraftEngine } from './engine-adapter.js';
import { BackgroundJobs } from './background-jobs.js';
import { createDocumentReader, type DocumentReader } from '../../letters/read/reading-pool.js';

/** The repositories, bound to the database or to one transaction. */
export interface Stores {
  users: UsersStore;
  audit: AuditStore;
  cases: CasesStore;
  reviewers: ReviewersStore;
  notices: NoticesStore;
  /** The mailed letters, beside the issued letters. */
  mailings: MailingsStore;
  /** WCAB appeals of issued determinations and their outcomes. */
  appeals: AppealsStore;
}

/** Everything the API and the CLI need from the review service, over one database. */
export interface Services extends Stores {
  database: Database;
  now: () => Date;
  /** Today's date in California (legal dates are California dates). */
  today: () => IsoDate;
  /** Runs `fn` in one transaction: all its writes happen or none. */
  tx<T>(fn: (stores: Stores) => Promise<T>): Promise<T>;
  /** Drafts items on assignment (the decision engine by default); null leaves items undrafted. */
  engine: DraftEngine | null;
  /** Renders signed letters (the letters renderer by default); null makes signing fail with IMR_ERR_RENDER_FAILED. */
  renderer: LetterRenderer | null;
  /** The Independent Medical Review Organization whose name the issued letters carry. */
  organizationName: string;
  /** The address and telephone under the organisation's name on the mailed letter. */
  letterhead: LetterheadSettings;
  /** Follow-up work run after a request answered (redrafting a case when its record changed). */
  background: BackgroundJobs;
  /**
   * Reads uploaded documents (PDF text) in worker threads within the reading limits, so a hostile
   * or damaged file costs neither the event loop nor the process. Closed with the app.
   */
  reader: DocumentReader;
}

export interface ServicesOptions {
  now?: () => Date;
  engine?: DraftEngine | null;
  renderer?: LetterRenderer | null;
  /**
   * The Independent Medical Review Organization the service issues letters for (default
   * "MAXIMUS Federal Services", the published letters'). The edge reads it from IMR_ORGANIZATION_NAME.
   */
  organizationName?: string;
  /** The mailed letter's letterhead address lines and telephone (default: none; the edge reads IMR_ORGANIZATION_ADDRESS and IMR_ORGANIZATION_PHONE). */
  letterhead?: { address?: string | readonly string[]; phone?: string };
  /** The document reader (default: a worker pool configured from the IMR_READ_… variables, started on first use). */
  reader?: DocumentReader;
  /**
   * On a SQLite file, commit the audit rows of requests on a connection of their own that does not
   * wait for the disk inside the commit (audit-writer.ts), so the server is not stopped by it
   * (default false: tests and the CLI write them on the service's connection). The server turns it
   * on; close with `services.audit.close()`.
   */
  auditConnection?: boolean;
}

/** `outsideTransaction`: the service's own stores, whose audit rows are group-committed (audit.store.ts); a transaction's are written in it. */
function storesFor(db: ServiceDb, sessions: SessionCache, outsideTransaction = false, auditWriter?: AuditRowWriter): Stores {
  return { users: new UsersStore(db, sessions), audit: new AuditStore(db, { groupCommit: outsideTransaction, writer: auditWriter }), cases: new CasesStore(db), reviewers: new ReviewersStore(db), notices: new NoticesStore(db), mailings: new MailingsStore(db), appeals: new AppealsStore(db) };
}

const CA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' });

let lastDate: { second: number; date: IsoDate } = { second: Number.NaN, date: '' };

/**
 * Midnight in California is a whole second in UTC, so one second never holds two California
 * dates: the date is worked out once per second (Intl formatting was a visible part of a case read).
 */
export function californiaDate(at: Date): IsoDate {
  const second = Math.floor(at.getTime() / 1000);
  if (second !== lastDate.second) lastDate = { second, date: CA_DATE.format(at) };
  return lastDate.date;
}

/** The organisation name as letters write it (single spaces), or a usage error saying what a name may hold. */
export function checkOrganizationName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  if (!isOrganizationName(n)) {
    throw new ImrError(
      'IMR_ERR_USAGE',
      'The review organization name must be 1–120 characters of letters, digits, spaces and & \' . , ( ) -, starting with a letter or digit (no colon); set IMR_ORGANIZATION_NAME to the name the letters should carry.',
    );
  }
  return n;
}

export function createServices(database: Database, opts: ServicesOptions = {}): Services {
  const db = serviceDb(database.db);
  const now = opts.now ?? (() => new Date());
  // One session cache for the service and its transactions: a change in either empties it (users.store.ts).
  const sessions = new SessionCache();
  const organizationName = opts.organizationName === undefined ? DEFAULT_REVIEW_ORGANIZATION : checkOrganizationName(opts.organizationName);
  return {
    database,
    now,
    today: () => californiaDate(now()),
    ...storesFor(db, sessions, true, opts.auditConnection && database.dialect === 'sqlite' && database.location !== ':memory:' && database.location !== '' ? new SqliteAuditWriter(database.location) : undefined),
    // The session cache is emptied again once a transaction is over: a session or user it changed
    // may have been read (and kept) by a request on another connection before it committed.
    tx: async (fn) => {
      try {
        return await db.transaction().execute((trx) => fn(storesFor(trx, sessions)));
      } finally {
        sessions.clear();
      }
    },
    engine: opts.engine === undefined ? engineDraftEngine() : opts.engine,
    renderer: opts.renderer === undefined ? createLetterRenderer({ organizationName }) : opts.renderer,
    organizationName,
    letterhead: opts.letterhead ? checkLetterhead(opts.letterhead.address, opts.letterhead.phone) : NAME_ONLY_LETTERHEAD,
    background: new BackgroundJobs(),
    reader: opts.reader ?? createDocumentReader(),
  };
}
