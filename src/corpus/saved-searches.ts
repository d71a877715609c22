import { sql } from 'kysely';
import type { AnyDb, Database } from '../db/database.js';
import { ImrError } from '../errors/imr-error.js';
import { rawFiltersOf } from './filters.js';
import type { SearchFilters, SearchIndex } from './search/port.js';

/** A saved corpus search (migration 0220). */
export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  filters: SearchFilters;
  /** The newest corpus item when the search was saved or last reported. */
  lastItemId: number;
  createdAt: string;
  checkedAt: string | null;
}

/** What a saved search matches among the items stored since it last reported. */
export interface SavedSearchNews {
  name: string;
  query: string;
  /** New matching items (counted up to the search's cap; see capped). */
  newItems: number;
  capped: boolean;
  /** The letters of the first new matches (case number, else file name), newest first, at most 10. */
  letters: string[];
}

/** A saved search as the API and the workbench show it: its filters in query-string form, with its news. */
export interface SavedSearchView {
  name: string;
  q: string;
  filters: Record<string, string>;
  createdAt: string;
  checkedAt: string | null;
  newItems: number;
  capped: boolean;
  letters: string[];
}

/** The view of a saved search and its pending news. Pure. */
export function savedSearchView(s: SavedSearch, news: SavedSearchNews): SavedSearchView {
  const filters: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawFiltersOf(s.filters))) if (v !== undefined) filters[k] = String(v);
  return { name: s.name, q: s.query, filters, createdAt: s.createdAt, checkedAt: s.checkedAt, newItems: news.newItems, capped: news.capped, letters: news.letters };
}

interface Row { id: number; name: string; query: string; filters: string; last_item_id: number; created_at: string; checked_at: string | null }

const NAME = /^[\w .-]{1,100}$/;

function toSaved(r: Row): SavedSearch {
  return { id: Number(r.id), name: r.name, query: r.query, filters: JSON.parse(r.filters) as SearchFilters, lastItemId: Number(r.last_item_id), createdAt: r.created_at, checkedAt: r.checked_at };
}

/**
 * Saved searches that report the letters they match anew after each import: each remembers the
 * newest item it has reported, and `news` runs the search over the items stored since.
 */
export class SavedSearchStore {
  private readonly db: AnyDb;
  constructor(database: Database) {
    this.db = database.db;
  }

  private async newestItemId(): Promise<number> {
    const r = await sql<{ n: number | null }>`SELECT max(id) AS n FROM corpus_items`.execute(this.db);
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Saves a search (checked filters, see parseFilters); it reports letters stored from now on. */
  async add(name: string, query: string, filters: SearchFilters, now: string): Promise<SavedSearch> {
    const n = name.trim();
    if (!NAME.test(n)) throw new ImrError('IMR_ERR_VALIDATION', `A saved search name is 1 to 100 letters, digits, spaces, dots, dashes or underscores; got "${name}".`);
    const existing = await this.db.selectFrom('corpus_saved_searches').select('id').where('name', '=', n).executeTakeFirst();
    if (existing) throw new ImrError('IMR_ERR_DUPLICATE', `A saved search is already named "${n}"; remove it first or choose another name.`);
    const clean = { ...filters };
    delete clean.afterItemId;
    await this.db
      .insertInto('corpus_saved_searches')
      .values({ name: n, query, filters: JSON.stringify(clean), last_item_id: await this.newestItemId(), created_at: now, checked_at: null })
      .execute();
    return (await this.get(n))!;
  }

  async get(name: string): Promise<SavedSearch | null> {
    const r = await this.db.selectFrom('corpus_saved_searches').selectAll().where('name', '=', name.trim()).executeTakeFirst();
    return r ? toSaved(r as Row) : null;
  }

  async list(): Promise<SavedSearch[]> {
    return ((await this.db.selectFrom('corpus_saved_searches').selectAll().orderBy('name').execute()) as Row[]).map(toSaved);
  }

  async remove(name: string): Promise<boolean> {
    const r = await this.db.deleteFrom('corpus_saved_searches').where('name', '=', name.trim()).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /**
   * Each saved search's new matches among the items stored since it last reported; each then
   * remembers the newest item, so the next call reports only what a later import adds.
   */
  async news(index: SearchIndex, now: string): Promise<SavedSearchNews[]> {
    const newest = await this.newestItemId();
    const out: SavedSearchNews[] = [];
    for (const s of await this.list()) {
      out.push(await newMatches(index, s, newest));
      await this.db.updateTable('corpus_saved_searches').set({ last_item_id: newest, checked_at: now }).where('id', '=', s.id).execute();
    }
    return out;
  }

  /**
   * Each saved search with its new matches since it last reported, without marking them reported:
   * what a screen lists, so that looking at the list does not use up the news for everyone else.
   */
  async pending(index: SearchIndex): Promise<Array<SavedSearch & { news: SavedSearchNews }>> {
    const newest = await this.newestItemId();
    const out: Array<SavedSearch & { news: SavedSearchNews }> = [];
    for (const s of await this.list()) out.push({ ...s, news: await newMatches(index, s, newest) });
    return out;
  }

  /** One saved search with its pending news (null when no search has that name); runs only its own query. */
  async pendingOne(index: SearchIndex, name: string): Promise<(SavedSearch & { news: SavedSearchNews }) | null> {
    const s = await this.get(name);
    return s ? { ...s, news: await newMatches(index, s, await this.newestItemId()) } : null;
  }

  /** Marks one saved search's matches so far as reported (false when no search has that name). */
  async markReported(name: string, now: string): Promise<boolean> {
    const newest = await this.newestItemId();
    const r = await this.db.updateTable('corpus_saved_searches').set({ last_item_id: newest, checked_at: now }).where('name', '=', name.trim()).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}

/** A saved search's matches among the items stored after the newest one it has reported. */
async function newMatches(index: SearchIndex, s: SavedSearch, newest: number): Promise<SavedSearchNews> {
  if (s.lastItemId >= newest) return { name: s.name, query: s.query, newItems: 0, capped: false, letters: [] };
  const page = await index.search({ query: s.query, filters: { ...s.filters, afterItemId: s.lastItemId }, limit: 100 });
  const letters = [...new Set(page.hits.map((h) => h.caseNumber ?? h.fileName))].slice(0, 10);
  return { name: s.name, query: s.query, newItems: page.total, capped: page.totalCapped, letters };
}
