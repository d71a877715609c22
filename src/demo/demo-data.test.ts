import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, openTestDatabase } from '../db/test-support/dialects.js';
import type { Database } from '../db/database.js';
import { createServices, type Services } from '../service/use-cases/services.js';
import { DEFAULT_SEEDS_DIR, loadDemoData, type DemoResult } from './demo-data.js';

describe.each(testDialects())('demo data on %s', (dialect) => {
  let database: Database;
  let services: Services;
  let demo: DemoResult;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    services = createServices(database);
    demo = await loadDemoData(services, { seedsDir: null });
  });
  afterAll(async () => { await database?.close(); });

  it('creates users of every role whose printed passwords log in', async () => {
    expect(demo.loaded).toBe(true);
    expect(new Set(demo.logins.map((l) => l.role))).toEqual(new Set(['admin', 'intake', 'reviewer', 'party']));
    for (const l of demo.logins.slice(0, 3)) expect(await services.users.checkPassword(l.username, l.password)).toMatchObject({ username: l.username });
  });

  it('builds the synthetic cases at different stages, the last one with an issued letter the party can read', async () => {
    expect(demo.from).toBe('synthetic');
    const { rows } = await services.cases.list({ limit: 50, offset: 0 });
    expect(rows.map((r) => r.status).sort()).toEqual(['letter_issued', 'received']);
    const issued = rows.find((r) => r.status === 'letter_issued')!;
    const letter = await services.cases.letter(issued.id);
    expect(letter?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const party = await services.users.byUsername('party');
    expect(await services.cases.partyUserIds(issued.id)).toContain(party!.id);
  });

  it('loads only once', async () => {
    expect((await loadDemoData(services, { seedsDir: null })).loaded).toBe(false);
  });
});

describe('demo data from the seed letters', () => {
  const present = existsSync(DEFAULT_SEEDS_DIR);
  it.skipIf(!present)('builds one case per seed letter, with its items and clinical summary (skipped without ../shared/seeds)', async () => {
    const database = await openTestDatabase('sqlite');
    try {
      const services = createServices(database);
      const demo = await loadDemoData(services, { password: 'demo-password' });
      expect(demo.from).toBe('seeds');
      expect(demo.cases).toBeGreaterThanOrEqual(5);
      const { rows } = await services.cases.list({ limit: 50, offset: 0 });
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['received', 'eligibility', 'assigned', 'letter_issued']));
      for (const r of rows) expect(r.clinical_summary.length).toBeGreaterThan(100);
      const assigned = rows.filter((r) => r.status === 'assigned');
      const items = await services.cases.items(assigned[0].id);
      expect(items.every((i) => i.draft !== null)).toBe(true);
    } finally {
      await database.close();
    }
  });
});
