/**
 * The review service's API under load, on SQLite over loopback (autocannon, bounded in time):
 * requests/s and p50/p99 latency for reading a case and for drafting an item's decision (the
 * engine), each against the baseline of GET /health measured in the same run. The server runs in
 * its own process (`imr serve` with demo data) so the load generator does not share its event loop.
 * Target: p99 < 50 ms at 200 requests/s for case reads. A phrase search of the corpus (the demo
 * corpus the first server imports from ../shared, when present) at full speed: target 500/s.
 *
 * Two ways of offering 200 requests/s are measured. autocannon's rate limit lets each connection
 * send its whole per-second budget back to back at the start of every second (lib/httpClient.js
 * resets `reqsMadeThisSecond` in a 1 s interval), so "200 req/s" there is a burst of 200 requests
 * once a second and its p99 measures how long the burst takes to drain. The paced run sends one
 * request every 5 ms (open loop; latency counted from the scheduled send time, so queueing behind
 * a slow response counts), which is what a steady 200 requests/s is.
 *
 * Case reads at full speed are then compared, in interleaved rounds (IMR_BENCH_API_ROUNDS, default 3,
 * median reported), across three servers each in its own process: the service as shipped (SQLite
 * statements prepared once and kept; a case's rows kept while the audit writer's change token says
 * nothing but audit rows was committed: case-view-cache.ts), the service preparing every query
 * afresh as Kysely does alone (IMR_SQLITE_STATEMENT_CACHE=0, which also commits the audit rows on
 * the server's own connection, FULL sync inside each group commit, as before the audit writer:
 * listen.ts; without the writer there is no change token, so every read queries every row), and
 * the peer: bare Fastify serving the same case JSON (bare-json-server.ts). With
 * IMR_BENCH_API_COMPARE=DIR, the server of the checkout in DIR (e.g. the code before a change) is
 * measured in the same rounds. Target: at least 3,000 case reads/s.
 */
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { repoRoot } from './support.js';

const SECONDS = Number(process.env.IMR_BENCH_API_SECONDS ?? 10);
const PASSWORD = 'bench-password-1';

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

function run(opts: Record<string, unknown>): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err: Error | null, res: Result) => (err ? reject(err) : resolve(res)));
  });
}

const ROUNDS = Number(process.env.IMR_BENCH_API_ROUNDS ?? 3);
const CASE_READS_TARGET = 3000;

/** `imr serve` of the checkout at `root` (default this one) in its own process, SQLite in `dataDir`. */
async function startServer(dataDir: string, env: Record<string, string> = {}, root = repoRoot): Promise<{ child: ChildProcess; url: string }> {
  return started(spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', IMR_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', IMR_DEMO_CORPUS: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  }));
}

/** The peer: bare Fastify answering with the JSON in `jsonFile`. */
function startBare(jsonFile: string): Promise<{ child: ChildProcess; url: string }> {
  return started(spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench/bare-json-server.ts'), jsonFile], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] }));
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** Waits for the "listening on URL" line of a server process. */
async function started(child: ChildProcess): Promise<{ child: ChildProcess; url: string }> {
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)); });
  });
  return { child, url };
}

/** Sends GETs at a fixed interval regardless of responses (open loop) and returns latency percentiles. */
async function paced(url: string, cookie: string, ratePerSecond: number, seconds: number): Promise<{ sent: number; failed: number; p50: number; p99: number; max: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const total = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.get(url, { agent, headers: { cookie } }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) failed++;
            latencies.push(performance.now() - scheduled);
            resolve();
          });
        });
        req.on('error', () => { failed++; resolve(); });
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))] ?? NaN;
  return { sent: total, failed, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] ?? NaN };
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** CPU seconds the server process has used so far (Linux /proc; null elsewhere). */
function serverCpu(pid: number | undefined): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

/**
 * Waits (at most three minutes) until the server is idle: on first start it loads demo data, drafts
 * its items and imports the demo corpus in the background, which would count against whatever is
 * measured next.
 */
async function settled(pid: number | undefined): Promise<void> {
  for (let i = 0; i < 180; i++) {
    const c0 = serverCpu(pid);
    await new Promise((r) => setTimeout(r, 1000));
    const c1 = serverCpu(pid);
    if (c0 === null || c1 === null || c1 - c0 < 0.05) return;
  }
}

async function measured(pid: number | undefined, opts: Record<string, unknown>): Promise<Result & { cpuMsPerRequest: number | null }> {
  const c0 = serverCpu(pid);
  const r = await run(opts);
  const c1 = serverCpu(pid);
  const total = (r as unknown as { requests: { total: number } }).requests.total;
  return { ...r, cpuMsPerRequest: c0 === null || c1 === null || !total ? null : ((c1 - c0) * 1000) / total };
}

function line(label: string, r: Result & { cpuMsPerRequest?: number | null }, base?: Result): void {
  const ratio = base ? `; p99 ${(r.latency.p99 / Math.max(base.latency.p99, 0.01)).toFixed(1)}x, req/s ${(r.requests.average / Math.max(base.requests.average, 0.01)).toFixed(2)}x the /health baseline` : '';
  const bad = r.non2xx + r.errors + r.timeouts;
  const cpu = r.cpuMsPerRequest == null ? '' : `  server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/req`;
  console.log(`  ${label.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms${cpu}${bad ? `  (${bad} failed)` : ''}${ratio}`);
}

/** A reviewer's case read (and draft request) on a server with demo data, and the case JSON it answers. */
async function caseRead(url: string): Promise<{ read: { url: string; headers: Record<string, string> }; draft: Record<string, unknown>; body: string }> {
  const admin = await login(url, 'admin');
  const cases = (await (await fetch(`${url}/api/cases?status=assigned`, { headers: { cookie: admin } })).json()) as { cases: Array<{ id: string; reviewerId: string }> };
  const target = cases.cases[0];
  if (!target) throw new Error('the demo data has no assigned case');
  const reviewer = await login(url, target.reviewerId);
  const res = await fetch(`${url}/api/cases/${target.id}`, { headers: { cookie: reviewer } });
  if (!res.ok) throw new Error(`case read: ${res.status}`);
  const body = await res.text();
  const kase = JSON.parse(body) as { items: Array<{ id: string }> };
  return {
    read: { url: `${url}/api/cases/${target.id}`, headers: { cookie: reviewer } },
    draft: { url: `${url}/api/cases/${target.id}/items/${kase.items[0].id}/draft`, method: 'POST', headers: { cookie: reviewer } },
    body,
  };
}

const SEARCH_TARGET = 500;
const SEARCH_QUERY = '"functional improvement"';

/**
 * A phrase search of the corpus (first page of 20 hits with snippets) at full speed, against the
 * /health baseline; skipped, saying so, when the demo corpus is absent (no ../shared letters).
 */
async function corpusSearch(pid: number | undefined, url: string, cookie: string, health: Result): Promise<void> {
  const searchUrl = `${url}/api/corpus/search?q=${encodeURIComponent(SEARCH_QUERY)}`;
  const first = (await (await fetch(searchUrl, { headers: { cookie } })).json()) as { total?: number; hits?: unknown[] };
  if (!first.total) {
    console.log(`  corpus search: skipped, the demo corpus is empty (no ../shared letters to import)`);
    return;
  }
  const r = await measured(pid, { url: searchUrl, headers: { cookie }, connections: 10, duration: SECONDS });
  line(`GET /api/corpus/search, 10 conn., max`, r, health);
  console.log(`  (query ${SEARCH_QUERY}: ${first.total} hits, ${first.hits?.length ?? 0} on the page, with snippets)`);
  console.log(`  target >= ${SEARCH_TARGET} corpus searches/s: ${r.requests.average >= SEARCH_TARGET ? 'met' : 'NOT met'} (${r.requests.average.toFixed(0)}/s, load average ${loadavg()[0].toFixed(1)}; /health ${health.requests.average.toFixed(0)}/s in the same run)`);
}

/**
 * The corpus search of corpusSearch() at full speed on each server in turn (this checkout's and the
 * one in IMR_BENCH_API_COMPARE, each with its own demo corpus), ROUNDS interleaved rounds, medians.
 */
async function compareSearches(servers: Array<{ label: string; pid: number | undefined; url: string; cookie: string }>, seconds: number): Promise<void> {
  const opts = servers.map((s) => ({ url: `${s.url}/api/corpus/search?q=${encodeURIComponent(SEARCH_QUERY)}`, headers: { cookie: s.cookie } }));
  const totals = await Promise.all(opts.map(async (o) => ((await (await fetch(o.url, { headers: o.headers })).json()) as { total?: number }).total ?? 0));
  if (totals.some((t) => t === 0)) {
    console.log(`  corpus search comparison skipped: a demo corpus is empty (hits: ${totals.join(', ')})`);
    return;
  }
  for (const o of opts) await run({ ...o, connections: 10, duration: 2 });
  const runs = servers.map(() => [] as Array<{ rate: number; cpu: number | null }>);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < servers.length; k++) {
      const i = (k + round) % servers.length;
      const r = await measured(servers[i].pid, { ...opts[i], connections: 10, duration: seconds });
      if (r.non2xx + r.errors + r.timeouts > 0) throw new Error(`${servers[i].label}: ${r.non2xx + r.errors + r.timeouts} requests failed`);
      runs[i].push({ rate: r.requests.average, cpu: r.cpuMsPerRequest });
    }
  }
  console.log(`  corpus searches (${SEARCH_QUERY}, hits ${totals.join(' / ')}) at full speed, 10 connections, ${ROUNDS} interleaved rounds of ${seconds} s, medians; load average ${loadavg()[0].toFixed(1)}:`);
  const figures = runs.map((rs) => ({ rate: median(rs.map((r) => r.rate)), cpu: rs.every((r) => r.cpu !== null) ? median(rs.map((r) => r.cpu!)) : null }));
  servers.forEach((s, i) => {
    const f = figures[i];
    console.log(`    ${s.label.padEnd(46)} ${f.rate.toFixed(0).padStart(6)} req/s${f.cpu === null ? '' : `  server CPU ${f.cpu.toFixed(2)} ms/req`}  [${runs[i].map((r) => r.rate.toFixed(0)).join(', ')}]`);
  });
  const cpuRatio = figures[0].cpu !== null && figures[1].cpu ? (figures[0].cpu / figures[1].cpu).toFixed(2) : '?';
  console.log(`    this checkout: ${(figures[0].rate / Math.max(figures[1].rate, 0.01)).toFixed(2)}x the searches/s, ${cpuRatio}x the server CPU per search of ${servers[1].label.replace('corpus search, ', '')}`);
}

/**
 * How long the disk takes to sync an append (p50/p90 of 40 write + fdatasync pairs in `dir`): every
 * case read waits for the sync of the log holding its audit row, so with 10 connections the reads/s
 * cannot exceed about 10 / (1.5 × this), whatever the CPU (rows committed during a sync wait for the next).
 */
function diskSync(dir: string): { p50: number; p90: number } {
  const file = path.join(dir, 'sync-probe');
  const fd = openSync(file, 'a');
  const times: number[] = [];
  try {
    for (let i = 0; i < 40; i++) {
      writeSync(fd, Buffer.alloc(8192, i));
      const t = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: times[20], p90: times[36] };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Case reads at full speed (10 connections) on each server in turn, ROUNDS times with the order
 * rotated each round, so the machine's other work falls on all of them alike; medians reported.
 */
async function compareCaseReads(servers: Array<{ label: string; pid: number | undefined; opts: Record<string, unknown> }>, seconds: number, syncDir?: string): Promise<void> {
  const runs = servers.map(() => [] as Array<{ rate: number; cpu: number | null; p99: number }>);
  // A short unmeasured run first, so each server's code is compiled (JIT) before it is timed.
  for (const s of servers) await run({ ...s.opts, connections: 10, duration: 2 });
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < servers.length; k++) {
      const i = (k + round) % servers.length;
      const r = await measured(servers[i].pid, { ...servers[i].opts, connections: 10, duration: seconds });
      if (r.non2xx + r.errors + r.timeouts > 0) throw new Error(`${servers[i].label}: ${r.non2xx + r.errors + r.timeouts} requests failed`);
      runs[i].push({ rate: r.requests.average, cpu: r.cpuMsPerRequest, p99: r.latency.p99 });
    }
  }
  const figures = runs.map((rs) => ({ rate: median(rs.map((r) => r.rate)), p99: median(rs.map((r) => r.p99)), cpu: rs.every((r) => r.cpu !== null) ? median(rs.map((r) => r.cpu!)) : null }));
  const peer = figures[figures.length - 1];
  console.log(`  case reads at full speed, 10 connections, ${ROUNDS} interleaved rounds of ${seconds} s, medians:`);
  servers.forEach((s, i) => {
    const f = figures[i];
    const cpu = f.cpu === null ? '' : `  server CPU ${f.cpu.toFixed(2)} ms/req`;
    const ratio = i === figures.length - 1 ? '  (peer)' : `  peer/this ${(peer.rate / Math.max(f.rate, 0.01)).toFixed(1)}x`;
    console.log(`    ${s.label.padEnd(46)} ${f.rate.toFixed(0).padStart(6)} req/s  p99 ${String(f.p99).padStart(4)} ms${cpu}${ratio}  [${runs[i].map((r) => r.rate.toFixed(0)).join(', ')}]`);
  });
  console.log(`    statement cache, audit writer and kept case rows: ${(figures[0].rate / Math.max(figures[1].rate, 0.01)).toFixed(2)}x the reads/s of preparing every query, reading every row and committing audit rows in-line`);
  if (servers.length > 3) console.log(`    this checkout: ${(figures[0].rate / Math.max(figures[2].rate, 0.01)).toFixed(2)}x the reads/s, ${figures[0].cpu !== null && figures[2].cpu ? (figures[0].cpu / figures[2].cpu).toFixed(2) : '?'}x the server CPU per read of ${servers[2].label}`);
  console.log(`  target >= ${CASE_READS_TARGET.toLocaleString('en-US')} case reads/s: ${figures[0].rate >= CASE_READS_TARGET ? 'met' : 'NOT met'} (${figures[0].rate.toFixed(0)}/s on a machine with load average ${loadavg()[0].toFixed(1)})`);
  if (syncDir) {
    const sync = diskSync(syncDir);
    console.log(`  disk sync of an append, now: p50 ${sync.p50.toFixed(2)} ms, p90 ${sync.p90.toFixed(2)} ms (each read waits for its audit row's sync: with 10 connections at most about ${(10 / (1.5 * sync.p50 / 1000)).toFixed(0)} reads/s at this p50)`);
  }
}

export default async function (): Promise<void> {
  const dataDirs = [0, 1, 2].map(() => mkdtempSync(path.join(tmpdir(), 'imr-bench-api-')));
  const jsonFile = path.join(dataDirs[0], 'case.json');
  const children: ChildProcess[] = [];
  try {
    // The demo corpus (../shared letters, when present) for the corpus search scenario; imported in the background, awaited by settled().
    const { child, url } = await startServer(dataDirs[0], { IMR_DEMO_CORPUS: '1' });
    children.push(child);
    const { read, draft, body } = await caseRead(url);
    const reviewer = read.headers.cookie;
    await settled(child.pid);

    console.log(`  SQLite, loopback, ${SECONDS} s per scenario; the server in its own process; load average ${loadavg()[0].toFixed(1)}`);
    const pid = child.pid;
    const health = await measured(pid, { url: `${url}/health`, connections: 10, overallRate: 200, duration: SECONDS });
    line('GET /health at 200 req/s (baseline)', health);
    const caseAt200 = await measured(pid, { ...read, connections: 10, overallRate: 200, duration: SECONDS });
    line('GET /api/cases/{id} at 200 req/s', caseAt200, health);
    console.log('  (autocannon rate limit = a burst of 200 requests at the start of each second; see the paced run below)');
    const fmt = (r: { sent: number; failed: number; p50: number; p99: number; max: number }) =>
      `${r.sent} requests  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  max ${r.max.toFixed(1)} ms${r.failed ? `  (${r.failed} failed)` : ''}`;
    const healthPaced = await paced(`${url}/health`, '', 200, SECONDS);
    console.log(`  GET /health paced, 1 every 5 ms       ${fmt(healthPaced)}  (baseline)`);
    const c0 = serverCpu(pid);
    const casePaced = await paced(read.url, reviewer, 200, SECONDS);
    const c1 = serverCpu(pid);
    const cpu = c0 === null || c1 === null ? '' : `  server CPU ${(((c1 - c0) * 1000) / casePaced.sent).toFixed(2)} ms/req`;
    console.log(`  GET /api/cases/{id} paced, 1 every 5 ms ${fmt(casePaced)}${cpu}; p99 ${(casePaced.p99 / Math.max(healthPaced.p99, 0.01)).toFixed(1)}x the /health baseline`);
    const met = casePaced.p99 < 50 && casePaced.failed === 0;
    console.log(`  target p99 < 50 ms at 200 req/s for case reads (steady arrivals): ${met ? 'met' : 'NOT met'} (p99 ${casePaced.p99.toFixed(1)} ms; in bursts of 200: p99 ${caseAt200.latency.p99} ms)`);
    const healthMax = await measured(pid, { url: `${url}/health`, connections: 10, duration: Math.max(3, SECONDS / 2) });
    line('GET /health, 10 connections, max', healthMax);
    const caseMax = await measured(pid, { ...read, connections: 10, duration: Math.max(3, SECONDS / 2) });
    line('GET /api/cases/{id}, 10 conn., max', caseMax, healthMax);
    const draftMax = await measured(pid, { ...draft, connections: 4, duration: SECONDS });
    line('POST …/items/{id}/draft, 4 conn., max', draftMax, healthMax);
    await corpusSearch(pid, url, reviewer, healthMax);

    const uncached = await startServer(dataDirs[1], { IMR_SQLITE_STATEMENT_CACHE: '0' });
    children.push(uncached.child);
    const uncachedRead = (await caseRead(uncached.url)).read;
    // IMR_BENCH_API_COMPARE=/path/to/another/checkout: that checkout's server too (its own demo data), e.g. the code before a change.
    const otherRoot = process.env.IMR_BENCH_API_COMPARE?.trim();
    const other = otherRoot ? await startServer(dataDirs[2], { IMR_DEMO_CORPUS: '1' }, path.resolve(otherRoot)) : null;
    if (other) children.push(other.child);
    const otherRead = other ? (await caseRead(other.url)).read : null;
    writeFileSync(jsonFile, body);
    const bare = await startBare(jsonFile);
    children.push(bare.child);
    await settled(uncached.child.pid);
    if (other) await settled(other.child.pid);
    if (other && otherRead) {
      const otherCookie = otherRead.headers.cookie;
      await compareSearches([
        { label: 'corpus search, this checkout', pid, url, cookie: reviewer },
        { label: `corpus search, ${path.basename(path.resolve(otherRoot!))}`, pid: other.child.pid, url: other.url, cookie: otherCookie },
      ], Math.max(3, SECONDS / 2));
    }
    await compareCaseReads(
      [
        { label: 'service (statements prepared once, kept)', pid, opts: read },
        { label: 'service, queries prepared afresh, audit in-line', pid: uncached.child.pid, opts: uncachedRead },
        ...(other && otherRead ? [{ label: `service of ${path.basename(path.resolve(otherRoot!))}`, pid: other.child.pid, opts: otherRead }] : []),
        { label: 'bare Fastify, the same case JSON', pid: bare.child.pid, opts: { ...read, url: read.url.replace(url, bare.url) } },
      ],
      Math.max(3, SECONDS / 2),
      dataDirs[0],
    );
  } finally {
    for (const c of children) await stopServer(c);
    for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
  }
}
