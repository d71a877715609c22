import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { LETTER_STYLE } from '../letters/render/html.js';

export interface SecurityOptions {
  /** Served over HTTPS (directly or behind a TLS proxy): adds HSTS and upgrade-insecure-requests. */
  secure: boolean;
}

/** The CSP source that allows an inline <style> element with exactly this text. */
function styleHashSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/** Hash sources for every inline <style> element of an HTML document. */
export function inlineStyleSources(html: string): string[] {
  return [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => styleHashSource(m[1]));
}

/**
 * The workbench's policy: its own scripts and styles only (the Vite build has no inline script or
 * style element; React's style props go through the CSSOM, which CSP does not block), plus the
 * letter stylesheet by hash, because the letter preview is a srcdoc frame that inherits this
 * policy. No framing by other sites, no plugins, no <base> tricks.
 */
function workbenchDirectives(secure: boolean): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", styleHashSource(LETTER_STYLE)],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    // On plain-HTTP localhost this would send the browser to https://localhost, which is not there.
    'upgrade-insecure-requests': secure ? [] : null,
  };
}

function serialise(directives: Record<string, string[] | null>): string {
  return Object.entries(directives)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => (v!.length ? `${k} ${v!.join(' ')}` : k))
    .join('; ');
}

interface HeaderSink {
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  removeHeader(name: string): unknown;
}
type HelmetMiddleware = (req: unknown, res: HeaderSink, next: (error?: unknown) => void) => void;

/**
 * The headers helmet sets for these options, in its order, and those it removes. @fastify/helmet
 * builds helmet's middleware (parsing the whole policy again) on every request, a few per cent of
 * a case read; the headers never vary, so the same helmet runs once here and its headers are
 * replayed on each response.
 */
function helmetHeaders(options: Record<string, unknown>): { set: Array<[string, string | number | readonly string[]]>; removed: string[] } {
  // The helmet that @fastify/helmet itself uses (its dependency, not ours).
  const require = createRequire(import.meta.url);
  const helmet = createRequire(require.resolve('@fastify/helmet'))('helmet') as (o: Record<string, unknown>) => HelmetMiddleware;
  const set: Array<[string, string | number | readonly string[]]> = [];
  const removed: string[] = [];
  helmet(options)({}, { setHeader: (name, value) => set.push([name, value]), removeHeader: (name) => removed.push(name) }, (error) => {
    if (error) throw error;
  });
  return { set, removed };
}

/**
 * Security headers on every response (helmet): the CSP above, nosniff, X-Frame-Options DENY,
 * Referrer-Policy no-referrer, HSTS when `secure`; `Cache-Control: no-store` on every /api/
 * response (case JSON, documents, letters, audit: patient data must not stay in browser or proxy
 * caches); the rate-limit plugin (used per route, e.g. login) registered.
 */
export async function registerSecurity(app: FastifyInstance, opts: SecurityOptions): Promise<void> {
  const directives = workbenchDirectives(opts.secure);
  const headers = helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: Object.fromEntries(Object.entries(directives).filter(([, v]) => v !== null)) as Record<string, string[]> },
    strictTransportSecurity: opts.secure ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  // On the raw response, in onRequest, as @fastify/helmet does: the same headers in the same place.
  app.addHook('onRequest', (_request, reply, done) => {
    for (const name of headers.removed) reply.raw.removeHeader(name);
    for (const [name, value] of headers.set) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(fastifyRateLimit, { global: false });

  // Swagger UI (its own bundle) sets inline styles in markup; it holds no patient data.
  const docsPolicy = serialise({ ...directives, 'style-src': ["'self'", "'unsafe-inline'"] });
  app.addHook('onSend', (request, reply, payload, done) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/api/') || path === '/api') {
      reply.header('cache-control', 'no-store');
      // A letter's HTML opened on its own: allow exactly its own <style> elements, nothing else.
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html') && typeof payload === 'string') {
        reply.header('content-security-policy', serialise({ 'default-src': ["'none'"], 'style-src': inlineStyleSources(payload), 'img-src': ['data:'], 'base-uri': ["'none'"], 'form-action': ["'none'"], 'frame-ancestors': ["'none'"] }));
      }
    } else if (path === '/docs' || path.startsWith('/docs/')) {
      reply.header('content-security-policy', docsPolicy);
    }
    done(null, payload);
  });
}
