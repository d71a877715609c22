import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '../db/database.js';
import { ImrError } from '../errors/imr-error.js';
import { MEDICATION_CATEGORY_LIST } from '../shared/treatment-category.js';
import { isSmallSample, wilsonInterval, type RateInterval } from './rate-interval.js';
import { andAll, filterConditions } from './search/common.js';
import type { SearchFilters } from './search/port.js';

/** The breakdowns the corpus statistics offer (`--by`). */
export const STAT_DIMENSIONS = ['category', 'citation', 'section', 'specialty', 'year', 'month', 'evidence'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

export interface StatRow {
  key: string;
  items: number;
  upheld: number;
  overturned: number;
  /** overturned / items, rounded to 3 places; null for no items. */
  overturnRate: number | null;
  /** The 95% Wilson interval of the overturn rate; null for no items. */
  overturnInterval: RateInterval | null;
  /** Fewer items than a rate can be read on (see SMALL_SAMPLE in rate-interval.ts). */
  smallSample: boolean;
}

/** Letters (and their items) decided in one calendar month, for the letters-by-month table. */
interface MonthRow extends StatRow {
  /** YYYY-MM. */
  key: string;
  letters: number;
}

/** The share of items that are medications (the annual report's "pharmacy" share), per year. */
interface PharmacyRow {
  /** The year, or "all" for the whole selection. */
  key: string;
  items: number;
  medication: number;
  /** medication / items, rounded to 3 places; null for no items. */
  share: number | null;
  shareInterval: RateInterval | null;
  smallSample: boolean;
}

interface GapRow extends StatRow {
  /** The normalised phrase ("functional improvement" for "no documentation of functional improvement"). */
  phrase: string;
}

export interface CorpusStats {
  letters: number;
  items: number;
  upheld: number;
  overturned: number;
  overturnRate: number | null;
  overturnInterval: RateInterval | null;
  filters: SearchFilters;
  breakdowns: Partial<Record<StatDimension, StatRow[]>>;
  /** The gaps most often named in upheld rationales, most frequent first. */
  documentationGaps: GapRow[];
  /** Letters by month of decision (dated letters only, in date order; months without letters are absent). */
  lettersByMonth: MonthRow[];
  /** The pharmacy share by year, then "all". */
  pharmacy: PharmacyRow[];
}

/** Item categories that are medications (the pharmacy share counts these). */
const MEDICATION_CATEGORIES: readonly string[] = MEDICATION_CATEGORY_LIST;

const UNKNOWN = '(unknown)';

function rate(overturned: number, items: number): number | null {
  return items === 0 ? null : Math.round((overturned / items) * 1000) / 1000;
}

/** Parses `--by category,year` (or "all"). */
export function parseDimensions(by: string | undefined): StatDimension[] {
  if (!by || by.trim() === '' || by.trim() === 'all') return [...STAT_DIMENSIONS];
  const out: StatDimension[] = [];
  for (const part of by.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (!(STAT_DIMENSIONS as readonly string[]).includes(part)) {
      throw new ImrError('IMR_ERR_USAGE', `Unknown breakdown "${part}"; use one or more of ${STAT_DIMENSIONS.join(', ')} (comma-separated) or "all".`);
    }
    if (!out.includes(part as StatDimension)) out.push(part as StatDimension);
  }
  return out;
}

function keyExpr(dim: StatDimension, pg: boolean): RawBuilder<unknown> {
  const cat = pg ? (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => sql`concat(${a}, ${b})` : (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => sql`${a} || ${b}`;
  switch (dim) {
    case 'category': return sql`coalesce(i.category, ${UNKNOWN})`;
    case 'citation': return sql`i.citation_family`;
    case 'section': return cat(sql`i.citation_family`, sql`' / ' || coalesce(i.citation_section, ${UNKNOWN})`);
    case 'specialty': return sql`coalesce(i.reviewer_specialty, ${UNKNOWN})`;
    case 'year': return pg ? sql`coalesce(i.year::text, ${UNKNOWN})` : sql`coalesce(cast(i.year as text), ${UNKNOWN})`;
    case 'month':
      return pg
        ? sql`coalesce(i.year::text || '-' || lpad(i.month::text, 2, '0'), ${UNKNOWN})`
        : sql`coalesce(printf('%04d-%02d', i.year, i.month), ${UNKNOWN})`;
    case 'evidence': return sql`CASE WHEN i.ca_cited_evidence = 1 THEN 'cited' ELSE 'none' END`;
  }
}

const COUNTS = sql`count(*) AS items,
  sum(CASE WHEN i.decision = 'Upheld' THEN 1 ELSE 0 END) AS upheld,
  sum(CASE WHEN i.decision = 'Overturned' THEN 1 ELSE 0 END) AS overturned`;

interface CountRow { key?: string; items: number; upheld: number | null; overturned: number | null }

function toRow(r: CountRow): StatRow {
  const items = Number(r.items);
  const overturned = Number(r.overturned ?? 0);
  return {
    key: String(r.key ?? ''), items, upheld: Number(r.upheld ?? 0), overturned, overturnRate: rate(overturned, items),
    overturnInterval: wilsonInterval(overturned, items), smallSample: isSmallSample(items),
  };
}

/**
 * Overturn rates and counts for the whole corpus (or the items matching `filters`), broken down
 * by the chosen dimensions, and the documentation gaps most often named in upheld rationales.
 */
export async function corpusStats(
  db: AnyDb,
  dialect: 'sqlite' | 'postgres',
  opts: { dimensions?: StatDimension[]; filters?: SearchFilters; gapLimit?: number } = {},
): Promise<CorpusStats> {
  const pg = dialect === 'postgres';
  const filters = opts.filters ?? {};
  const where = andAll(filterConditions(filters));
  const totals = toRow((await sql<CountRow>`SELECT ${COUNTS} FROM corpus_items i WHERE ${where}`.execute(db)).rows[0]);
  const letters = await sql<{ n: number }>`SELECT count(DISTINCT i.letter_id) AS n FROM corpus_items i WHERE ${where}`.execute(db);
  const breakdowns: Partial<Record<StatDimension, StatRow[]>> = {};
  for (const dim of opts.dimensions ?? STAT_DIMENSIONS) {
    const key = keyExpr(dim, pg);
    const order = dim === 'year' || dim === 'month' ? sql`key` : sql`items DESC, key`;
    const rows = await sql<CountRow>`SELECT ${key} AS key, ${COUNTS} FROM corpus_items i WHERE ${where} GROUP BY 1 ORDER BY ${order}`.execute(db);
    breakdowns[dim] = rows.rows.map(toRow);
  }
  const gapRows = await sql<CountRow & { phrase: string }>`SELECT g.phrase AS key, ${COUNTS} FROM corpus_gaps g JOIN corpus_items i ON i.id = g.item_id
    WHERE ${where} GROUP BY g.phrase
    HAVING sum(CASE WHEN i.decision = 'Upheld' THEN 1 ELSE 0 END) > 0
    ORDER BY upheld DESC, key LIMIT ${opts.gapLimit ?? 25}`.execute(db);
  const monthKey = keyExpr('month', pg);
  const months = await sql<CountRow & { letters: number }>`SELECT ${monthKey} AS key, count(DISTINCT i.letter_id) AS letters, ${COUNTS}
    FROM corpus_items i WHERE ${andAll([...filterConditions(filters), sql`i.year IS NOT NULL`, sql`i.month IS NOT NULL`])} GROUP BY 1 ORDER BY 1`.execute(db);
  const yearKey = keyExpr('year', pg);
  const pharmacyRows = await sql<{ key: string; items: number; medication: number | null }>`SELECT ${yearKey} AS key, count(*) AS items,
    sum(CASE WHEN i.category IN (${sql.join([...MEDICATION_CATEGORIES])}) THEN 1 ELSE 0 END) AS medication
    FROM corpus_items i WHERE ${where} GROUP BY 1 ORDER BY 1`.execute(db);
  const pharmacy = pharmacyRows.rows.map((r) => pharmacyRow(String(r.key), Number(r.items), Number(r.medication ?? 0)));
  if (pharmacy.length > 0) pharmacy.push(pharmacyRow('all', sum(pharmacy, 'items'), sum(pharmacy, 'medication')));
  return {
    letters: Number(letters.rows[0].n),
    items: totals.items,
    upheld: totals.upheld,
    overturned: totals.overturned,
    overturnRate: totals.overturnRate,
    overturnInterval: totals.overturnInterval,
    filters,
    breakdowns,
    documentationGaps: gapRows.rows.map((r) => ({ phrase: String(r.key), ...toRow(r) })),
    lettersByMonth: months.rows.map((r) => ({ ...toRow(r), letters: Number(r.letters) })),
    pharmacy,
  };
}

const sum = (rows: PharmacyRow[], k: 'items' | 'medication') => rows.reduce((a, r) => a + r[k], 0);

function pharmacyRow(key: string, items: number, medication: number): PharmacyRow {
  return { key, items, medication, share: rate(medication, items), shareInterval: wilsonInterval(medication, items), smallSample: isSmallSample(items) };
}

/** One CSV cell (RFC 4180 quoting). */
export function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The breakdown rows (and the documentation gaps) as CSV, one row per key. Pure. */
export function statsToCsv(stats: CorpusStats): string {
  const lines = ['breakdown,key,items,upheld,overturned,overturn_rate,overturn_rate_low95,overturn_rate_high95,small_sample'];
  const row = (breakdown: string, r: Omit<StatRow, 'key'>, key: string) =>
    [breakdown, key, r.items, r.upheld, r.overturned, r.overturnRate, r.overturnInterval?.low ?? null, r.overturnInterval?.high ?? null, r.smallSample ? 'yes' : 'no'].map(csvField).join(',');
  lines.push(row('total', { ...stats, smallSample: isSmallSample(stats.items) }, 'all'));
  for (const dim of STAT_DIMENSIONS) {
    for (const r of stats.breakdowns[dim] ?? []) lines.push(row(dim, r, r.key));
  }
  for (const g of stats.documentationGaps) lines.push(row('documentation_gap', g, g.phrase));
  return lines.join('\n') + '\n';
}
