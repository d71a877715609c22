import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import { CorpusStore, needsAnalyze } from './store.js';
import { item, letter, record } from './test-support/letters.js';

describe('needsAnalyze', () => {
  it('asks for fresh statistics once the corpus has grown by more than a fifth', () => {
    expect(needsAnalyze(0, 5)).toBe(true);
    expect(needsAnalyze(100, 20)).toBe(false);
    expect(needsAnalyze(100, 21)).toBe(true);
    expect(needsAnalyze(100, 0)).toBe(false);
  });
});

describe.each(testDialects())('corpus upkeep after an import on %s', (dialect) => {
  let database: Database;
  let store: CorpusStore;
  const some = (n: number) => Array.from({ length: n }, () => record(letter([item('Acupuncture 6 sessions', 'Upheld', 'Not medically necessary.')])));
  const tracked = async () => {
    const r = (await sql<{ at: number; since: number }>`SELECT letters_at_analyze AS at, letters_since_analyze AS since FROM corpus_maintenance`.execute(store.db)).rows[0];
    return [Number(r.at), Number(r.since)];
  };

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    store = new CorpusStore(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('analyses PostgreSQL tables only when the corpus has grown by a fifth since, never on SQLite', async () => {
    await store.insertLetters(some(10), '2026-01-01T00:00:00.000Z');
    if (dialect === 'sqlite') {
      expect(await store.afterBulkWrites(10)).toEqual({ analyzed: false });
      return;
    }
    expect(await store.afterBulkWrites(10)).toEqual({ analyzed: true });
    expect(await tracked()).toEqual([10, 0]);
    await store.insertLetters(some(2), '2026-01-01T00:00:00.000Z');
    expect(await store.afterBulkWrites(2)).toEqual({ analyzed: false });
    expect(await tracked()).toEqual([10, 2]);
    await store.insertLetters(some(1), '2026-01-01T00:00:00.000Z');
    expect(await store.afterBulkWrites(1)).toEqual({ analyzed: true });
    expect(await tracked()).toEqual([13, 0]);
    expect(await store.counts()).toEqual({ letters: 13, items: 13 });
  });
});

describe.each(testDialects())('imr corpus vacuum on %s', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('gives SQLite back the pages of deleted letters and keeps the rest; leaves PostgreSQL to autovacuum', async () => {
    const store = new CorpusStore(database);
    const text = (k: number) => `Rationale ${k}: ${Array.from({ length: 400 }, (_, j) => `word${(k * 7919 + j * 104729) % 100003}`).join(' ')}.`;
    await store.insertLetters(Array.from({ length: 40 }, (_, k) => record(letter([item(`Acupuncture ${k} sessions`, 'Upheld', text(k))]))), '2026-01-01T00:00:00.000Z');
    const kept = await store.counts();
    if (dialect !== 'sqlite') {
      expect(await store.vacuum()).toBeNull();
      return;
    }
    const ids = (await store.db.selectFrom('corpus_letters').select('id').orderBy('id').limit(30).execute()).map((r) => r.id);
    await store.db.deleteFrom('corpus_letters').where('id', 'in', ids).execute();
    const after = await store.counts();
    expect(after.letters).toBe(kept.letters - 30);
    const sizes = await store.vacuum();
    expect(sizes!.after).toBeLessThan(sizes!.before);
    expect(await store.counts()).toEqual(after);
  });
});
