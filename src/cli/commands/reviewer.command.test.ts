import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

const HEADER = 'id,name,licensure_states,specialty,subspecialty,board_certified,years_in_active_practice,weekly_hours,affiliations,capacity,active';

/** The operator commands on a throw-away SQLite folder (the CLI opens the same database as the server). */
describe('imr db / user / reviewer', () => {
  let dir: string;
  const saved = process.env.DATABASE_URL;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'imr-cli-'));
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates the database, then reports it up to date', async () => {
    const first = await runCli(['db', 'migrate', '--data-dir', dir, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).applied).toContain('0100_service_core');
    const again = await runCli(['db', 'migrate', '--data-dir', dir]);
    expect(again.stdout).toContain('already up to date');
  });

  it('imports nothing from a CSV with bad rows and names each bad line', async () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, [HEADER, 'r1,Dr. One,California,Chiropractor,,yes,10,30,,5,yes', 'r2,Dr. Two,,Orthopedic Surgery,,no,ten,30,,5,yes', 'r3,"Dr. Three, MD",CA,Psychology,,yes,8,30,employer:Acme;bogus:X,5,yes', 'r1,Dr. Again,CA,Psychology,,yes,8,30,,5,yes'].join('\n'));
    const r = await runCli(['reviewer', 'import', file, '--data-dir', dir, '--json']);
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stderr).error;
    expect(err.code).toBe('IMR_ERR_VALIDATION');
    const lines = err.details.map((d: { path: string }) => d.path.split(':')[0]);
    expect([...new Set(lines)]).toEqual(['line 3', 'line 4', 'line 5']);
    expect(err.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['line 3: licensureStates', 'line 3: yearsInActivePractice', 'line 4: affiliations', 'line 5: id']));
    const list = await runCli(['reviewer', 'list', '--data-dir', dir, '--json']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('imports a valid CSV (quoted fields, affiliations) and reports qualification', async () => {
    const file = path.join(dir, 'good.csv');
    writeFileSync(file, [HEADER, 'r1,Dr. One,California,Chiropractor,,yes,10,30,,5,yes', 'r2,"Dr. Two, MD",CA;NV,Orthopedic Surgery,Spine,no,4,30,employer:Acme Widgets;ur_organization:Summit UR,5,yes'].join('\r\n') + '\r\n');
    const r = await runCli(['reviewer', 'import', file, '--data-dir', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 2, reviewers: [{ id: 'r1', qualified: true }, { id: 'r2', qualified: false }] });
    const list = JSON.parse((await runCli(['reviewer', 'list', '--data-dir', dir, '--json'])).stdout);
    expect(list.find((x: { id: string }) => x.id === 'r2')).toMatchObject({ name: 'Dr. Two, MD', licensureStates: ['CA', 'NV'], affiliations: [{ kind: 'employer', name: 'Acme Widgets' }, { kind: 'ur_organization', name: 'Summit UR' }] });
    const again = await runCli(['reviewer', 'import', file, '--data-dir', dir]);
    expect(again.code).toBe(8);
    expect(again.stderr).toContain('IMR_ERR_DUPLICATE');
  });

  it('adds users (a generated password is printed once) and refuses a reviewer user without a registry entry', async () => {
    const r = await runCli(['user', 'add', 'olga', '--role', 'intake', '--data-dir', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.user).toMatchObject({ username: 'olga', role: 'intake' });
    expect(out.password.length).toBeGreaterThanOrEqual(12);
    expect((await runCli(['user', 'add', 'rex', '--role', 'reviewer', '--data-dir', dir])).code).toBe(2);
    expect((await runCli(['user', 'add', 'rex', '--role', 'reviewer', '--reviewer', 'r1', '--password', 'long-enough-pw', '--data-dir', dir])).code).toBe(0);
    expect((await runCli(['user', 'add', 'olga', '--role', 'admin', '--data-dir', dir])).code).toBe(8);
    expect((await runCli(['user', 'add', 'zed', '--role', 'wizard', '--data-dir', dir])).code).toBe(2);
    const list = JSON.parse((await runCli(['user', 'list', '--data-dir', dir, '--json'])).stdout);
    expect(list.map((u: { username: string }) => u.username)).toEqual(['olga', 'rex']);
    const token = await runCli(['user', 'token', 'olga', '--name', 'integration', '--data-dir', dir, '--json']);
    expect(JSON.parse(token.stdout).token).toMatch(/^imr_/);
  });

  it('refuses an empty or spaced username from the CLI and creates nothing', async () => {
    const before = JSON.parse((await runCli(['user', 'list', '--data-dir', dir, '--json'])).stdout).length;
    for (const name of ['', '  ', 'two words']) {
      const r = await runCli(['user', 'add', name, '--role', 'admin', '--data-dir', dir, '--json']);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'IMR_ERR_VALIDATION', details: [{ path: 'username' }] });
    }
    expect(JSON.parse((await runCli(['user', 'list', '--data-dir', dir, '--json'])).stdout)).toHaveLength(before);
  });

  it('says which data folder cannot be used instead of an internal error', async () => {
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    for (const argv of [['db', 'migrate'], ['user', 'list']]) {
      const r = await runCli([...argv, '--data-dir', path.join(file, 'sub'), '--json']);
      expect(r.code).toBe(9);
      const err = JSON.parse(r.stderr).error;
      expect(err.code).toBe('IMR_ERR_DATABASE');
      expect(err.message).toContain('--data-dir');
    }
  });

  it('has --help for every operator command', async () => {
    for (const cmd of [['serve'], ['db', 'migrate'], ['user', 'add'], ['reviewer', 'import']]) {
      const r = await runCli([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: imr');
    }
  });
});
