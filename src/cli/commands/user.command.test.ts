import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

/** `imr user add` and `imr user token` on a throw-away SQLite folder: username rules and token lifetimes. */
describe('imr user', () => {
  let dir: string;
  const saved = process.env.DATABASE_URL;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'imr-cli-user-'));
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses look-alike and invisible usernames, and gives tokens an expiry (90 days unless --expires-days)', async () => {
    expect((await runCli(['db', 'migrate', '--data-dir', dir])).code).toBe(0);
    const added = await runCli(['user', 'add', 'pat', '--role', 'intake', '--data-dir', dir, '--json']);
    expect(added.code, added.stderr).toBe(0);
    for (const bad of ['ｐａｔ', 'pa\u200Bt']) {
      const r = await runCli(['user', 'add', bad, '--role', 'intake', '--data-dir', dir, '--json']);
      expect(r.code, bad).toBe(2);
      expect(JSON.parse(r.stderr).error.code).toBe('IMR_ERR_VALIDATION');
    }
    const twin = await runCli(['user', 'add', 'Pat', '--role', 'intake', '--data-dir', dir, '--json']);
    expect(JSON.parse(twin.stderr).error.code).toBe('IMR_ERR_DUPLICATE');

    const standard = await runCli(['user', 'token', 'pat', '--name', 'claims system', '--data-dir', dir, '--json']);
    expect(standard.code, standard.stderr).toBe(0);
    const days = (iso: string) => Math.round((Date.parse(iso) - Date.now()) / 86_400_000);
    expect(days(JSON.parse(standard.stdout).expiresAt)).toBe(90);
    const short = await runCli(['user', 'token', 'pat', '--name', 'trial', '--expires-days', '7', '--data-dir', dir, '--json']);
    expect(days(JSON.parse(short.stdout).expiresAt)).toBe(7);
    const bad = await runCli(['user', 'token', 'pat', '--name', 'x', '--expires-days', '0', '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--expires-days');
  });
});
