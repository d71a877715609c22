/**
 * The review service's API under load, on SQLite over loopback (autocannon, bounded in time):
 * requests/s and p50/p99 latency for reading a case and for drafting an item's decision (the
 * engine), each against the baseline of GET /health measured in the same run. The server runs in
 * its own process (`imr serve` with demo data) so the load generator does not share its event loop.
 * Target: p99 < 50 ms at 200 requests/s for case reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', IMR_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', IMR_DEMO_CORPUS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

export default async function (): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'imr-bench-api-'));
  const { child, url } = await startServer(dataDir);
  try {
    const admin = await login(url, 'admin');
    const cases = (await (await fetch(`${url}/api/cases?status=assigned`, { headers: { cookie: admin } })).json()) as { cases: Array<{ id: string; reviewerId: string }> };
    const target = cases.cases[0];
    if (!target) throw new Error('the demo data has no assigned case');
    const reviewer = await login(url, target.reviewerId);
    const kase = (await (await fetch(`${url}/api/cases/${target.id}`, { headers: { cookie: reviewer } })).json()) as { items: Array<{ id: string }> };
    const read = { url: `${url}/api/cases/${target.id}`, headers: { cookie: reviewer } };
    const draft = { url: `${url}/api/cases/${target.id}/items/${kase.items[0].id}/draft`, method: 'POST', headers: { cookie: reviewer } };

    console.log(`  SQLite, loopback, ${SECONDS} s per scenario; the server in its own process; load average ${loadavg()[0].toFixed(1)}`);
    const pid = child.pid;
    const health = await measured(pid, { url: `${url}/health`, connections: 10, overallRate: 200, duration: SECONDS });
    line('GET /health at 200 req/s (baseline)', health);
    const caseAt200 = await measured(pid, { ...read, connections: 10, overallRate: 200, duration: SECONDS });
    line('GET /api/cases/{id} at 200 req/s', caseAt200, health);
    console.log(`  target p99 < 50 ms at 200 req/s for case reads: ${caseAt200.latency.p99 < 50 && caseAt200.non2xx === 0 ? 'met' : 'NOT met'} (p99 ${caseAt200.latency.p99} ms)`);
    const healthMax = await measured(pid, { url: `${url}/health`, connections: 10, duration: Math.max(3, SECONDS / 2) });
    line('GET /health, 10 connections, max', healthMax);
    const caseMax = await measured(pid, { ...read, connections: 10, duration: Math.max(3, SECONDS / 2) });
    line('GET /api/cases/{id}, 10 conn., max', caseMax, healthMax);
    const draftMax = await measured(pid, { ...draft, connections: 4, duration: SECONDS });
    line('POST …/items/{id}/draft, 4 conn., max', draftMax, healthMax);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
