import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import { renderLetterHtml } from '../letters/render/html.js';
import { sampleLetter } from '../letters/render/test-support/sample-letters.js';
import { createServices } from '../service/use-cases/services.js';
import { buildApp } from './app.js';
import { inlineStyleSources } from './security.js';
import { openWorld } from './test-support/world.js';
import { multipart } from './test-support/multipart.js';
import { citation } from '../service/test-support/fixtures.js';
import { decideItem } from '../service/use-cases/review.use-case.js';
import { signCase } from '../service/use-cases/letter.use-case.js';
import type { TestApp } from './test-support/test-app.js';
import type { World } from './test-support/world.js';

function directives(csp: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/);
    out.set(name!, values);
  }
  return out;
}

describe.each(testDialects())('security headers on %s', (dialect) => {
  let database: Database;
  let app: FastifyInstance;
  let secureApp: FastifyInstance;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(path.join(tmpdir(), 'imr-web-headers-'));
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>');
    database = await openTestDatabase(dialect);
    const services = createServices(database);
    app = await buildApp({ database, services, webRoot });
    secureApp = await buildApp({ database, services, webRoot, secureCookies: true });
    await services.users.create({ username: 'ada', role: 'admin', password: 'ada-password' }, new Date());
  });
  afterAll(async () => {
    await app?.close();
    await secureApp?.close();
    await database?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('sends CSP, nosniff, frame denial and no-referrer on the workbench, the API and /health', async () => {
    for (const url of ['/', '/cases/123', '/api/me', '/api/cases', '/health']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      const csp = directives(res.headers['content-security-policy'] as string);
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(csp.get('script-src'), url).toEqual(["'self'"]);
      expect(csp.get('object-src'), url).toEqual(["'none'"]);
      expect(csp.get('style-src'), url).not.toContain("'unsafe-inline'");
      // Plain HTTP on this machine: no HSTS and no upgrade to an https:// that is not there.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(csp.has('upgrade-insecure-requests'), url).toBe(false);
    }
    expect((await app.inject({ method: 'GET', url: '/' })).headers['content-type']).toContain('text/html');
  });

  it("allows the letter's inline stylesheet by hash, so the workbench's letter preview keeps its layout", async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    const styles = directives(res.headers['content-security-policy'] as string).get('style-src')!;
    const letterStyles = inlineStyleSources(renderLetterHtml(sampleLetter()));
    expect(letterStyles).toHaveLength(1);
    expect(styles).toEqual(expect.arrayContaining(["'self'", ...letterStyles]));
  });

  it('behind HTTPS: HSTS, upgrade-insecure-requests and a Secure session cookie', async () => {
    const res = await secureApp.inject({ method: 'GET', url: '/' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect(directives(res.headers['content-security-policy'] as string).has('upgrade-insecure-requests')).toBe(true);
    const login = await secureApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada', password: 'ada-password' } });
    expect(login.statusCode).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/; Secure/i);
    const plain = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada', password: 'ada-password' } });
    expect(String(plain.headers['set-cookie'])).not.toMatch(/; Secure/i);
  });

  it('lets the API docs page use inline styles but still only its own scripts', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/static/index.html' });
    const csp = directives(res.headers['content-security-policy'] as string);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe.each(testDialects())('Cache-Control: no-store on patient data on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => { ({ t, w } = await openWorld(dialect)); });
  afterAll(async () => { await t?.close(); });

  it('marks case JSON, the case list, a document (file and text), the letter (PDF, HTML, text), the audit log and refusals no-store', async () => {
    const { caseId, reviewerId } = await w.assignedCase();
    const upload = multipart({ kind: 'medical_record' }, { name: 'pr2.txt', type: 'text/plain', bytes: new TextEncoder().encode('PR-2 progress note. Low back pain 6/10.') });
    const doc = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { cookie: w.cookies.intake, ...upload.headers }, payload: upload.payload });
    expect(doc.statusCode).toBe(201);
    const docId = (doc.json() as { document?: { id: string }; id?: string }).document?.id ?? doc.json().id;
    const urls = [`/api/cases/${caseId}`, '/api/cases', `/api/cases/${caseId}/documents/${docId}/text`, `/api/cases/${caseId}/documents/${docId}`];
    for (const [url, cookie] of [...urls.map((u) => [u, w.cookies.intake] as const), ['/api/audit', w.cookies.admin] as const]) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    // The issued letter, in each form; its HTML may use exactly its own inline stylesheet, nothing else.
    const reviewer = w.users[reviewerId === 'r-pmr' ? 'reviewer' : 'otherReviewer'];
    for (const item of await t.services.cases.items(caseId)) {
      await decideItem(t.services, reviewer, caseId, item.id, { version: item.version, decision: 'Upheld', citation: citation(), rationale: 'The request exceeds the guideline; it is not medically necessary.' });
    }
    await signCase(t.services, reviewer, caseId);
    for (const format of ['pdf', 'html', 'txt']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter.${format}`, headers: { cookie: w.cookies.party } });
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['cache-control'], format).toBe('no-store');
      if (format === 'html') {
        const csp = directives(res.headers['content-security-policy'] as string);
        expect(csp.get('default-src')).toEqual(["'none'"]);
        expect(csp.get('style-src')).toEqual(inlineStyleSources(res.body));
        expect(csp.has('script-src')).toBe(false);
      }
    }
    // Refusals too: an error body may name the case.
    const refused = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: w.cookies.party } });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});
