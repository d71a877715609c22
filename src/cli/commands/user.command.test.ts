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

  it('`imr user passwd` prints a new password once (the old one stops working) and `imr user disable` refuses the login', async () => {
    const { openDatabase } = await import('../../db/database.js');
    const { createServices } = await import('../../service/use-cases/services.js');
    expect((await runCli(['db', 'migrate', '--data-dir', dir])).code).toBe(0);
    const added = await runCli(['user', 'add', 'kim', '--role', 'party', '--data-dir', dir, '--json']);
    const first = JSON.parse(added.stdout).password as string;
    const withDb = async <T>(fn: (s: ReturnType<typeof createServices>) => Promise<T>): Promise<T> => {
      const database = await openDatabase({ url: '', dataDir: dir });
      const services = createServices(database, { engine: null });
      try {
        return await fn(services);
      } finally {
        await services.reader.close();
        await database.close();
      }
    };
    const sessionBefore = await withDb(async (s) => s.users.createSession((await s.users.byUsername('kim'))!.id, new Date()));

    const passwd = await runCli(['user', 'passwd', 'kim', '--data-dir', dir]);
    expect(passwd.code, passwd.stderr).toBe(0);
    const second = /new password for kim: (\S+)/.exec(passwd.stdout)?.[1];
    expect(second).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(passwd.stdout).toContain('shown only now');
    await withDb(async (s) => {
      expect(await s.users.checkPassword('kim', first)).toBeUndefined();
      expect((await s.users.checkPassword('kim', second!))?.username).toBe('kim');
      expect(await s.users.userForSession(sessionBefore, new Date())).toBeUndefined();
    });

    const session = await withDb(async (s) => s.users.createSession((await s.users.byUsername('kim'))!.id, new Date()));
    const disabled = await runCli(['user', 'disable', 'kim', '--data-dir', dir, '--json']);
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(JSON.parse(disabled.stdout)).toMatchObject({ user: { username: 'kim', active: false }, sessionsEnded: 1 });
    await withDb(async (s) => {
      expect(await s.users.checkPassword('kim', second!)).toBeUndefined();
      expect(await s.users.userForSession(session, new Date())).toBeUndefined();
      const rows = (await s.audit.list({ limit: 100 })).entries;
      expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user.password_reset', 'user.disable']));
      expect(rows.find((r) => r.action === 'user.disable')?.detail).toMatchObject({ via: 'cli' });
      expect(JSON.stringify(rows)).not.toContain(second!);
    });
    const unknown = await runCli(['user', 'disable', 'nobody', '--data-dir', dir]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('imr user list');
    expect((await runCli(['user', 'enable', 'kim', '--data-dir', dir])).code).toBe(0);
    await withDb(async (s) => expect((await s.users.checkPassword('kim', second!))?.username).toBe('kim'));
  });
});
