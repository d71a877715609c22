/**
 * CSV for the operations tables (RFC 4180 quoting). A text cell a spreadsheet could take for a
 * formula (=, +, -, @, tab or CR at its start) gets a leading apostrophe; the workbench's CSV exports
 * use the same rule (spreadsheetSafe). Numbers are written as numbers: a negative day count is data,
 * not a formula.
 */

/** A text a spreadsheet could take for a formula, with a leading apostrophe; others as they are. */
export function spreadsheetSafe<T extends string | null>(v: T): T {
  return (v !== null && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v) as T;
}

const safe = (v: string): string => spreadsheetSafe(v);

function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? safe(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
