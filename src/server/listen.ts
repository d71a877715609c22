import type { FastifyInstance } from 'fastify';
import { ImrError } from '../errors/imr-error.js';
import type { Database } from '../db/database.js';
import { openServiceDatabase } from '../service/use-cases/open-services.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadDemoData, type DemoResult } from '../demo/demo-data.js';
import { startDemoCorpusImport, type DemoCorpusResult } from '../demo/demo-corpus.js';
import { handOverDemoLogins } from '../demo/demo-logins.js';
import { authSettingsFromEnv } from './auth/auth-settings.js';
import { checkOrganizationName, createServices } from '../service/use-cases/services.js';
import { checkLetterhead } from '../service/use-cases/letterhead.js';
import { buildApp } from './app.js';
import { resumeScannedDocuments } from '../service/use-cases/document-ocr.use-case.js';
import { scheduleRedraft } from '../service/use-cases/redraft.use-case.js';

export interface ServeOptions {
  /** Default env PORT or 3000. */
  port?: number;
  /** Default env HOST or 127.0.0.1 (this machine only); 0.0.0.0 listens on every interface. */
  host?: string;
  /** SQLite folder (default env IMR_DATA_DIR or ./data); ignored with a PostgreSQL URL. */
  dataDir?: string;
  /** postgres://… (default env DATABASE_URL). */
  databaseUrl?: string;
  /** Load demo data on first start (default true). */
  demo?: boolean;
  /**
   * Import the public letters into the precedent corpus in the background after listening, once per
   * database (default: as `demo`, and off with env IMR_DEMO_CORPUS=0); an array names the folders to import
   * (default ../shared/seeds and ../shared/letters/dwc-2016-2017).
   */
  demoCorpus?: boolean | string[];
  /**
   * The Independent Medical Review Organization whose name the issued letters carry (default env
   * IMR_ORGANIZATION_NAME, else "MAXIMUS Federal Services", the published letters').
   */
  organizationName?: string;
  /** Request logging (pino, redacted); default true. */
  logger?: boolean;
  /** Where start-up messages go (stdout: often a log). */
  print?: (line: string) => void;
  /**
   * Where demo passwords go: a terminal, never the log. Default: stderr when it is a terminal;
   * null (or no terminal) writes them to demo-logins.txt (mode 0600) in the data folder instead.
   */
  secrets?: ((line: string) => void) | null;
  /**
   * Marks the session cookie Secure and sends HSTS. Default env IMR_SECURE_COOKIES (1/0), else on
   * unless the host is loopback (127.0.0.1, localhost, ::1), where browsers speak plain HTTP.
   */
  secureCookies?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  demo: DemoResult;
  /** The background demo corpus import: settles when it is finished, skipped or stopped. */
  demoCorpus: Promise<DemoCorpusResult>;
  close(): Promise<void>;
}

/**
 * Migrates at start-up. On PostgreSQL the migrator holds an advisory lock; on SQLite two processes
 * starting at once can both try the same migration (the loser's fails because the winner already
 * applied it), so a failed attempt is retried: by then the winner has finished and nothing is left.
 */
export async function migrateAtStartup(database: Database, attempts = 5): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateToLatest(database.db, { schema: database.schema });
    } catch (e) {
      if (attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

/** The PORT environment variable as a port number (3000 when unset); a usage error when it is not one. */
export function portFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ImrError('IMR_ERR_USAGE', `PORT=${value.slice(0, 20)} is not a port number; set PORT (or --port) to 0–65535.`);
  return port;
}

/** IMR_ORGANIZATION_NAME as the letters' organisation name (undefined when unset or blank); a usage error when it cannot be one. */
export function organizationNameFromEnv(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return checkOrganizationName(value);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Whether `host` is this machine only (no other computer can connect). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Secure cookies: IMR_SECURE_COOKIES=1/0 when set, else on for any host but loopback. */
export function secureCookiesFor(host: string, env: string | undefined): boolean {
  const v = env?.trim().toLowerCase();
  if (v === undefined || v === '') return !isLoopbackHost(host);
  if (v === '1' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'false' || v === 'no') return false;
  throw new ImrError('IMR_ERR_USAGE', `IMR_SECURE_COOKIES=${env!.slice(0, 20)} is not 1 or 0.`);
}

/**
 * IMR_TRUST_PROXY as Fastify's trustProxy: unset → none (the client address is the TCP peer);
 * else the proxies' addresses or CIDRs, comma-separated, whose X-Forwarded-For is believed
 * ("true" believes any sender: only when nothing but the proxy can reach the server).
 */
function trustProxyFromEnv(value: string | undefined): boolean | string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  return v === 'true' ? true : v;
}

/** Why the server could not listen, in the catalogue's terms. */
function listenError(e: unknown, port: number, host: string): unknown {
  const code = (e as { code?: unknown })?.code;
  if (code === 'EADDRINUSE') return new ImrError('IMR_ERR_USAGE', `Port ${port} is already in use on ${host}; stop the other server or choose another port with PORT or --port.`, { cause: e });
  if (code === 'EACCES') return new ImrError('IMR_ERR_USAGE', `Port ${port} needs privileges this process lacks; choose a port above 1023 with PORT or --port.`, { cause: e });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new ImrError('IMR_ERR_USAGE', `Cannot listen on host "${host}"; set HOST or --host to an address of this machine (0.0.0.0 for all).`, { cause: e });
  return e;
}

/** Opens the database, migrates it, loads demo data on first start, and listens. */
export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  const print = opts.print ?? ((l: string) => console.log(l));
  // Checked before anything is opened or written.
  const port = opts.port ?? portFromEnv(process.env.PORT);
  const host = opts.host ?? (process.env.HOST || '127.0.0.1');
  const secureCookies = opts.secureCookies ?? secureCookiesFor(host, process.env.IMR_SECURE_COOKIES);
  const auth = authSettingsFromEnv(process.env);
  const trustProxy = trustProxyFromEnv(process.env.IMR_TRUST_PROXY);
  const organizationName = opts.organizationName !== undefined ? checkOrganizationName(opts.organizationName) : organizationNameFromEnv(process.env.IMR_ORGANIZATION_NAME);
  const letterhead = checkLetterhead(process.env.IMR_ORGANIZATION_ADDRESS, process.env.IMR_ORGANIZATION_PHONE);
  const database = await openServiceDatabase({ url: opts.databaseUrl, dataDir: opts.dataDir });
  try {
    const applied = await migrateAtStartup(database);
    if (applied.length) print(`Database ${database.dialect} at ${database.location}: applied ${applied.length} migration(s).`);
    // Audit rows committed on a connection of their own on SQLite (audit-writer.ts). Not with every
    // query prepared afresh (IMR_SQLITE_STATEMENT_CACHE=0, a comparison for the bench): the statement
    // cache is what begins the server's transactions IMMEDIATE, which a second writer needs.
    const cacheSetting = process.env.IMR_SQLITE_STATEMENT_CACHE?.trim();
    const auditConnection = !cacheSetting || Number(cacheSetting) !== 0;
    const services = createServices(database, { organizationName, letterhead: { address: letterhead.lines, phone: letterhead.phone ?? undefined }, auditConnection });
    const demo = opts.demo === false ? { loaded: false, logins: [], cases: 0 } : await loadDemoData(services, { password: process.env.IMR_DEMO_PASSWORD || undefined });
    const app = await buildApp({ database, services, logger: opts.logger ?? true, secureCookies, auth, trustProxy });
    let address: string;
    try {
      address = await app.listen({ port, host });
    } catch (e) {
      await app.close();
      throw listenError(e, port, host);
    }
    const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    if (demo.loaded) {
      print(`\nDemo data loaded (${demo.cases} cases from the ${demo.from === 'seeds' ? 'seed letters' : 'synthetic fixture'}).`);
      const secrets = opts.secrets !== undefined ? opts.secrets : process.stderr.isTTY ? (l: string) => void process.stderr.write(l + '\n') : null;
      const dir = opts.dataDir ?? process.env.IMR_DATA_DIR ?? 'data';
      for (const line of handOverDemoLogins(demo.logins, { secrets, dir, fromEnv: Boolean(process.env.IMR_DEMO_PASSWORD) }).notice) print(line);
    }
    print(`\nIMR review service listening on ${url}  (workbench: ${url}/, API docs: ${url}/docs, health: ${url}/health)`);
    print(`Log in: open ${url}/ or POST ${url}/api/auth/login with {"username","password"}.`);
    if (!isLoopbackHost(host)) print(`Listening beyond this machine (${host}): session cookies are ${secureCookies ? 'Secure, so serve it over HTTPS (a TLS proxy in front; see the README)' : 'not Secure (IMR_SECURE_COOKIES=0): use this only on a trusted network'}.`);
    print(`Letters are issued in the name of ${services.organizationName} (set IMR_ORGANIZATION_NAME to change it).`);
    if (letterhead.lines.length === 0) print('The mailed letters\' letterhead has no address (set IMR_ORGANIZATION_ADDRESS, lines separated by ";", and IMR_ORGANIZATION_PHONE).');
    // Scans whose OCR the last stop cut short are read again in the background, each case then redrafted.
    const rescans = await resumeScannedDocuments(services, (caseId) => void scheduleRedraft(services, null, caseId, 'document_ocr_resumed'));
    if (rescans) print(`Reading ${rescans} scanned document(s) by OCR again (cut short when the service last stopped).`);
    // Not awaited: the server is already serving while the corpus fills.
    const corpus = startDemoCorpusImport(database, {
      // --no-demo also means no demo corpus, unless asked for explicitly.
      enabled: opts.demoCorpus === false || (opts.demoCorpus === undefined && opts.demo === false) ? false : opts.demoCorpus === undefined ? undefined : true,
      dirs: Array.isArray(opts.demoCorpus) ? opts.demoCorpus : undefined,
      print,
    });
    return { app, database, url, demo, demoCorpus: corpus.done, close: async () => { await app.close(); await corpus.stop(); await database.close(); } };
  } catch (e) {
    await database.close();
    throw e;
  }
}
