/** Small display helpers shared by the screens. */

/**
 * Dates as the workbench shows them: US style, MM/DD/YYYY, as the letters and the date pickers
 * write them. A date of record (YYYY-MM-DD: injury, UR decision, due dates, date of service) is
 * shown as given, never shifted by a time zone; a timestamp (an ISO instant such as createdAt) is
 * shown in the reader's own time zone. Nothing to show is "—"; a value that is not a date is shown
 * as given rather than hidden. CSV exports keep ISO 8601 (machine-readable): never use these there.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

function instantParts(value: string, timeZone: string | undefined): Record<string, string> | null {
  if (!INSTANT.test(value)) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: '2-digit', hour12: true }).formatToParts(new Date(t));
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

function realDate(y: string, m: string, d: string): boolean {
  const dt = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return dt.getUTCFullYear() === Number(y) && dt.getUTCMonth() === Number(m) - 1 && dt.getUTCDate() === Number(d);
}

/** "2024-03-21" → "03/21/2024"; an instant → its date in `timeZone` (default: the reader's); null → "—". */
export function formatDate(value: string | null | undefined, opts: { timeZone?: string } = {}): string {
  if (value === null || value === undefined || value.trim() === '') return '—';
  const m = DATE_ONLY.exec(value.trim());
  if (m) return realDate(m[1]!, m[2]!, m[3]!) ? `${m[2]}/${m[3]}/${m[1]}` : value;
  const p = instantParts(value.trim(), opts.timeZone);
  return p ? `${p.month}/${p.day}/${p.year}` : value;
}

/**
 * A server message with dates of record in it ("Filed by 2024-04-19, the last day…") as the
 * workbench writes dates: each real YYYY-MM-DD standing alone becomes MM/DD/YYYY; the rest is untouched.
 */
export function formatDatesInText(text: string): string {
  return text.replace(/(?<![\w-])(\d{4}-\d{2}-\d{2})(?![\w-]|:\d)/g, (iso) => formatDate(iso));
}

/** An instant → "03/21/2024 11:00 AM" in `timeZone` (default: the reader's); a date alone → as formatDate; null → "—". */
export function formatDateTime(value: string | null | undefined, opts: { timeZone?: string } = {}): string {
  if (value === null || value === undefined || value.trim() === '') return '—';
  if (DATE_ONLY.test(value.trim())) return formatDate(value);
  const p = instantParts(value.trim(), opts.timeZone);
  return p ? `${p.month}/${p.day}/${p.year} ${p.hour}:${p.minute} ${p.dayPeriod}` : value;
}

export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

export function formatPercent(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return `${(x * 100).toFixed(1)}%`;
}

const STATUS_LABELS: Record<string, string> = {
  received: 'Received',
  eligibility: 'Eligibility',
  assigned: 'Assigned',
  records_received: 'Records received',
  in_review: 'In review',
  decided: 'Decided',
  letter_issued: 'Letter issued',
  ineligible: 'Ineligible',
  withdrawn: 'Withdrawn',
  terminated: 'Terminated',
};
export function statusLabel(s: string): string {
  return STATUS_LABELS[s] ?? s.replace(/_/g, ' ');
}

const DEADLINE_LABELS: Record<string, string> = {
  application_filing: 'Filing',
  eligibility_information: 'Eligibility info',
  notice_of_assignment: 'Notice of assignment',
  records_due: 'Records due',
  determination_due: 'Determination due',
  appeal_due: 'Appeal window',
};
export function deadlineLabel(kind: string): string {
  return DEADLINE_LABELS[kind] ?? kind.replace(/_/g, ' ');
}

/** "3 days left", "due today", "2 days late" from today to `due`. */
export function daysLeftText(today: string, due: string): { text: string; late: boolean; soon: boolean } {
  const n = daysBetween(today, due);
  if (n < 0) return { text: `${-n} day${n === -1 ? '' : 's'} late`, late: true, soon: false };
  if (n === 0) return { text: 'due today', late: false, soon: true };
  return { text: `${n} day${n === 1 ? '' : 's'} left`, late: false, soon: n <= 3 };
}
