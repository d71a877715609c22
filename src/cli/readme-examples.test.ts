import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoriseRequest, REPORT_TABLE_IDS, STAT_DIMENSIONS } from '../corpus/index.js';
import type { PrecedentResult } from '../corpus/precedents.js';
import type { SearchHit, SearchPage } from '../corpus/search/port.js';
import { testDialects } from '../db/test-support/dialects.js';
import { repoRoot } from '../shared/test-support/shared-data.js';
import { readmeCommands, shellBlock, type ReadmeCommand } from './test-support/readme-examples.js';
import { runCli } from './test-support/run-cli.js';

/*
 * Issue 13: "every README example returns what it says". The examples are read from README.md's
 * "## Precedent corpus" block and run through the CLI in-process against a fresh SQLite file, each
 * checked against what the README says it does, so an edit to either the README or the CLI that
 * parts them fails here.
 */

describe('the README notation', () => {
  it('expands optional parts, alternatives, two commands on a line and a trailing comment', () => {
    const block = ["imr x a|b [--json | --csv] 'q #1'   # one", '', 'imr y [--f "…"] · imr z   # two'].join('\n');
    expect(readmeCommands(block)).toEqual([
      {
        source: "imr x a|b [--json | --csv] 'q #1'", comment: 'one',
        variants: [['imr', 'x', 'a', 'q #1'], ['imr', 'x', 'a', '--json', 'q #1'], ['imr', 'x', 'a', '--csv', 'q #1'], ['imr', 'x', 'b', 'q #1'], ['imr', 'x', 'b', '--json', 'q #1'], ['imr', 'x', 'b', '--csv', 'q #1']],
      },
      { source: 'imr y [--f "…"]', comment: 'two', variants: [['imr', 'y'], ['imr', 'y', '--f', '…']] },
      { source: 'imr z', comment: 'two', variants: [['imr', 'z']] },
    ]);
    expect(shellBlock('## A\n```sh\nimr a\n```\n## B\n```sh\nimr b\n```\n', '## B')).toBe('imr b');
  });
});

const commands = readmeCommands(shellBlock(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'), '## Precedent corpus'));
const importCommand = commands.find((c) => c.variants[0][2] === 'import');
const sharedPaths = (importCommand?.variants[0] ?? []).filter((w) => w.startsWith('../'));
const missing = sharedPaths.filter((p) => !existsSync(path.resolve(repoRoot, p)));
if (missing.length) console.warn(`skipping the README corpus examples: ${missing.join(', ')} absent (CI has ../shared)`);

// The README's placeholders, each with what the test writes in its place (synthetic, not from a letter).
const SAVED_NAME = 'readme example';
const PLACEHOLDERS: Record<string, string[]> = {
  NAME: [SAVED_NAME],
  QUERY: ['Flexeril'],
  filters: ['--decision', 'Upheld'],
  '…': ['Chronic low back pain since a lifting injury; on opioids for two years without documented functional improvement.'],
};

/** A README command as argv for `run`: without `imr`, placeholders filled in, ../ paths from the repository root. */
function argvOf(words: string[]): string[] {
  expect(words[0]).toBe('imr');
  return words.slice(1).flatMap((w) => {
    if (PLACEHOLDERS[w]) return PLACEHOLDERS[w];
    if (/^[A-Z]{3,}$/.test(w)) throw new Error(`README placeholder ${w} has no value in this test`);
    return w.startsWith('../') ? [path.resolve(repoRoot, w)] : [w];
  });
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
}

async function ok(argv: string[]): Promise<string> {
  const r = await runCli(argv);
  expect(r.stderr, argv.join(' ')).toBe('');
  expect(r.code, argv.join(' ')).toBe(0);
  return r.stdout;
}

/** The letter files (.pdf and .txt) under a folder, recursively, as `imr corpus import` reads them. */
function letterFiles(p: string): number {
  if (!statSync(p).isDirectory()) return /\.(pdf|txt)$/i.test(p) ? 1 : 0;
  return readdirSync(p).reduce((n, f) => n + letterFiles(path.join(p, f)), 0);
}

/** One CSV line's fields (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].filter((m, i, all) => i < all.length - 1 || m[0] !== '').map((m) => m[1]);
}

/** Every hit of a search (`corpus search QUERY [filters]`), page by page. */
async function allHits(search: string[]): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  const argv = search.filter((w) => w !== '--json');
  for (;;) {
    const page = JSON.parse(await ok([...argv, '--json', '--limit', '100', '--offset', String(hits.length)])) as SearchPage;
    hits.push(...page.hits);
    if (page.hits.length === 0 || hits.length >= page.total) return hits;
  }
}

const SEARCH_FILTERS = new Set(['--decision', '--year', '--decision-from', '--decision-to', '--case-number', '--json']);

/** A search hit satisfies each filter the example names, and its marked words are the query's. */
function expectHitMatches(h: SearchHit, argv: string[]): void {
  const where = `${h.caseNumber ?? h.fileName}: ${h.request}`;
  const decision = option(argv, '--decision');
  if (decision) expect(h.decision, where).toBe(decision);
  const year = option(argv, '--year');
  if (year) expect(h.year, where).toBe(Number(year));
  const caseNumber = option(argv, '--case-number');
  if (caseNumber) expect(h.caseNumber, where).toBe(caseNumber);
  // A hit gives its decision's year and month: both ends of the range are checked to the month.
  const month = h.year !== null && h.month !== null ? `${h.year}-${String(h.month).padStart(2, '0')}` : null;
  const from = option(argv, '--decision-from');
  const to = option(argv, '--decision-to');
  if (from) expect(month !== null && month >= from.slice(0, 7), where).toBe(true);
  if (to) expect(month !== null && month <= to.slice(0, 7), where).toBe(true);
  const query = argv[2];
  if (query.trim()) {
    const stems = (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w !== 'or').map((w) => w.slice(0, 5));
    expect(h.highlights.length, where).toBeGreaterThan(0);
    for (const [s, e] of h.highlights) expect(stems, where).toContain(h.snippet.slice(s, e).toLowerCase().slice(0, 5));
  }
}

/** The text page's hits as (decision, case number or file, year) from their first two lines. */
function textHits(stdout: string): Array<{ decision: string; letter: string; year: number | null }> {
  return stdout.split('\n\n').slice(1).map((block) => {
    const [first, second] = block.split('\n');
    const m = /^ {2}(\S+)(?: \((\d{4})\))? · /.exec(second ?? '');
    expect(m, block).not.toBeNull();
    return { decision: first.split(' ')[0], letter: m![1], year: m![2] ? Number(m![2]) : null };
  });
}

function precedentTiers(r: PrecedentResult): number[] {
  return r.precedents.map((p) => (p.sameCategory ? 2 : 0) + (p.sameCitation ? 1 : 0));
}

/** Each engine's hits for each search, as letter file and item place, for the check that the engines agree. */
const hitsOn = new Map<string, Map<string, string[]>>();
const record = (dialect: string, argv: string[], hits: SearchHit[]) => {
  if (!hitsOn.has(dialect)) hitsOn.set(dialect, new Map());
  hitsOn.get(dialect)!.set(argv.join(' '), hits.map((h) => `${h.fileName}#${h.position}`).sort());
};

async function withAdminPool(url: string, fn: (pool: import('pg').Pool) => Promise<unknown>): Promise<void> {
  const pg = await import('pg');
  const pool = new pg.default.Pool({ connectionString: url, max: 1 });
  try { await fn(pool); } finally { await pool.end(); }
}

describe.skipIf(missing.length > 0 || !importCommand).each(testDialects())('the README\'s precedent-corpus examples on %s', (dialect) => {
  const saved = { url: process.env.DATABASE_URL, dir: process.env.IMR_DATA_DIR };
  let dir: string;
  let schema: string | null = null;
  const imported = { letters: 0, items: 0 };
  const ofKind = (kind: string) => commands.filter((c) => c.variants[0][2] === kind);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'imr-readme-'));
    process.env.IMR_DATA_DIR = dir;
    if (dialect === 'postgres') {
      // A schema of this test's own, found by the CLI through the connection's search_path.
      const url = saved.url!;
      schema = `t_${randomBytes(6).toString('hex')}`;
      await withAdminPool(url, (pool) => pool.query(`CREATE SCHEMA "${schema}"`));
      process.env.DATABASE_URL = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    } else process.env.DATABASE_URL = ''; // the default database: a SQLite file in IMR_DATA_DIR
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved.url;
    process.env.IMR_DATA_DIR = saved.dir;
    if (schema && saved.url) await withAdminPool(saved.url, (pool) => pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    rmSync(dir, { recursive: true, force: true });
  });

  it('are all imr corpus commands that this test checks', () => {
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) {
      expect(c.variants[0].slice(0, 2), c.source).toEqual(['imr', 'corpus']);
      expect(['import', 'search', 'precedents', 'stats', 'saved', 'vacuum'], c.source).toContain(c.variants[0][2]);
    }
    expect(commands[0]).toBe(importCommand);
  });

  it('imports the letters, and the same files again are skipped', async () => {
    const c = importCommand!;
    expect(c.variants).toHaveLength(1);
    const argv = argvOf(c.variants[0]);
    const files = sharedPaths.reduce((n, p) => n + letterFiles(path.resolve(repoRoot, p)), 0);
    const first = await ok(argv);
    const m = new RegExp(`^imported (\\d+) letter\\(s\\) with (\\d+) item\\(s\\); 0 already present; 0 failed \\(${files} file\\(s\\) in `).exec(first);
    expect(m, first).not.toBeNull();
    imported.letters = Number(m![1]);
    imported.items = Number(m![2]);
    expect(imported.letters).toBe(files);
    expect(c.comment).toBe('same file again: skipped');
    expect(await ok(argv)).toMatch(new RegExp(`^imported 0 letter\\(s\\) with 0 item\\(s\\); ${files} already present; 0 failed`));
  });

  it('searches, each hit satisfying the filters the example names', async () => {
    expect(ofKind('search').length).toBeGreaterThan(0);
    for (const c of ofKind('search')) {
      for (const words of c.variants) {
        const argv = argvOf(words);
        for (const w of argv.slice(2)) if (w.startsWith('--')) expect(SEARCH_FILTERS, `${c.source}: ${w} is not checked here`).toContain(w);
        // The same search as JSON gives the hits' fields; a text variant must list the same hits.
        const page = JSON.parse(await ok(argv.includes('--json') ? argv : [...argv, '--json'])) as SearchPage;
        expect(page.total, `${c.source} finds nothing in the README's letters`).toBeGreaterThan(0);
        expect(page.hits.length).toBe(Math.min(page.total, 20));
        // Every hit on every page satisfies the filters, not only the first page's.
        const every = await allHits(argv);
        expect(every.length).toBe(page.total);
        for (const h of every) expectHitMatches(h, argv);
        record(dialect, argv, every);
        if (argv.includes('--json')) continue;
        const text = await ok(argv);
        expect(text).toMatch(new RegExp(`^${page.total} item\\(s\\) match; showing 1-${page.hits.length}\\n`));
        expect(textHits(text)).toEqual(page.hits.map((h) => ({ decision: h.decision, letter: h.caseNumber ?? h.fileName, year: h.year })));
      }
    }
  });

  it('lists precedents: same category and citation family first, with the peer group\'s counts', async () => {
    expect(ofKind('precedents').length).toBeGreaterThan(0);
    for (const c of ofKind('precedents')) {
      for (const words of c.variants) {
        const argv = argvOf(words);
        const request = option(argv, '--request')!;
        const citation = option(argv, '--citation') ?? null;
        const r = JSON.parse(await ok(argv.includes('--json') ? argv : [...argv, '--json'])) as PrecedentResult;
        expect(r.precedents.length, c.source).toBeGreaterThan(0);
        expect(r.peerGroup).toMatchObject({ category: categoriseRequest(request), citationFamily: citation });
        expect(r.peerGroup.items, `${c.source}: no published item of this category under ${citation}`).toBeGreaterThan(0);
        expect(r.precedents[0]).toMatchObject({ sameCategory: true, sameCitation: citation !== null });
        const tiers = precedentTiers(r);
        expect(tiers).toEqual([...tiers].sort((a, b) => b - a));
        if (argv.includes('--json')) continue;
        const lines = (await ok(argv)).trimEnd().split('\n');
        expect(lines[0]).toMatch(new RegExp(`^${r.precedents.length} precedent\\(s\\): ${r.overturned} overturned .*; all ${r.peerGroup.category} items under ${citation ?? 'any citation'}: ${r.peerGroup.items}, `));
        expect(lines.slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(r.precedents.map((p) => p.decision));
      }
    }
  });

  it('prints the statistics by the dimensions named, as text, JSON and CSV', async () => {
    const stats = ofKind('stats').filter((c) => !c.variants[0].includes('--table'));
    expect(stats.length).toBeGreaterThan(0);
    for (const c of stats) {
      for (const words of c.variants) {
        const argv = argvOf(words);
        const by = option(argv, '--by');
        // The README's list names every breakdown there is.
        if (by) expect([...by.split(',')].sort()).toEqual([...STAT_DIMENSIONS].sort());
        const dims = by ? by.split(',') : [...STAT_DIMENSIONS];
        const out = await ok(argv);
        if (argv.includes('--json')) {
          const s = JSON.parse(out) as { letters: number; items: number; breakdowns: Record<string, unknown[]> };
          expect(s).toMatchObject({ letters: imported.letters, items: imported.items });
          expect(Object.keys(s.breakdowns).sort()).toEqual([...dims].sort());
          for (const d of dims) expect(s.breakdowns[d].length, d).toBeGreaterThan(0);
        } else if (argv.includes('--csv')) {
          const lines = out.trimEnd().split('\n');
          expect(lines[0]).toBe('breakdown,key,items,upheld,overturned,overturn_rate,overturn_rate_low95,overturn_rate_high95,small_sample');
          expect(lines[1]).toMatch(new RegExp(`^total,all,${imported.items},`));
          // Besides the breakdowns named, the CSV's rows hold the documentation gaps of upheld rationales.
          const kinds = new Set(lines.slice(1).map((l) => csvFields(l)[0]));
          kinds.delete('documentation_gap');
          expect([...kinds].sort()).toEqual(['total', ...dims].sort());
          for (const l of lines) expect(csvFields(l), l).toHaveLength(9);
        } else {
          expect(out).toMatch(new RegExp(`^${imported.letters} letters, ${imported.items} items: `));
          expect([...out.matchAll(/^by (\w+):$/gm)].map((m) => m[1]).sort()).toEqual([...dims].sort());
        }
      }
    }
  });

  it('prints each table of the annual report as CSV with its header', async () => {
    const tables = ofKind('stats').filter((c) => c.variants[0].includes('--table'));
    expect(tables.length).toBeGreaterThan(0);
    const firstColumn: Record<string, string> = { 'letters-by-month': 'month', 'overturn-by-category': 'category', 'overturn-by-specialty': 'reviewer_specialty', 'pharmacy-share': 'year' };
    for (const c of tables) {
      expect(c.comment).toBe('CSV');
      const names = c.variants.map((w) => option(argvOf(w), '--table')!);
      // The README's alternatives are every table there is.
      expect([...names].sort()).toEqual([...REPORT_TABLE_IDS].sort());
      for (const name of names) {
        const lines = (await ok(['corpus', 'stats', '--table', name])).trimEnd().split('\n');
        const header = csvFields(lines[0]);
        expect(header[0], name).toBe(firstColumn[name]);
        expect(header, name).toContain('small_sample');
        if (name.startsWith('overturn-') || name === 'letters-by-month') expect(header).toEqual(expect.arrayContaining(['overturn_rate', 'overturn_rate_low95', 'overturn_rate_high95']));
        expect(lines.length, name).toBeGreaterThan(1);
        for (const l of lines) expect(csvFields(l), `${name}: ${l}`).toHaveLength(header.length);
        if (name === 'letters-by-month') {
          // Empty months are listed as 0: every month from the first to the last, in order.
          const months = lines.slice(1).map((l) => csvFields(l)[0]);
          for (let i = 1; i < months.length; i++) {
            const [y, m] = months[i - 1].split('-').map(Number);
            expect(months[i]).toBe(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`);
          }
        }
      }
    }
  });

  it('saves a search, lists it, checks it and removes it', async () => {
    const savedCommands = ofKind('saved');
    const adds = savedCommands.filter((c) => c.variants[0][3] === 'add');
    expect(adds.length).toBeGreaterThan(0);
    const others: ReadmeCommand[] = savedCommands.filter((c) => c.variants[0][3] !== 'add');
    expect([...new Set(others.flatMap((c) => c.variants.map((w) => w[3])))].sort()).toEqual(['check', 'list', 'remove']);
    for (const c of savedCommands) expect(c.comment).toBe('saved searches');
    for (const add of adds) {
      for (const words of add.variants) {
        const argv = argvOf(words);
        expect(await ok(argv)).toBe(`saved "${SAVED_NAME}"; each import now reports the new letters it matches\n`);
        const [query, ...filters] = argv.slice(4);
        for (const other of others) {
          for (const w of other.variants) {
            const out = await ok(argvOf(w));
            const sub = w[3];
            if (sub === 'list') {
              const line = out.split('\n').find((l) => l.startsWith(`${SAVED_NAME}\t`));
              expect(line).toMatch(/\tlast reported \S+$/);
              expect(line!.split('\t').slice(0, 3)).toEqual([SAVED_NAME, JSON.stringify(query), JSON.stringify(filters.length ? { [filters[0].slice(2)]: filters[1] } : {})]);
            } else if (sub === 'check') {
              // Nothing was imported since it was saved: it reports, and reports nothing new.
              expect(out).toBe(`saved searches:\n  ${SAVED_NAME}: nothing new\n`);
            } else {
              expect(out).toBe(`removed "${SAVED_NAME}"\n`);
              expect(await ok(['corpus', 'saved', 'list'])).not.toContain(`${SAVED_NAME}\t`);
            }
          }
        }
      }
    }
  });

  it('vacuums the corpus: the file rewritten on SQLite, every letter still found', async () => {
    expect(ofKind('vacuum').length).toBeGreaterThan(0);
    for (const c of ofKind('vacuum')) {
      const out = await ok(argvOf(c.variants[0]));
      if (dialect === 'sqlite') expect(out, c.source).toMatch(/^database \d+\.\d MB -> \d+\.\d MB\n$/);
      else expect(out, c.source).toMatch(/^PostgreSQL: nothing to do/);
      const stats = JSON.parse(await ok(['corpus', 'stats', '--json'])) as { letters: number; items: number };
      expect(stats).toMatchObject({ letters: imported.letters, items: imported.items });
    }
  });

  it('finds every cyclobenzaprine item when searching for Flexeril', async () => {
    const generic = await allHits(['corpus', 'search', 'cyclobenzaprine']);
    record(dialect, ['corpus', 'search', 'cyclobenzaprine'], generic);
    expect(generic.length).toBeGreaterThan(0);
    const brandHits = await allHits(['corpus', 'search', 'Flexeril']);
    record(dialect, ['corpus', 'search', 'Flexeril'], brandHits);
    const brand = new Set(brandHits.map((h) => h.itemId));
    expect(generic.filter((h) => !brand.has(h.itemId)).map((h) => `${h.caseNumber ?? h.fileName}: ${h.request}`)).toEqual([]);
  });
});

describe.skipIf(missing.length > 0 || !importCommand || testDialects().length < 2)('the README\'s searches on both engines', () => {
  it('give the same hits on SQLite and PostgreSQL (README: "the same query gives the same hits on both")', () => {
    const [sqlite, postgres] = [hitsOn.get('sqlite'), hitsOn.get('postgres')];
    expect(sqlite?.size).toBeGreaterThan(0);
    expect(postgres).toEqual(sqlite);
  });
});
