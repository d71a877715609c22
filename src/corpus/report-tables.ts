import type { CorpusStats, StatRow } from './stats.js';

/**
 * The tables of DWC's annual IMR report, from the corpus statistics: letters by month, overturn
 * rate by request category and by reviewer specialty, and the pharmacy share (items that are
 * medications). Each rate comes with its count and 95% interval, and small samples are marked, so
 * that a table read on its own says how far to trust each row. Pure; cells are plain values
 * (dates ISO, rates as fractions) for CSV.
 */
export interface ReportTable {
  id: 'letters-by-month' | 'overturn-by-category' | 'overturn-by-specialty' | 'pharmacy-share';
  title: string;
  header: string[];
  rows: Array<Array<string | number | null>>;
}

export const REPORT_TABLE_IDS: ReadonlyArray<ReportTable['id']> = ['letters-by-month', 'overturn-by-category', 'overturn-by-specialty', 'pharmacy-share'];

const RATE_HEADER = ['items', 'upheld', 'overturned', 'overturn_rate', 'overturn_rate_low95', 'overturn_rate_high95', 'small_sample'];

function rateCells(r: Pick<StatRow, 'items' | 'upheld' | 'overturned' | 'overturnRate' | 'overturnInterval' | 'smallSample'>): Array<string | number | null> {
  return [r.items, r.upheld, r.overturned, r.overturnRate, r.overturnInterval?.low ?? null, r.overturnInterval?.high ?? null, r.smallSample ? 'yes' : 'no'];
}

/** Every month from the first to the last (YYYY-MM), so a table or an axis shows the months without letters. Pure. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Letters by month of decision, every month of the span listed (a month without letters reads 0). */
function lettersByMonth(s: CorpusStats): ReportTable {
  const byKey = new Map(s.lettersByMonth.map((r) => [r.key, r]));
  const months = s.lettersByMonth.length ? monthRange(s.lettersByMonth[0].key, s.lettersByMonth[s.lettersByMonth.length - 1].key) : [];
  return {
    id: 'letters-by-month',
    title: 'Letters by month of decision',
    header: ['month', 'letters', ...RATE_HEADER],
    rows: months.map((m) => {
      const r = byKey.get(m);
      return r ? [m, r.letters, ...rateCells(r)] : [m, 0, 0, 0, 0, null, null, null, 'yes'];
    }),
  };
}

function byRate(id: ReportTable['id'], title: string, keyName: string, rows: StatRow[] | undefined): ReportTable {
  const sorted = [...(rows ?? [])].sort((a, b) => b.items - a.items || a.key.localeCompare(b.key));
  return { id, title, header: [keyName, ...RATE_HEADER], rows: sorted.map((r) => [r.key, ...rateCells(r)]) };
}

/** The four tables, in the order the annual report prints them. Pure. */
export function reportTables(s: CorpusStats): ReportTable[] {
  return [
    lettersByMonth(s),
    byRate('overturn-by-category', 'Overturn rate by request category', 'category', s.breakdowns.category),
    byRate('overturn-by-specialty', 'Overturn rate by reviewer specialty', 'reviewer_specialty', s.breakdowns.specialty),
    {
      id: 'pharmacy-share',
      title: 'Pharmacy share: items that are medications, by year',
      header: ['year', 'items', 'medication_items', 'pharmacy_share', 'pharmacy_share_low95', 'pharmacy_share_high95', 'small_sample'],
      rows: s.pharmacy.map((r) => [r.key, r.items, r.medication, r.share, r.shareInterval?.low ?? null, r.shareInterval?.high ?? null, r.smallSample ? 'yes' : 'no']),
    },
  ];
}
