import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../db/test-support/dialects.js';
import { runCli } from '../test-support/run-cli.js';
import { haveSeeds, seedFiles, seedsDir } from '../../shared/test-support/shared-data.js';

describe.skipIf(!haveSeeds).each(testDialects())('imr corpus on %s', (dialect) => {
  const saved = { url: process.env.DATABASE_URL, dir: process.env.IMR_DATA_DIR };
  let dir: string;
  let schema: string | null = null;
  const seedCount = seedFiles().length;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'imr-corpus-cli-'));
    process.env.IMR_DATA_DIR = dir;
    if (dialect === 'postgres') {
      const url = saved.url!;
      schema = `t_${randomBytes(6).toString('hex')}`;
      const pg = await import('pg');
      const admin = new pg.default.Pool({ connectionString: url, max: 1 });
      try { await admin.query(`CREATE SCHEMA "${schema}"`); } finally { await admin.end(); }
      process.env.DATABASE_URL = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    } else process.env.DATABASE_URL = '';
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved.url;
    process.env.IMR_DATA_DIR = saved.dir;
    if (schema && saved.url) {
      const pg = await import('pg');
      const admin = new pg.default.Pool({ connectionString: saved.url, max: 1 });
      try { await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`); } finally { await admin.end(); }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a folder, then finds nothing new in it', async () => {
    const first = await runCli(['corpus', 'import', seedsDir, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ files: seedCount, imported: seedCount, present: 0, failed: [] });
    const second = await runCli(['corpus', 'import', seedsDir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^imported 0 letter\\(s\\) with 0 item\\(s\\); ${seedCount} already present; 0 failed`));
  });

  it('reports a missing path as a failure with exit code 1 and imports the rest', async () => {
    const r = await runCli(['corpus', 'import', path.join(dir, 'nope.pdf'), seedsDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed IMR_ERR_FILE_NOT_FOUND: .*nope\.pdf: no such file/);
  });

  it('vacuum rewrites the SQLite file and keeps every letter; on PostgreSQL it says there is nothing to do', async () => {
    const r = await runCli(['corpus', 'vacuum']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    if (dialect === 'sqlite') expect(r.stdout).toMatch(/^database \d+\.\d MB -> \d+\.\d MB\n$/);
    else expect(r.stdout).toMatch(/^PostgreSQL: nothing to do/);
    const after = await runCli(['corpus', 'search', 'chiropractic', '--json']);
    expect(JSON.parse(after.stdout).total).toBeGreaterThan(0);
  });

  it('searches with filters and prints JSON', async () => {
    const r = await runCli(['corpus', 'search', 'chiropractic', '--decision', 'upheld', '--json']);
    expect(r.code).toBe(0);
    const page = JSON.parse(r.stdout);
    expect(page.total).toBeGreaterThan(0);
    for (const h of page.hits) {
      expect(h.decision).toBe('Upheld');
      expect(`${h.request} ${h.snippet}`.toLowerCase()).toMatch(/chiropract/);
    }
    const text = await runCli(['corpus', 'search', 'chiropractic', '--limit', '1']);
    expect(text.stdout).toMatch(/item\(s\) match; showing 1-1\n/);
    expect(text.stdout).toMatch(/\*\*chiropractic\*\*/i);
    const bad = await runCli(['corpus', 'search', 'x', '--decision', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/IMR_ERR_VALIDATION: The decision filter must be one of Upheld, Overturned/);
  });

  it('prints stats as JSON and CSV', async () => {
    const r = await runCli(['corpus', 'stats', '--json']);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats).toMatchObject({ letters: seedCount, items: 13, upheld: 12, overturned: 1 });
    expect(Object.keys(stats.breakdowns).sort()).toEqual(['category', 'citation', 'evidence', 'month', 'section', 'specialty', 'year']);
    const csv = await runCli(['corpus', 'stats', '--by', 'citation', '--csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('breakdown,key,items,upheld,overturned,overturn_rate,overturn_rate_low95,overturn_rate_high95,small_sample');
    expect(lines[1]).toBe('total,all,13,12,1,0.077,0.014,0.333,yes');
    const citationRows = lines.filter((l) => l.startsWith('citation,'));
    expect(citationRows.reduce((n, l) => n + Number(l.split(',')[2]), 0)).toBe(13);
    expect((await runCli(['corpus', 'stats', '--by', 'colour'])).stderr).toMatch(/Unknown breakdown "colour"/);
    const text = await runCli(['corpus', 'stats', '--by', 'citation']);
    expect(text.stdout).toMatch(/overturn rate 7\.7%, 95% CI \[1\.4–33\.3%\]/);
    expect(text.stdout).toMatch(/fewer than 30 items/);
  });

  it('prints a table of the annual report as CSV, and refuses an impossible date filter naming it', async () => {
    const t = await runCli(['corpus', 'stats', '--table', 'pharmacy-share']);
    expect(t.code).toBe(0);
    const lines = t.stdout.trim().split('\n');
    expect(lines[0]).toBe('year,items,medication_items,pharmacy_share,pharmacy_share_low95,pharmacy_share_high95,small_sample');
    expect(lines[lines.length - 1]).toMatch(/^all,13,\d+,/);
    expect((await runCli(['corpus', 'stats', '--table', 'nope'])).stderr).toMatch(/Unknown table "nope"/);
    const bad = await runCli(['corpus', 'search', '', '--decision-from', '2017-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/IMR_ERR_INVALID_DATE: The decision date from filter \(decisionFrom\)/);
    const reversed = await runCli(['corpus', 'stats', '--received-from', '2017-02-01', '--received-to', '2017-01-01']);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/IMR_ERR_INVALID_DATE: The received date range/);
  });

  it('lists precedents for a disputed item', async () => {
    const r = await runCli(['corpus', 'precedents', '--request', 'Chiropractic manipulation 6 visits for the lumbar spine', '--citation', 'MTUS-CPMTG', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.precedents.length).toBeGreaterThan(0);
    expect(result.precedents[0]).toMatchObject({ category: 'chiropractic', sameCategory: true });
    expect(result.peerGroup.category).toBe('chiropractic');
  });

  it('saves a search and reports the new letters it matches after the next import', async () => {
    const add = await runCli(['corpus', 'saved', 'add', 'everything new', '']);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect((await runCli(['corpus', 'saved', 'check'])).stdout).toBe('saved searches:\n  everything new: nothing new\n');
    // A letter not seen before: a seed letter's text with a line added.
    const extra = mkdtempSync(path.join(tmpdir(), 'imr-corpus-extra-'));
    try {
      const first = seedFiles()[0]!;
      writeFileSync(path.join(extra, 'again.txt'), `${readFileSync(first, 'utf8')}\n\nRe-published.\n`);
      const imported = await runCli(['corpus', 'import', extra]);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/saved searches:\n {2}everything new: [1-9]\d* new matching item\(s\), in \S/);
      expect((await runCli(['corpus', 'saved', 'check'])).stdout).toBe('saved searches:\n  everything new: nothing new\n');
    } finally {
      rmSync(extra, { recursive: true, force: true });
    }
    expect((await runCli(['corpus', 'saved', 'remove', 'everything new'])).code).toBe(0);
    expect((await runCli(['corpus', 'saved', 'remove', 'everything new'])).code).not.toBe(0);
  });

  it('has help for every subcommand', async () => {
    for (const sub of ['import', 'search', 'stats', 'precedents']) {
      const r = await runCli(['corpus', sub, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: imr corpus/);
    }
  });
});
