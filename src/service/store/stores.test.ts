import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../db/test-support/dialects.js';
import type { Database } from '../../db/database.js';
import { createServices, type Services } from '../use-cases/services.js';
import { createCase } from '../use-cases/cases.use-case.js';
import { registerReviewers } from '../use-cases/reviewers.use-case.js';
import { applicationInput, reviewerInputs } from '../test-support/fixtures.js';
import type { User } from './users.store.js';
import { serviceDb } from './tables.js';

describe.each(testDialects())('service stores on %s', (dialect) => {
  let database: Database;
  let s: Services;
  let intake: User;
  const now = new Date('2024-03-21T18:00:00Z');
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    s = createServices(database, { now: () => now, engine: null });
    intake = await s.users.create({ username: 'ivy', role: 'intake', password: 'intake-password' }, now);
  });
  afterAll(async () => { await database?.close(); });

  it('keeps only password and token hashes, expires sessions and refuses duplicates', async () => {
    const raw = await serviceDb(database.db).selectFrom('svc_users').selectAll().where('username', '=', 'ivy').executeTakeFirstOrThrow();
    expect(raw.password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(raw)).not.toContain('intake-password');
    const api = await s.users.createApiToken(intake.id, 'probe', now);
    const tokenRow = await serviceDb(database.db).selectFrom('svc_api_tokens').selectAll().where('id', '=', api.id).executeTakeFirstOrThrow();
    expect(tokenRow.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(tokenRow)).not.toContain(api.token);
    expect(await s.users.checkPassword('ivy', 'wrong-password')).toBeUndefined();
    const token = await s.users.createSession(intake.id, now);
    expect((await s.users.userForSession(token, now))?.id).toBe(intake.id);
    expect(await s.users.userForSession(token, new Date(now.getTime() + 13 * 3600_000))).toBeUndefined();
    await expect(s.users.create({ username: 'ivy', role: 'admin', password: 'another-password' }, now)).rejects.toMatchObject({ code: 'IMR_ERR_DUPLICATE' });
    await expect(s.users.create({ username: 'short', role: 'admin', password: 'short' }, now)).rejects.toMatchObject({ code: 'IMR_ERR_VALIDATION' });
    // Regression: the CLI path once stored an empty username.
    for (const username of ['', ' ', 'a b', 'x'.repeat(101)]) {
      await expect(s.users.create({ username, role: 'admin', password: 'long-enough-pw' }, now)).rejects.toMatchObject({ code: 'IMR_ERR_VALIDATION', details: [{ path: 'username' }] });
    }
  });

  it('stores reviewers with their whole profile and rejects an invalid one with each field', async () => {
    await registerReviewers(s, null, reviewerInputs());
    const r = await s.reviewers.get('r-pmr-conflict');
    expect(r).toMatchObject({ specialty: 'Physical Medicine & Rehabilitation', affiliations: [{ kind: 'employer', name: 'Acme Widgets' }], capacity: 10, active: true });
    await expect(registerReviewers(s, null, [{ id: 'bad', name: '', licensureStates: [] }])).rejects.toMatchObject({ code: 'IMR_ERR_VALIDATION' });
    expect(await s.reviewers.get('bad')).toBeUndefined();
  });

  it('updates a case or an item only at the version read (optimistic locking)', async () => {
    const c = await createCase(s, intake, { application: applicationInput() });
    await s.cases.update(c.id, 1, { clinical_summary: 'first' }, now);
    await expect(s.cases.update(c.id, 1, { clinical_summary: 'second' }, now)).rejects.toMatchObject({ code: 'IMR_ERR_CONFLICT' });
    expect((await s.cases.get(c.id))?.clinical_summary).toBe('first');
    const [item] = await s.cases.items(c.id);
    expect(await s.cases.updateItem(c.id, item.id, 1, { rationale: 'a' }, now)).toBe(2);
    await expect(s.cases.updateItem(c.id, item.id, 1, { rationale: 'b' }, now)).rejects.toMatchObject({ code: 'IMR_ERR_CONFLICT' });
    await expect(s.cases.updateItem(c.id, 'no-such-item', 1, { rationale: 'b' }, now)).rejects.toMatchObject({ code: 'IMR_ERR_NOT_FOUND' });
  });

  it('rolls back every write of a failed transaction', async () => {
    const before = (await s.cases.list({ limit: 100, offset: 0 })).total;
    await expect(createCase(s, intake, { application: applicationInput(), partyUserIds: [intake.id] })).rejects.toMatchObject({ code: 'IMR_ERR_VALIDATION' });
    await expect(s.tx(async (st) => {
      await st.audit.record(intake, 'probe', null, {}, now);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect((await s.cases.list({ limit: 100, offset: 0 })).total).toBe(before);
    expect((await s.audit.list({ action: 'probe' })).total).toBe(0);
  });

  it('lists cases with filters and paging, newest first', async () => {
    // Received today (a received date in the future is refused), after the fixture's 2024-03-20.
    await createCase(s, intake, { application: applicationInput({ applicationReceivedDate: '2024-03-21' }) });
    const page = await s.cases.list({ limit: 1, offset: 0 });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0].received_on).toBe('2024-03-21');
    expect((await s.cases.list({ receivedFrom: '2024-03-21', limit: 10, offset: 0 })).total).toBe(1);
    expect((await s.cases.list({ status: ['received'], limit: 10, offset: 0 })).total).toBe(page.total);
    expect((await s.cases.list({ status: ['assigned'], limit: 10, offset: 0 })).total).toBe(0);
  });
});
