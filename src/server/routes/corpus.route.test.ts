import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../db/test-support/dialects.js';
import { applicationInput, CLINICAL_SUMMARY, citation } from '../../service/test-support/fixtures.js';
import { login, openTestApp, type TestApp } from '../test-support/test-app.js';
import { haveSeeds, havePdfs, lettersDir, listFiles, seedsDir } from '../../shared/test-support/shared-data.js';

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
  const pdf = haveShared ? listFiles(lettersDir, '.pdf')[0] : '';

  beforeAll(async () => {
    t = await openTestApp(dialect, { bodyLimit: 10 * 1024 * 1024 });
    await t.services.users.create({ username: 'ada', role: 'admin', password: 'admin-pass' }, new Date());
    await t.services.users.create({ username: 'ivy', role: 'intake', password: 'intake-pass' }, new Date());
    admin = await login(t.app, 'ada', 'admin-pass');
    intake = await login(t.app, 'ivy', 'intake-pass');
  });
  afterAll(async () => { await t?.close(); });

  async function waitForJob(id: string): Promise<Record<string, any>> {
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
      { name: pdf, bytes: readFileSync(path.join(lettersDir, pdf)) },
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
    expect(job.summary.failed).toEqual([expect.objectContaining({ file: 'broken.pdf', code: 'IMR_ERR_PDF_INVALID' })]);

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
    const next = (await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=chiropractic&decision=Upheld&limit=2&offset=2', headers: { cookie: intake } })).json();
    expect(next.hits.map((h: { itemId: number }) => h.itemId)).not.toContain(page.hits[0].itemId);
    const evil = await t.app.inject({ method: 'GET', url: `/api/corpus/search?q=${encodeURIComponent(`"); DROP TABLE corpus_items; -- NEAR(*`)}`, headers: { cookie: intake } });
    expect(evil.statusCode).toBe(200);
    const bad = await t.app.inject({ method: 'GET', url: '/api/corpus/search?q=x&citation=WHO', headers: { cookie: intake } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('IMR_ERR_VALIDATION');
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
    expect(lines[0]).toBe('breakdown,key,items,upheld,overturned,overturn_rate');
    expect(lines[1]).toBe(`total,all,${stats.items},${stats.upheld},${stats.overturned},${stats.overturnRate}`);
    expect(lines.filter((l) => l.startsWith('year,')).reduce((n, l) => n + Number(l.split(',')[2]), 0)).toBe(stats.items);
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
    const missing = await t.app.inject({ method: 'GET', url: `/api/cases/${kase.id}/items/nope/precedents`, headers: { cookie: intake } });
    expect(missing.statusCode).toBe(404);
  });
});
