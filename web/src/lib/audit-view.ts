import { REFUSAL_ACTIONS } from '../../../src/service/store/audit-actions.js';
import { toCsv } from './csv.js';
import { spreadsheetSafe } from '../../../src/service/domain/spreadsheet-csv.js';

/** How the audit-log screen shows and exports rows. */

export function isRefusal(action: string): boolean {
  return (REFUSAL_ACTIONS as readonly string[]).includes(action);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant on this computer's clock, US style: 03/21/2024 11:00:05. */
export function usDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A row's detail as "key: value" pairs on one line (nested values as JSON). */
export function auditDetailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/** Formula-looking cells get a leading apostrophe: the server's own rule (one rule for every CSV export). */
export { spreadsheetSafe };

const AUDIT_CSV_HEADER = ['at', 'user_id', 'username', 'action', 'refusal', 'case_id', 'detail'];

/** The rows as CSV: instants in ISO 8601 UTC as stored (a spreadsheet sorts them), detail as JSON. */
export function auditCsv(rows: Array<{ at: string; userId: string | null; username: string | null; action: string; caseId: string | null; detail: Record<string, unknown> }>): string {
  return toCsv(
    AUDIT_CSV_HEADER,
    rows.map((r) => [r.at, r.userId, spreadsheetSafe(r.username), spreadsheetSafe(r.action), isRefusal(r.action) ? 'yes' : 'no', r.caseId, spreadsheetSafe(JSON.stringify(r.detail))]),
  );
}
