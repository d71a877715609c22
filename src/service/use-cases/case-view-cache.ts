import type { IsoDate } from '../../shared/iso-date.js';

/** The rows a case view is made from, as the case read's queries return them. */
export interface CaseReadRows {
  row: object;
  partyUserIds: readonly string[];
  items: readonly object[];
  eligibility: object | undefined;
  assignments: readonly object[];
  letters: readonly object[];
  documents: readonly object[];
}

/** Cases whose JSON is kept at most (each entry holds its rows and its JSON, tens of kB). */
const MAX_CASES = 256;

function sameRow(a: object | undefined, b: object | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] !== y[k]) return false;
    n++;
  }
  for (const k in y) if (--n < 0 || !(k in x)) return false;
  return n === 0;
}

function sameRows(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameRow(a[i], b[i])) return false;
  return true;
}

function sameReadRows(a: CaseReadRows, b: CaseReadRows): boolean {
  return (
    sameRow(a.row, b.row) &&
    sameRows(a.items, b.items) &&
    sameRow(a.eligibility, b.eligibility) &&
    sameRows(a.assignments, b.assignments) &&
    sameRows(a.letters, b.letters) &&
    sameRows(a.documents, b.documents) &&
    a.partyUserIds.length === b.partyUserIds.length &&
    a.partyUserIds.every((p, i) => p === b.partyUserIds[i])
  );
}

/** One case's kept rows and JSON; see CaseViewCache. */
interface Entry<R extends CaseReadRows> {
  rows: R;
  today: IsoDate;
  json: Map<string, string>;
  /** The change token taken before `rows` were read (null: none), and what was read under it. */
  token: number | null;
  /** Each reader's last look at the case (markCaseSeen), read under `token`. */
  lastSeen: Map<string, string | null>;
}

/**
 * The JSON of case views already made, per case and per way of showing it (a reviewer sees less).
 * A case view is a function of the case's rows and of today's date only; the JSON kept is used only
 * when every column of every row read now equals what it was made from, on the same date. So
 * nothing here can go stale, whoever wrote the database: a write shows in the next read because
 * that read's rows differ. What it saves is building the view (parsing the application and drafts,
 * working out deadlines) and serialising it, which were most of a case read's CPU once the queries
 * were prepared and compiled once.
 *
 * Where the database gives a change token (a number that changes whenever anything but the audit
 * log is committed, by this process or another: the SQLite audit writer's data_version), the rows
 * themselves are kept with the token taken before they were read: while the token is unchanged no
 * row can have changed since, and a read (its access check included) uses the kept rows without
 * querying them again. Any commit elsewhere (a decision, an upload, a direct write, another
 * process) changes the token, and the next read queries every row again.
 */
export class CaseViewCache<R extends CaseReadRows = CaseReadRows> {
  readonly #entries = new Map<string, Entry<R>>();

  /**
   * The rows kept for the case when nothing but audit rows was committed since they were read:
   * `token` (taken now) equals the token taken before they were read, and the date is the same.
   */
  current(caseId: string, token: number | null, today: IsoDate): R | undefined {
    if (token === null) return undefined;
    const entry = this.#entries.get(caseId);
    return entry && entry.token === token && entry.today === today ? entry.rows : undefined;
  }

  /** The reader's last look kept under `token` (undefined: not kept; read it). */
  lastSeen(caseId: string, token: number | null, userId: string): string | null | undefined {
    const entry = this.#entries.get(caseId);
    return token !== null && entry?.token === token ? entry.lastSeen.get(userId) : undefined;
  }

  /** Keeps the reader's last look, read after `token` was taken, while the case's entry holds that token. */
  keepLastSeen(caseId: string, token: number | null, userId: string, seenAt: string | null): void {
    const entry = this.#entries.get(caseId);
    if (token !== null && entry?.token === token) entry.lastSeen.set(userId, seenAt);
  }

  /**
   * The JSON of `variant` of the case's view for `rows` on `today`: kept, or made by `make` (the
   * view, serialised here) and kept. The JSON never holds anything outside `rows` and `today`.
   * `token`: the change token taken before `rows` were read (null when there is none).
   */
  json(caseId: string, rows: R, today: IsoDate, variant: string, make: () => unknown, token: number | null = null): string {
    let entry = this.#entries.get(caseId);
    if (!entry || entry.today !== today || (entry.rows !== rows && !sameReadRows(entry.rows, rows))) {
      this.#entries.delete(caseId);
      if (this.#entries.size >= MAX_CASES) this.#entries.delete(this.#entries.keys().next().value as string);
      entry = { rows, today, json: new Map(), token, lastSeen: new Map() };
      this.#entries.set(caseId, entry);
    } else if (entry.token !== token) {
      // The same rows, read under another token: kept under that one (what was read under the old one is not).
      entry.token = token;
      entry.lastSeen.clear();
    }
    let json = entry.json.get(variant);
    if (json === undefined) {
      json = JSON.stringify(make());
      entry.json.set(variant, json);
    }
    return json;
  }
}
