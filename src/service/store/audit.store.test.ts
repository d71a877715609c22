import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../db/test-support/dialects.js';
import type { Database } from '../../db/database.js';
import { createServices, type Services } from '../use-cases/services.js';


/** Records `n` rows at once; true when every caller finds its own row in the log as soon as its record returns. */
async function eachRowSeenByItsCaller(s: Services, n: number): Promise<boolean> {
  const ada = { id: 'user-ada', username: 'ada' };
  const now = new Date('2024-03-21T18:00:00Z');
  const seen = await Promise.all(
    Array.from({ length: n }, async (_, k) => {
      await s.audit.record(ada, 'probe.concurrent', null, { k }, now);
      return (await s.audit.list({ action: 'probe.concurrent', limit: 100 })).entries.some((e) => e.detail.k === k);
    }),
  );
  return seen.every(Boolean);
}

describe.each(testDialects())('the audit log on %s', (dialect) => {
  let database: Database;
  let s: Services;
  const now = new Date('2024-03-21T18:00:00Z');
  const ada = { id: 'user-ada', username: 'ada' };
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    s = createServices(database, { now: () => now, engine: null });
  });
  afterAll(async () => { await database?.close(); });

  it('has the row of every one of many concurrent requests in the log by the time its caller goes on', async () => {
    expect(await eachRowSeenByItsCaller(s, 30)).toBe(true);
    const { total, entries } = await s.audit.list({ action: 'probe.concurrent', limit: 100 });
    expect(total).toBe(30);
    expect(new Set(entries.map((e) => e.detail.k)).size).toBe(30);
    expect(entries.every((e) => e.userId === 'user-ada' && e.username === 'ada' && e.caseId === null)).toBe(true);
  });

  it('fails only the caller whose row cannot be written, not the others recorded with it', async () => {
    const results = await Promise.allSettled([
      s.audit.record(ada, 'probe.mixed', null, { k: 1 }, now),
      // No action: the column is NOT NULL, so this row cannot be written.
      s.audit.record(ada, null as unknown as string, null, { k: 2 }, now),
      s.audit.record(ada, 'probe.mixed', null, { k: 3 }, now),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const { entries } = await s.audit.list({ action: 'probe.mixed' });
    expect(entries.map((e) => e.detail.k).sort()).toEqual([1, 3]);
  });

  it('keeps a row recorded in a transaction only if the transaction commits', async () => {
    await expect(s.tx(async (stores) => {
      await stores.audit.record(ada, 'probe.rolled_back', null, {}, now);
      throw new Error('the change fails after its audit row');
    })).rejects.toThrow('the change fails');
    await s.tx(async (stores) => { await stores.audit.record(ada, 'probe.committed', null, {}, now); });
    expect((await s.audit.list({ action: 'probe.rolled_back' })).total).toBe(0);
    expect((await s.audit.list({ action: 'probe.committed' })).total).toBe(1);
  });
});

describe('the audit log of the server on a SQLite file (rows committed on a connection of their own)', () => {
  let database: Database;
  let s: Services;
  const now = new Date('2024-03-21T18:00:00Z');
  const ada = { id: 'user-ada', username: 'ada' };
  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    s = createServices(database, { now: () => now, engine: null, auditConnection: true });
  });
  afterAll(async () => { await s?.audit.close(); await database?.close(); });

  it('has the row of every one of many concurrent requests in the log by the time its caller goes on', async () => {
    expect(await eachRowSeenByItsCaller(s, 30)).toBe(true);
    expect((await s.audit.list({ action: 'probe.concurrent', limit: 100 })).total).toBe(30);
  });

  it('fails only the caller whose row cannot be written', async () => {
    const results = await Promise.allSettled([
      s.audit.record(ada, 'probe.mixed', null, { k: 1 }, now),
      s.audit.record(ada, null as unknown as string, null, { k: 2 }, now),
      s.audit.record(ada, 'probe.mixed', null, { k: 3 }, now),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await s.audit.list({ action: 'probe.mixed' })).entries.map((e) => e.detail.k).sort()).toEqual([1, 3]);
  });

  it('waits for a transaction of the service that holds the write lock, then commits, without stopping the event loop', async () => {
    let recorded: Promise<void> | undefined;
    let ticks = 0;
    await s.tx(async (stores) => {
      await stores.audit.record(ada, 'probe.in_tx', null, {}, now);
      recorded = s.audit.record(ada, 'probe.during_tx', null, {}, now);
      // The event loop keeps turning while the row waits for the lock.
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5)).then(() => ticks++);
    });
    expect(ticks).toBe(5);
    await recorded;
    expect((await s.audit.list({ action: 'probe.during_tx' })).total).toBe(1);
    expect((await s.audit.list({ action: 'probe.in_tx' })).total).toBe(1);
  });

  it('commits the rows still waiting when it is closed, and refuses rows after', async () => {
    const pending = Promise.all(Array.from({ length: 5 }, (_, k) => s.audit.record(ada, 'probe.at_close', null, { k }, now)));
    await s.audit.close();
    await pending;
    expect((await s.audit.list({ action: 'probe.at_close' })).total).toBe(5);
    await expect(s.audit.record(ada, 'probe.after_close', null, {}, now)).rejects.toMatchObject({ code: 'IMR_ERR_DATABASE' });
  });
});
