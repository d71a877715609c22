import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

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
    const called = routesCalled(path.join(import.meta.dirname, '../src/api'));
    // The scan itself is checked: it finds the calls of every API module, a few known ones by name.
    expect(called.length).toBeGreaterThan(50);
    expect(called).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/cases/{}', 'PUT /api/cases/{}/items/{}/decision', 'POST /api/cases/{}/documents', 'GET /api/operations', 'POST /api/cases/{}/appeals/{}/outcome', 'GET /api/cases/{}/ineligibility-notice.{}']));
    const offered = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const missing = called.filter((route) => {
      // A placeholder in the workbench's path stands for a parameter ({id}) or a file extension (.pdf).
      const pattern = new RegExp(`^${route.split('{}').map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
      return !offered.some((o) => pattern.test(o));
    });
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

/**
 * The routes the workbench's API modules call, read from their source: every string or template
 * literal that starts with "/api/", with the method of the `request('METHOD', …)` call it is passed
 * to (POST for `upload`, GET for `requestText` and for addresses used as links). An interpolation
 * after "/" or "." becomes "{}" (a parameter or an extension); any other is a query string and is
 * dropped, as is a literal query string. Answers "METHOD /api/…" entries, sorted and without repeats.
 */
export function routesCalled(apiDir: string): string[] {
  const out = new Set<string>();
  for (const file of readdirSync(apiDir)) {
    if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
    const src = readFileSync(path.join(apiDir, file), 'utf8');
    for (const m of src.matchAll(/(['`])\/api\//g)) {
      const literal = readLiteral(src, m.index, m[1]!);
      const before = src.slice(Math.max(0, m.index - 160), m.index);
      const method = /request(?:<[^()]*>)?\(\s*'([A-Z]+)',\s*$/.exec(before)?.[1] ?? (/upload(?:<[^()]*>)?\(\s*$/.test(before) ? 'POST' : 'GET');
      out.add(`${method} ${literal.split('?')[0]}`);
    }
  }
  return [...out].sort();
}

/** The literal's text from its opening quote, interpolations replaced (nested braces counted). */
function readLiteral(src: string, start: number, quote: string): string {
  let text = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i]!;
    if (c === quote) return text;
    if (quote === '`' && c === '$' && src[i + 1] === '{') {
      let depth = 0;
      let j = i + 1;
      for (; j < src.length; j++) {
        if (src[j] === '{') depth++;
        else if (src[j] === '}' && --depth === 0) break;
      }
      // After "/" or "." it is a parameter or an extension; anywhere else, a query string.
      if (text.endsWith('/') || text.endsWith('.')) text += '{}';
      i = j;
      continue;
    }
    text += c;
  }
  throw new Error(`unterminated literal at ${start}`);
}
