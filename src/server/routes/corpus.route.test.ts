import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportJobStore, INTERRUPTED_MESSAGE } from '../../corpus/index.js';
import type { ImportJobView } from '../../corpus/import-jobs.js';
import { testDialects } from '../../db/test-support/dialects.js';
import { applicationInput, CLINICAL_SUMMARY, citation } from '../../service/test-support/fixtures.js';
import { buildApp } from '../app.js';
import { login, openTestApp, type TestApp } from '../test-support/test-app.js';
import { haveSeeds, havePdfs, listFiles, pdfDir, seedsDir } from '../../shared/test-support/shared-data.js';

const haveShared = haveSeeds && havePdfs;

/** A multipart/form-data body with one file field per file. */
function multipart(files: Array<{ name: string; bytes: Buffer }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----imr-test-boundary-7d1f';
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.skipIf(!haveShared).each(testDialects())('corpus API on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let intake: string;
  const seedFiles = haveShared ? listFiles(seedsDir, '.txt') : [];
  const pdf = haveShared ? listFiles(pdfDir, '.pdf')[0] : '';

  beforeAll(async () => {
    t = await openTestApp(dialect, { bodyLimit: 10 * 1024 * 1024 });
    await t.services.users.create({ username: 'ada', role: 'admin', password: 'admin-pass' }, new Date());
    await t.services.users.create({ username: 'ivy', role: 'intake', password: 'intake-pass' }, new Date());
    admin = await login(t.app, 'ada', 'admin-pass');
    intake = await login(t.app, 'ivy', 'intake-pass');
  });
  afterAll(async () => { await t?.close(); });

  async function waitForJob(id: string): Promise<ImportJobView> {
    for (let i = 0; i < 600; i++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/corpus/import/${id}`, headers: { cookie: admin } });
      expect(res.statusCode, res.body).toBe(200);
      if (res.json().status !== 'running') return res.json();
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import job did not finish');
  }

  it('imports uploaded letters as an admin job, reporting the bad file, and refuses others', async () => {
    const files = [
      ...seedFiles.map((f) => ({ name: f, bytes: readFileSync(path.join(seedsDir, f)) })),
      { name: pdf, bytes: readFileSync(path.join(pdfDir, pdf)) },
      { name: 'broken.pdf', bytes: Buffer.from('%PDF-1.7\n1 0 obj <<>> garbage') },
    ];
    const body = multipart(files);
    const refused = await t.app.inject({ method: 'POST', url: '/api/corpus/import', headers: { ...body.headers, cookie: intake }, payload: body.payload });
    expect(refused.statusCode).toBe(403);
    const anon = await t.app.inject({ method: 'POST', url: '/api/corpus/import', headers: body.headers, payload: body.payload });
    expect(anon.statusCode).toBe(401);

    const started = await t.app.inject({ method: 'POST', url: '/api/corpus/import', headers: { ...body.headers, cookie: admin }, payload: body.payload });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.headers.location).toBe(`/api/corpus/import/${started.json().id}`);
    const job = await waitForJob(started.json().id);
    expect(job.status).toBe('done');
    expect(job.progress).toMatchObject({ total: files.length, done: files.length });
    expect(job.summary).toMatchObject({ imported: seedFiles.length + 1, present: 0 });
    expect(job.summary?.failed).toEqual([expect.objectContaining({ file: 'broken.pdf', code: 'IMR_ERR_PDF_INVALID' })]);

    const again = await waitForJob((await t.app.inject({ method: 'POST', url: '/api/corpus/import', headers: { ...body.headers, cookie: admin }, payload: body.payload })).json().id);
    expect(again.summary).toMatchObject({ imported: 0, present: seedFiles.length + 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/corpus/import/nope', headers: { cookie: admin } })).statusCode).toBe(404);
  });

  it('searches with filters and paging for any logged-in user', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=chiropractic' })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=chiropractic&decision=Upheld&limit=2', headers: { cookie: intake } });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBeGreaterThan(2);
    expect(page.hits).toHaveLength(2);
    expect(page.hits.every((h: { decision: string }) => h.decision === 'Upheld')).toBe(true);
    expect(page.alsoSearched).toEqual([]);
    // A brand name is searched under its generic and other brands too, and the answer says so.
    const brand = (await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=Flexeril', headers: { cookie: intake } })).json();
    expect(brand.alsoSearched).toEqual([{ term: 'flexeril', alternatives: ['cyclobenzaprine', 'amrix', 'fexmid'] }]);
    const next = (await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=chiropractic&decision=Upheld&limit=2&offset=2', headers: { cookie: intake } })).json();
    expect(next.hits.map((h: { itemId: number }) => h.itemId)).not.toContain(page.hits[0].itemId);
    const evil = await t.app.inject({ method: 'GET', url: `/api/corpus/search?q=${encodeURIComponent(`"); DROP TABLE corpus_items; -- NEAR(*`)}`, headers: { cookie: intake } });
    expect(evil.statusCode).toBe(200);
    const bad = await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=x&citation=WHO', headers: { cookie: intake } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('IMR_ERR_VALIDATION');
  });

  it('reads the letter of a search hit, with its items and summary, for any logged-in user', async () => {
    const hit = (await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=chiropractic&limit=1', headers: { cookie: intake } })).json().hits[0];
    expect((await t.app.inject({ method: 'GET', url: `/api/corpus/letters/${hit.letterId}` })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url: `/api/corpus/letters/${hit.letterId}`, headers: { cookie: intake } });
    expect(res.statusCode, res.body).toBe(200);
    const letter = res.json();
    expect(letter).toMatchObject({ id: hit.letterId, caseNumber: hit.caseNumber, fileName: hit.fileName });
    expect(letter.clinicalSummary.length).toBeGreaterThan(0);
    expect(letter.items.map((i: { position: number }) => i.position)).toEqual(letter.items.map((_: unknown, n: number) => n));
    const item = letter.items.find((i: { id: number }) => i.id === hit.itemId);
    expect(item).toMatchObject({ request: hit.request, decision: hit.decision, citation: hit.citation });
    expect(item.rationale).toMatch(/chiropractic/i);
    expect(letter.upheld + letter.overturned).toBe(letter.items.length);
    const missing = await t.app.inject({ method: 'GET', url: '/api/corpus/letters/999999', headers: { cookie: intake } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('IMR_ERR_NOT_FOUND');
    const bad = await t.app.inject({ method: 'GET', url: '/api/corpus/letters/abc', headers: { cookie: intake } });
    expect(bad.statusCode).toBe(400);
    // Unknown query fields are refused, as everywhere.
    expect((await t.app.inject({ method: 'GET', url: `/api/corpus/letters/${hit.letterId}?extra=1`, headers: { cookie: intake } })).statusCode).toBe(400);
  });

  it('serves statistics as JSON and CSV', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/corpus/stats', headers: { cookie: intake } });
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    expect(stats.letters).toBe(seedFiles.length + 1);
    expect(stats.upheld + stats.overturned).toBe(stats.items);
    expect(stats.breakdowns.category.reduce((n: number, r: { items: number }) => n + r.items, 0)).toBe(stats.items);
    const csv = await t.app.inject({ method: 'GET', url: '/api/corpus/stats?format=csv&by=year', headers: { cookie: intake } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('breakdown,key,items,upheld,overturned,overturn_rate,overturn_rate_low95,overturn_rate_high95,small_sample');
    const ci = stats.overturnInterval;
    expect(lines[1]).toBe(`total,all,${stats.items},${stats.upheld},${stats.overturned},${stats.overturnRate},${ci.low},${ci.high},${stats.items < 30 ? 'yes' : 'no'}`);
    expect(ci.low).toBeLessThanOrEqual(stats.overturnRate);
    expect(ci.high).toBeGreaterThanOrEqual(stats.overturnRate);
    expect(lines.filter((l) => l.startsWith('year,')).reduce((n, l) => n + Number(l.split(',')[2]), 0)).toBe(stats.items);
  });

  it('filters by case number and refuses an impossible or reversed date range, naming the filter', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=&limit=100', headers: { cookie: intake } })).json();
    const first = all.hits.find((h: { caseNumber: string | null }) => h.caseNumber !== null);
    const one = await t.app.inject({ method: 'GET', url: `/api/corpus/search?q=&caseNumber=${encodeURIComponent(first.caseNumber.toLowerCase())}`, headers: { cookie: intake } });
    expect(one.statusCode, one.body).toBe(200);
    expect(new Set(one.json().hits.map((h: { caseNumber: string }) => h.caseNumber))).toEqual(new Set([first.caseNumber]));
    const bad = await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=&decisionFrom=2017-02-30', headers: { cookie: intake } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'IMR_ERR_INVALID_DATE' } });
    expect(bad.body).toContain('decisionFrom');
    const reversed = await t.app.inject({ method: 'GET', url: '/api/corpus/stats?injuryFrom=2016-01-01&injuryTo=2015-01-01', headers: { cookie: intake } });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ error: { code: 'IMR_ERR_INVALID_DATE' } });
    expect(reversed.body).toContain('injury date range');
  });

  it('lists precedents for a disputed item of a case', async () => {
    const created = await t.app.inject({
      method: 'POST', url: '/api/cases', headers: { cookie: intake },
      payload: { application: applicationInput(), workerSex: 'male', clinicalSummary: CLINICAL_SUMMARY, documentsReviewed: [], partyUserIds: [], claimsAdministratorGuidelines: [citation({ raw: 'MTUS Chronic Pain Guidelines, page 58' }), null] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const kase = created.json();
    const chiro = kase.items.find((i: { request: string }) => /chiropractic/i.test(i.request));
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/${kase.id}/items/${chiro.id}/precedents?limit=5`, headers: { cookie: intake } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.item).toMatchObject({ id: chiro.id, category: 'chiropractic', citationFamily: 'MTUS-CPMTG' });
    expect(r.precedents.length).toBeGreaterThan(0);
    expect(r.precedents[0]).toMatchObject({ category: 'chiropractic', sameCategory: true });
    expect(r.upheld + r.overturned).toBe(r.precedents.length);
    // Each precedent is named: by case number, or by file name for a letter without one (a seed letter).
    for (const p of r.precedents) expect(p.caseNumber ?? p.fileName).toMatch(/\S/);
    expect(r.peerGroup.items).toBeGreaterThanOrEqual(r.precedents.filter((p: { sameCategory: boolean; sameCitation: boolean }) => p.sameCategory && p.sameCitation).length);
    const missing = await t.app.inject({ method: 'GET', url: `/api/cases/${kase.id}/items/nope/precedents`, headers: { cookie: intake } });
    expect(missing.statusCode).toBe(404);
  });
});

describe.each(testDialects())('corpus import jobs API on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let intake: string;
  let adminId: string;

  beforeAll(async () => {
    t = await openTestApp(dialect);
    adminId = (await t.services.users.create({ username: 'ada', role: 'admin', password: 'admin-pass' }, new Date())).id;
    await t.services.users.create({ username: 'ivy', role: 'intake', password: 'intake-pass' }, new Date());
    admin = await login(t.app, 'ada', 'admin-pass');
    intake = await login(t.app, 'ivy', 'intake-pass');
  });
  afterAll(async () => { await t?.close(); });

  /** A second server on the same database, as after a restart or beside this one. */
  async function freshApp() {
    const app = await buildApp({ database: t.database, webRoot: null });
    await app.ready();
    return app;
  }

  async function waitForJob(app: TestApp['app'], id: string): Promise<ImportJobView> {
    for (let i = 0; i < 600; i++) {
      const res = await app.inject({ method: 'GET', url: `/api/corpus/import/${id}`, headers: { cookie: admin } });
      expect(res.statusCode, res.body).toBe(200);
      if (res.json().status !== 'running') return res.json();
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import job did not finish');
  }

  it('keeps a finished job across a restart and shows it to another server on the database', async () => {
    const body = multipart([{ name: 'broken.pdf', bytes: Buffer.from('%PDF-1.7\n1 0 obj <<>> garbage') }, { name: 'empty.txt', bytes: Buffer.from('') }]);
    const started = await t.app.inject({ method: 'POST', url: '/api/corpus/import', headers: { ...body.headers, cookie: admin }, payload: body.payload });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ status: 'running', finishedAt: null, progress: { total: 2, done: 0 }, summary: null, error: null });
    const job = await waitForJob(t.app, started.json().id);
    expect(job).toMatchObject({ status: 'done', progress: { total: 2, done: 2, failed: 2 }, summary: { files: 2, imported: 0 } });
    expect(job.summary?.failed.map((f) => f.file).sort()).toEqual(['broken.pdf', 'empty.txt']);

    const other = await freshApp();
    try {
      const again = await other.inject({ method: 'GET', url: `/api/corpus/import/${job.id}`, headers: { cookie: admin } });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual(job);
      const list = await other.inject({ method: 'GET', url: '/api/corpus/import', headers: { cookie: admin } });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().jobs[0]).toEqual(job);
      const unknown = await other.inject({ method: 'GET', url: '/api/corpus/import/nope', headers: { cookie: admin } });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('IMR_ERR_NOT_FOUND');
    } finally {
      await other.close();
    }
  });

  it('shows a job left running by a stopped server as interrupted, telling the admin to upload again', async () => {
    const jobs = new ImportJobStore(t.database);
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    const left = await jobs.create({ requestedBy: adminId, total: 40, at: hourAgo });
    await jobs.updateProgress(left.id, { total: 40, done: 12, imported: 10, present: 2, failed: 0 }, hourAgo);
    // A job another live server is running right now is not touched.
    const live = await jobs.create({ requestedBy: adminId, total: 5, at: new Date() });

    const restarted = await freshApp();
    try {
      // Marked when the server started, before anyone asked.
      const stored = await jobs.db.selectFrom('corpus_import_jobs').select(['id', 'status']).where('id', 'in', [left.id, live.id]).execute();
      expect(Object.fromEntries(stored.map((r) => [r.id, r.status]))).toEqual({ [left.id]: 'interrupted', [live.id]: 'running' });
      const res = await restarted.inject({ method: 'GET', url: `/api/corpus/import/${left.id}`, headers: { cookie: admin } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'interrupted', progress: { total: 40, done: 12, imported: 10, present: 2 }, summary: null, error: INTERRUPTED_MESSAGE });
      expect(res.json().finishedAt).not.toBeNull();
      expect(res.json().error).toMatch(/upload the same files again/);
      const list = (await restarted.inject({ method: 'GET', url: '/api/corpus/import?limit=50', headers: { cookie: admin } })).json();
      const statuses = Object.fromEntries(list.jobs.map((j: { id: string; status: string }) => [j.id, j.status]));
      expect(statuses).toMatchObject({ [left.id]: 'interrupted', [live.id]: 'running' });
      expect(list.jobs[0].id).toBe(live.id);
    } finally {
      await restarted.close();
    }
  });

  it('answers the job endpoints to admins only', async () => {
    const { id } = (await new ImportJobStore(t.database).create({ requestedBy: adminId, total: 1, at: new Date() }));
    const body = multipart([{ name: 'broken.pdf', bytes: Buffer.from('%PDF-1.7 garbage') }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/corpus/import', headers: { ...body.headers, cookie: intake }, payload: body.payload })).statusCode).toBe(403);
    for (const url of ['/api/corpus/import', `/api/corpus/import/${id}`]) {
      const refused = await t.app.inject({ method: 'GET', url, headers: { cookie: intake } });
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error.code).toBe('IMR_ERR_FORBIDDEN');
      expect(refused.body).not.toContain(id);
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });
});
