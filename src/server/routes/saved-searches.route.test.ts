import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusStore } from '../../corpus/store.js';
import { item, letter, record } from '../../corpus/test-support/letters.js';
import { testDialects } from '../../db/test-support/dialects.js';
import { login, openTestApp, type TestApp } from '../test-support/test-app.js';

const WHY = 'There is no documentation of objective functional improvement with prior sessions.';

describe.each(testDialects())('saved corpus searches over HTTP on %s', (dialect) => {
  let t: TestApp;
  let store: CorpusStore;
  const cookie: Record<'admin' | 'reviewer' | 'party', string> = { admin: '', reviewer: '', party: '' };
  const add = (caseNumber: string, request: string, decision: 'Upheld' | 'Overturned') =>
    store.insertLetter(record(letter([item(request, decision, WHY)], { caseNumber })), '2026-01-01T00:00:00.000Z');
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, who: keyof typeof cookie, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie: cookie[who] }, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    t = await openTestApp(dialect);
    store = new CorpusStore(t.database);
    for (const role of ['admin', 'reviewer', 'party'] as const) {
      await t.services.users.create({ username: `u-${role}`, role, password: `${role}-pass-123` }, new Date());
      cookie[role] = await login(t.app, `u-${role}`, `${role}-pass-123`);
    }
    await add('CM16-0000101', 'Acupuncture 6 sessions', 'Upheld');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('saves a search with its filters, lists the letters imported since as new until marked reported, and removes it', async () => {
    const created = await call('POST', '/api/corpus/saved', 'reviewer', { name: 'acupuncture overturned', q: 'acupuncture', decision: 'overturned' });
    expect(created.statusCode, created.body).toBe(201);
    // The filters come back in the search address's form, so the workbench can open the search.
    expect(created.json()).toMatchObject({ name: 'acupuncture overturned', q: 'acupuncture', filters: { decision: 'Overturned' }, newItems: 0, checkedAt: null });

    await add('CM17-0000102', 'Acupuncture 8 sessions', 'Overturned');
    await add('CM17-0000103', 'Acupuncture 4 sessions', 'Upheld');
    for (const who of ['reviewer', 'party', 'reviewer'] as const) {
      const list = await call('GET', '/api/corpus/saved', who);
      expect(list.statusCode).toBe(200);
      // Listing (by anyone, as often as they like) does not use the news up.
      expect(list.json().searches).toEqual([expect.objectContaining({ name: 'acupuncture overturned', newItems: 1, letters: ['CM17-0000102'] })]);
    }

    const reported = await call('POST', `/api/corpus/saved/${encodeURIComponent('acupuncture overturned')}/reported`, 'reviewer');
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json()).toMatchObject({ newItems: 0, letters: [] });
    expect(reported.json().checkedAt).toEqual(expect.any(String));

    const removed = await call('DELETE', `/api/corpus/saved/${encodeURIComponent('acupuncture overturned')}`, 'reviewer');
    expect(removed.statusCode).toBe(204);
    expect((await call('GET', '/api/corpus/saved', 'reviewer')).json().searches).toEqual([]);

    // Each change is audited with the search's name, under the user who made it.
    const audit = (await call('GET', '/api/audit?limit=100', 'admin')).json() as { entries: Array<{ action: string }> };
    const actions = audit.entries.map((e) => e.action);
    for (const a of ['corpus.saved_search_added', 'corpus.saved_search_reported', 'corpus.saved_search_removed']) expect(actions).toContain(a);
  });

  it('refuses a party\'s change, a bad name or filter, an unknown field, a duplicate and an unknown search, each with its code', async () => {
    const party = await call('POST', '/api/corpus/saved', 'party', { name: 'mine', q: 'x' });
    expect(party.statusCode).toBe(403);
    const badName = await call('POST', '/api/corpus/saved', 'reviewer', { name: 'a/b<script>', q: 'x' });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.code).toBe('IMR_ERR_VALIDATION');
    const badDate = await call('POST', '/api/corpus/saved', 'reviewer', { name: 'dates', q: '', decisionFrom: '2017-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.code).toBe('IMR_ERR_INVALID_DATE');
    const unknown = await call('POST', '/api/corpus/saved', 'reviewer', { name: 'extra', q: 'x', colour: 'red' });
    expect(unknown.statusCode).toBe(400);

    expect((await call('POST', '/api/corpus/saved', 'admin', { name: 'physio', q: 'physical therapy' })).statusCode).toBe(201);
    const twice = await call('POST', '/api/corpus/saved', 'reviewer', { name: 'physio', q: 'other' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('IMR_ERR_DUPLICATE');
    for (const [method, url] of [['DELETE', '/api/corpus/saved/nothing'], ['POST', '/api/corpus/saved/nothing/reported']] as const) {
      const missing = await call(method, url, 'reviewer');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('IMR_ERR_NOT_FOUND');
    }
    // Nothing half-made: only the one good search exists.
    expect((await call('GET', '/api/corpus/saved', 'party')).json().searches.map((s: { name: string }) => s.name)).toEqual(['physio']);
  });
});
