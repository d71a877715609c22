/** Small display helpers shared by the screens. */

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
