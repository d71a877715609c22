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

/**
 * The JSON of case views already made, per case and per way of showing it (a reviewer sees less).
 * A case view is a function of the case's rows and of today's date only; every read still runs the
 * case's queries, and the JSON kept is used only when every column of every row read now equals
 * what it was made from, on the same date. So nothing here can go stale, whoever wrote the
 * database: a write shows in the next read because that read's rows differ. What it saves is
 * building the view (parsing the application and drafts, working out deadlines) and serialising
 * it, which were most of a case read's CPU once the queries were prepared and compiled once.
 */
export class CaseViewCache {
  readonly #entries = new Map<string, { rows: CaseReadRows; today: IsoDate; json: Map<string, string> }>();

  /**
   * The JSON of `variant` of the case's view for `rows` on `today`: kept, or made by `make` (the
   * view, serialised here) and kept. The JSON never holds anything outside `rows` and `today`.
   */
  json(caseId: string, rows: CaseReadRows, today: IsoDate, variant: string, make: () => unknown): string {
    let entry = this.#entries.get(caseId);
    if (!entry || entry.today !== today || !sameReadRows(entry.rows, rows)) {
      this.#entries.delete(caseId);
      if (this.#entries.size >= MAX_CASES) this.#entries.delete(this.#entries.keys().next().value as string);
      entry = { rows, today, json: new Map() };
      this.#entries.set(caseId, entry);
    }
    let json = entry.json.get(variant);
    if (json === undefined) {
      json = JSON.stringify(make());
      entry.json.set(variant, json);
    }
    return json;
  }
}
