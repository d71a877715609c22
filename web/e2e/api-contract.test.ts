import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { OPTIONAL_ROUTES, ROUTES_USED } from '../src/api/endpoints.js';

/**
 * The workbench's API client checked against the server's own OpenAPI document: every route it
 * calls exists with the method it uses, and the bodies and queries it sends have the fields the
 * server expects. Runs without a browser.
 */
interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Schema {
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}
type Doc = { paths: Record<string, Record<string, Operation>> };

describe('the workbench API client against /openapi.json', () => {
  let app: FastifyInstance;
  let doc: Doc;
  let dir: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const { openDatabase } = await import('../../src/db/database.js');
    const { migrateToLatest } = await import('../../src/db/migrate.js');
    const { buildApp } = await import('../../src/server/app.js');
    dir = mkdtempSync(path.join(tmpdir(), 'imr-contract-'));
    const database = await openDatabase({ url: '', sqliteFile: path.join(dir, 'imr.sqlite') });
    await migrateToLatest(database.db);
    app = await buildApp({ database, webRoot: null });
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json() as Doc;
    close = async () => {
      await app.close();
      await database.close();
    };
  });
  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const op = (method: string, p: string): Operation | undefined => doc.paths[p]?.[method.toLowerCase()];
  const bodyOf = (o: Operation | undefined): Schema | undefined => o?.requestBody?.content?.['application/json']?.schema;
  const okOf = (o: Operation | undefined): Schema | undefined => {
    const r = o?.responses?.['200'] ?? o?.responses?.['201'];
    return r?.content?.['application/json']?.schema;
  };

  it('offers every route the workbench calls, with the method it uses', () => {
    const optional = new Set(OPTIONAL_ROUTES.map(([m, p]) => `${m} ${p}`));
    const missing = ROUTES_USED.filter(([m, p]) => !optional.has(`${m} ${p}`) && !op(m, p)).map(([m, p]) => `${m} ${p}`);
    expect(missing).toEqual([]);
  });

  it('accepts the fields the workbench sends', () => {
    expect(bodyOf(op('POST', '/api/auth/login'))?.required).toEqual(expect.arrayContaining(['username', 'password']));
    expect(Object.keys(bodyOf(op('POST', '/api/cases'))?.properties ?? {})).toEqual(expect.arrayContaining(['application', 'clinicalSummary', 'documentsReviewed']));
    expect(bodyOf(op('PUT', '/api/cases/{id}/items/{itemId}/decision'))?.required).toEqual(expect.arrayContaining(['version', 'decision', 'citation', 'rationale']));
    expect(Object.keys(bodyOf(op('POST', '/api/cases/{id}/sign'))?.properties ?? {})).toContain('version');
    expect(bodyOf(op('POST', '/api/cases/{id}/status'))?.required).toEqual(expect.arrayContaining(['status', 'reason']));
    expect(bodyOf(op('POST', '/api/cases/{id}/letter/corrections'))?.required).toContain('reason');
    const listParams = (op('GET', '/api/cases')?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(['status', 'priority', 'caseNumber', 'late', 'reviewerId', 'limit', 'offset']));
    const auditParams = (op('GET', '/api/audit')?.parameters ?? []).map((p) => p.name);
    expect(auditParams).toEqual(expect.arrayContaining(['action', 'limit']));
  });

  it('answers with the fields the screens read', () => {
    expect(Object.keys(okOf(op('GET', '/api/cases'))?.properties ?? {})).toEqual(expect.arrayContaining(['cases', 'total']));
    expect(Object.keys(okOf(op('POST', '/api/auth/login'))?.properties ?? {})).toContain('user');
    expect(Object.keys(okOf(op('GET', '/api/me'))?.properties ?? {})).toContain('user');
    expect(Object.keys(okOf(op('POST', '/api/cases/{id}/eligibility'))?.properties ?? {})).toEqual(expect.arrayContaining(['eligibility', 'status']));
    expect(Object.keys(okOf(op('GET', '/api/reviewers'))?.properties ?? {})).toContain('reviewers');
    expect(Object.keys(okOf(op('GET', '/api/letters'))?.properties ?? {})).toContain('letters');
    const kase = okOf(op('GET', '/api/cases/{id}'));
    expect(Object.keys(kase?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'caseNumber', 'status', 'priority', 'late', 'nextDeadline', 'application', 'clinicalSummary', 'documentsReviewed', 'deadlines', 'items', 'eligibility', 'letters', 'version']),
    );
    const item = kase?.properties?.items?.items;
    expect(Object.keys(item?.properties ?? {})).toEqual(expect.arrayContaining(['id', 'request', 'draft', 'decision', 'citation', 'rationale', 'version']));
    // The three outcomes, and the documents by kind with the source name the evidence quotes.
    const draft = okOf(op('POST', '/api/cases/{id}/items/{itemId}/draft'));
    expect(Object.keys(draft?.properties ?? {})).toEqual(expect.arrayContaining(['decision', 'pOverturn', 'needsReviewer', 'reviewReason', 'reviewCodes']));
    expect(Object.keys(draft?.properties?.criteria?.items?.properties?.evidence?.items?.properties ?? {})).toEqual(expect.arrayContaining(['source', 'quote', 'kind']));
    expect(Object.keys(kase?.properties?.documents?.items?.properties ?? {})).toEqual(expect.arrayContaining(['id', 'kind', 'name', 'evidenceSource']));
    expect(Object.keys(okOf(op('GET', '/api/cases/{id}/documents/{docId}/text'))?.properties ?? {})).toEqual(expect.arrayContaining(['kind', 'evidenceSource', 'text']));
    expect((op('GET', '/api/cases')?.parameters ?? []).map((p) => p.name)).toContain('awaitingJudgement');
  });
});
