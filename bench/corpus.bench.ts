/**
 * The precedent corpus at scale (issues 6 and 13): generates a synthetic corpus of N letters by
 * recombining the sections of the published letters (header and reviewer of one, clinical summary of
 * another, decided items of a third), writes it as text files to a temporary folder (deleted
 * afterwards, never committed), imports it through the real import (reader, normaliser, batches) and
 * measures import letters/s (wall), the database's size and search latency (p50/p95) over a fixed
 * query set, on SQLite and, when DATABASE_URL is set, on PostgreSQL. Peer, in the same run: the same
 * texts in a plain FTS5 table (SQLite) and a plain tsvector + GIN table (PostgreSQL), see
 * corpus-baseline.ts; each figure is printed with its ratio to the peer. On PostgreSQL a tsvector + RUM
 * table too, when the server has the rum extension (measureRumPeer).
 *
 *   npm run bench -- corpus --letters 1000000 [--jobs 2] [--db sqlite|postgres|both] [--pg-letters N] [--keep]
 *
 * --pg-letters imports only the first N letters into PostgreSQL (its import is slower; default: all).
 * --db-file PATH times search and precedents only, on an existing SQLite corpus (e.g. one kept by --keep).
 * Env (older spelling, still read): CORPUS_BENCH_LETTERS, CORPUS_BENCH_JOBS, CORPUS_BENCH_KEEP=1.
 * Targets (issue 13, at 1,000,000 letters): SQLite import >= 2,500 letters/s, size <= 1.3x plain FTS5,
 * search p95 <= 20 ms and <= 1.5x plain FTS5 per query, precedents p95 <= 60 ms; PostgreSQL import
 * >= 1,000 letters/s, search p95 <= 50 ms.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { categoriseRequest, CorpusStore, createSearchIndex, findPrecedents, importSources, type SearchIndex, type SearchRequest } from '../src/corpus/index.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { letterFiles, postgresBaseline, rumSchema, sqliteBaseline, type Baseline } from './corpus-baseline.js';
import { generateSyntheticCorpus } from './corpus-synthetic.js';
import { pdfDir } from './support.js';

function arg(name: string): string | undefined {
  const argv = process.argv;
  const k = argv.indexOf(`--${name}`);
  return k >= 0 ? argv[k + 1] : undefined;
}
const LETTERS = Number(arg('letters') ?? process.env.CORPUS_BENCH_LETTERS ?? 200_000);
const PG_LETTERS = Math.min(LETTERS, Number(arg('pg-letters') ?? LETTERS));
const JOBS = Number(arg('jobs') ?? process.env.CORPUS_BENCH_JOBS ?? 1);
const DBS = arg('db') ?? 'both';
const KEEP = process.argv.includes('--keep') || process.env.CORPUS_BENCH_KEEP === '1';
const REPEATS = 5;

/** Disputed requests for the precedent measurement. */
const PRECEDENT_REQUESTS = [
  'Norco 10/325 mg #90',
  '12 chiropractic manipulation treatments for the lumbar spine',
  'MRI of the lumbar spine without contrast',
  'Lidoderm 5% patch #30',
  'Physical therapy 2 times a week for 6 weeks for the right shoulder',
];

/** The fixed query set: what attorneys and reviewers type, from rare to very common. */
const QUERIES: SearchRequest[] = [
  { query: '"functional improvement"' },
  { query: 'chiropractic' },
  { query: '"epidural steroid injection"' },
  { query: 'Norco' },
  { query: '"urine drug screen"' },
  { query: 'acupuncture' },
  { query: '"functional restoration program"' },
  { query: 'Lidoderm' },
  { query: '"home exercise program"' },
  { query: 'tramadol' },
  { query: '"rotator cuff"' },
  { query: 'chiropractic lumbar' },
  { query: 'chiropractic', filters: { decision: 'Upheld', year: 2016 } },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

/** Times `fn` REPEATS times after one warm-up; sorted milliseconds. */
async function timesOf(fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

async function dbSize(database: Database): Promise<number> {
  if (database.dialect === 'sqlite') {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
    return statSync(database.location).size;
  }
  const r = await sql<{ n: string }>`SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c
    JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'm') AND c.relname LIKE 'corpus_%'`.execute(database.db);
  return Number(r.rows[0].n);
}

async function measure(label: string, database: Database, files: string[], peer: Baseline): Promise<void> {
  const store = new CorpusStore(database);
  // The peer first, then the project (the page cache holds the files for both).
  let t0 = performance.now();
  await peer.importAll(files);
  const peerSecs = (performance.now() - t0) / 1000;
  const peerRate = files.length / peerSecs;
  t0 = performance.now();
  const c0 = process.cpuUsage();
  const summary = await importSources(files.map((f) => ({ name: f, path: f })), { store, categorise: categoriseRequest, jobs: JOBS });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const rate = summary.imported / secs;
  console.log(`  ${label}: imported ${summary.imported} letters (${summary.items} items) in ${secs.toFixed(1)} s = ${rate.toFixed(0)} letters/s wall` +
    ` (${(summary.imported / ((cpu.user + cpu.system) / 1e6)).toFixed(0)} per CPU-s of this process); ${summary.failed.length} failed${summary.failed[0] ? ` (first: ${summary.failed[0].reason})` : ''}`);
  console.log(`  ${peer.label}: ${files.length} letters in ${peerSecs.toFixed(1)} s = ${peerRate.toFixed(0)} letters/s; project/peer ${ratio(rate, peerRate)} (load average ${loadavg()[0].toFixed(1)})`);
  const size = await dbSize(database);
  const peerSize = await peer.sizeBytes();
  console.log(`  size: ${label} ${mb(size)}, ${peer.label} ${mb(peerSize)}: ${ratio(size, peerSize)}`);

  const index = createSearchIndex(database);
  const all: number[] = [];
  const peerAll: number[] = [];
  for (const q of QUERIES) {
    let total = 0;
    let peerTotal = 0;
    // Interleaved: the project's runs and the peer's, one query at a time.
    const times = await timesOf(async () => (total = (await index.search({ ...q, limit: 20 })).total));
    const peerTimes = await timesOf(async () => (peerTotal = await peer.search(q.query)));
    all.push(...times);
    peerAll.push(...peerTimes);
    const p50 = percentile(times, 50);
    const pp50 = percentile(peerTimes, 50);
    console.log(`    ${JSON.stringify(q.query).padEnd(34)}${q.filters ? ' +filters' : '         '} ${String(total).padStart(6)} hits  p50 ${p50.toFixed(1).padStart(6)} ms` +
      ` | peer ${String(peerTotal).padStart(6)}${q.filters ? '*' : ' '} p50 ${pp50.toFixed(1).padStart(6)} ms  ${ratio(p50, pp50)}`);
  }
  all.sort((a, b) => a - b);
  peerAll.sort((a, b) => a - b);
  const [p50, p95, pp50, pp95] = [percentile(all, 50), percentile(all, 95), percentile(peerAll, 50), percentile(peerAll, 95)];
  console.log(`  search, ${QUERIES.length} queries x ${REPEATS}: ${label} p50 ${p50.toFixed(1)} / p95 ${p95.toFixed(1)} ms; ${peer.label} p50 ${pp50.toFixed(1)} / p95 ${pp95.toFixed(1)} ms;` +
    ` ratio ${ratio(p50, pp50)} / ${ratio(p95, pp95)} (* = filters not applied to the peer)`);
  await timePrecedents(index);
}

/** Precedent latency (p50/p95 wall) and the CPU-milliseconds of this process per search (steadier on a loaded machine). */
async function timePrecedents(index: SearchIndex): Promise<void> {
  const precedentTimes: number[] = [];
  let cpu = 0;
  for (const request of PRECEDENT_REQUESTS) {
    const q = { request, category: categoriseRequest(request), citationFamily: 'MTUS-CPMTG', facts: 'chronic low back pain radiating to the left leg', limit: 10 };
    await findPrecedents(index, q);
    const c0 = process.cpuUsage();
    precedentTimes.push(...(await timesOf(() => findPrecedents(index, q))));
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000 / (REPEATS + 1);
  }
  precedentTimes.sort((a, b) => a - b);
  console.log(`  precedents, ${PRECEDENT_REQUESTS.length} requests x ${REPEATS}: p50 ${percentile(precedentTimes, 50).toFixed(1)} ms, p95 ${percentile(precedentTimes, 95).toFixed(1)} ms` +
    ` (no peer); ${(cpu / PRECEDENT_REQUESTS.length).toFixed(1)} CPU-ms per search, load average ${loadavg()[0].toFixed(1)}`);
}

/**
 * `--db-file PATH`: times search and precedents against an existing SQLite corpus (e.g. one kept by
 * `--keep`), without generating or importing anything, so a change to the query paths can be
 * re-timed on the same database. No peer (the plain FTS5 table is not kept).
 */
async function timeKeptDatabase(file: string): Promise<void> {
  const database = await openDatabase({ url: '', sqliteFile: file });
  try {
    await migrateToLatest(database.db);
    const index = createSearchIndex(database);
    const all: number[] = [];
    const c0 = process.cpuUsage();
    for (const q of QUERIES) all.push(...(await timesOf(() => index.search({ ...q, limit: 20 }))));
    const c = process.cpuUsage(c0);
    all.sort((a, b) => a - b);
    console.log(`  search, ${QUERIES.length} queries x ${REPEATS}: p50 ${percentile(all, 50).toFixed(1)} / p95 ${percentile(all, 95).toFixed(1)} ms;` +
      ` ${((c.user + c.system) / 1000 / (QUERIES.length * (REPEATS + 1))).toFixed(1)} CPU-ms per search, load average ${loadavg()[0].toFixed(1)}`);
    await timePrecedents(index);
  } finally {
    await database.close();
  }
}

/**
 * PostgreSQL only: a RUM peer (the same texts, tsvector + RUM, corpus-baseline.ts) imported and
 * searched in the same run as the project and the GIN peer (`gin`, imported already by measure),
 * each query interleaved over the three: the 20 newest matches as the project reads them, and the
 * 20 best-ranked (GIN: ts_rank_cd over every match; RUM: `<=>` in the index). Skipped with a note
 * when the rum extension is not installed on the server or this user may not create it.
 */
async function measureRumPeer(database: Database, files: string[], gin: Baseline): Promise<void> {
  const schema = await rumSchema(database.db);
  if (!schema) {
    console.log('  RUM peer: skipped (the rum extension is not available: install postgresql-15-rum on the server; CREATE EXTENSION rum needs a superuser)');
    return;
  }
  const rum = await postgresBaseline(database.db, schema);
  try {
    const t0 = performance.now();
    await rum.importAll(files);
    const secs = (performance.now() - t0) / 1000;
    const [ginSize, rumSize] = [await gin.sizeBytes(), await rum.sizeBytes()];
    console.log(`  ${rum.label}: ${files.length} letters in ${secs.toFixed(1)} s = ${(files.length / secs).toFixed(0)} letters/s; size ${mb(rumSize)} (${ratio(rumSize, ginSize)} GIN's) (load average ${loadavg()[0].toFixed(1)})`);
    const index = createSearchIndex(database);
    const all = { project: [] as number[], gin: [] as number[], rum: [] as number[], ginRanked: [] as number[], rumRanked: [] as number[] };
    for (const q of QUERIES) {
      let n = 0;
      let rn = 0;
      const project = await timesOf(() => index.search({ ...q, limit: 20 }));
      const g = await timesOf(() => gin.search(q.query));
      const r = await timesOf(async () => (n = await rum.search(q.query)));
      const gr = await timesOf(() => gin.searchRanked?.(q.query) ?? Promise.resolve(0));
      const rr = await timesOf(async () => (rn = (await rum.searchRanked?.(q.query)) ?? 0));
      all.project.push(...project);
      all.gin.push(...g);
      all.rum.push(...r);
      all.ginRanked.push(...gr);
      all.rumRanked.push(...rr);
      const p = (xs: number[]) => percentile(xs, 50).toFixed(1).padStart(7);
      console.log(`    ${JSON.stringify(q.query).padEnd(34)} ${String(Math.max(n, rn)).padStart(6)} hits  p50 ms: project ${p(project)} | newest GIN ${p(g)} RUM ${p(r)} | ranked GIN ${p(gr)} RUM ${p(rr)}`);
    }
    const p95 = (xs: number[]) => percentile(xs.sort((a, b) => a - b), 95);
    const [pp, pg, pr, pgr, prr] = [p95(all.project), p95(all.gin), p95(all.rum), p95(all.ginRanked), p95(all.rumRanked)];
    console.log(`  search p95, ${QUERIES.length} queries x ${REPEATS}: project ${pp.toFixed(1)} ms; newest 20: GIN ${pg.toFixed(1)}, RUM ${pr.toFixed(1)} ms (RUM/GIN ${ratio(pr, pg)});` +
      ` ranked 20: GIN ${pgr.toFixed(1)}, RUM ${prr.toFixed(1)} ms (RUM/GIN ${ratio(prr, pgr)}); project/RUM newest ${ratio(pp, pr)}`);
  } finally {
    await rum.close();
  }
}

export default async function (): Promise<void> {
  const kept = arg('db-file');
  if (kept) {
    console.log(`  corpus: the existing database ${kept}, ${REPEATS} runs of each query, load average ${loadavg()[0].toFixed(1)}`);
    return timeKeptDatabase(kept);
  }
  if (!existsSync(pdfDir)) {
    console.log(`skipped: ${pdfDir} is absent`);
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'imr-corpus-bench-'));
  const dir = path.join(work, 'letters');
  try {
    console.log(`  corpus: ${LETTERS} synthetic letters (PostgreSQL: ${PG_LETTERS}), ${JOBS} parser(s), ${REPEATS} runs of each query, load average ${loadavg()[0].toFixed(1)}`);
    const t0 = performance.now();
    await generateSyntheticCorpus(pdfDir, dir, LETTERS);
    console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const files = letterFiles(dir);

    if (DBS !== 'postgres') {
      const sqlite = await openDatabase({ url: '', sqliteFile: path.join(work, 'corpus.sqlite') });
      const peer = await sqliteBaseline(path.join(work, 'plain.sqlite'));
      try {
        await migrateToLatest(sqlite.db);
        await measure('SQLite', sqlite, files, peer);
      } finally {
        await peer.close();
        await sqlite.close();
      }
      if (!KEEP) rmSync(path.join(work, 'corpus.sqlite'), { force: true });
      rmSync(path.join(work, 'plain.sqlite'), { force: true });
    }

    const url = process.env.DATABASE_URL;
    if (DBS !== 'sqlite' && url) {
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      const pg = await openDatabase({ url, pgSchema: schema });
      try {
        await migrateToLatest(pg.db, { schema });
        const peer = await postgresBaseline(pg.db);
        try {
          await measure('PostgreSQL', pg, files.slice(0, PG_LETTERS), peer);
          await measureRumPeer(pg, files.slice(0, PG_LETTERS), peer);
        } finally {
          await peer.close();
        }
      } finally {
        if (KEEP) console.log(`  kept PostgreSQL schema ${schema}`);
        else await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(pg.db);
        await pg.close();
      }
    } else if (DBS !== 'sqlite') console.log('  PostgreSQL: skipped (set DATABASE_URL=postgres://… to measure it)');
  } finally {
    if (KEEP) console.log(`  kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}
