import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from './test-support/dialects.js';
import type { Database } from './database.js';
import { fixedQuery } from './compiled-query.js';

// The settings table (key, value) of the first migration: a table every database has.
const byKeyOrValue = fixedQuery<[string, string], { key: string; value: string }>(2, (db, key, value) =>
  db.selectFrom('settings').selectAll().where((eb) => eb.or([eb('key', '=', key), eb('value', '=', value)])).orderBy('key').limit(5));

describe.each(testDialects())('a query compiled once on %s', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await database.db.insertInto('settings').values([{ key: 'fq-a', value: 'one' }, { key: 'fq-b', value: 'two' }, { key: 'fq-c', value: 'three' }]).execute();
  });
  afterAll(async () => { await database?.close(); });

  it('answers each call with that call\'s values, as the same query built afresh does', async () => {
    for (const [key, value] of [['fq-a', 'three'], ['fq-b', 'nothing'], ['none', 'none'], ['fq-c', 'one']]) {
      const built = await database.db.selectFrom('settings').selectAll().where((eb) => eb.or([eb('key', '=', key), eb('value', '=', value)])).orderBy('key').limit(5).execute();
      expect(await byKeyOrValue.rows(database.db, key, value)).toEqual(built);
    }
    expect((await byKeyOrValue.rows(database.db, 'fq-a', 'three')).map((r) => r.key)).toEqual(['fq-a', 'fq-c']);
  });

  it('runs in a transaction when given one, and sees its uncommitted rows', async () => {
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'fq-tx', value: 'in transaction' }).execute();
      expect(await byKeyOrValue.rows(trx, 'fq-tx', '-')).toEqual([{ key: 'fq-tx', value: 'in transaction' }]);
    });
  });

  it('refuses a query that does not use every parameter it declares', async () => {
    const lost = fixedQuery<[string], { key: string }>(1, (db) => db.selectFrom('settings').select('key').where('key', '=', 'fq-a'));
    await expect(lost.rows(database.db, 'fq-b')).rejects.toThrow(/1 of 1 parameter\(s\) not found/);
  });
});
