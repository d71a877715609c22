import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { portFromEnv, startServer } from './listen.js';

describe('startServer', () => {
  it('migrates a fresh data folder, loads demo data, prints how to log in and serves on a real port', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-serve-'));
    const lines: string[] = [];
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, databaseUrl: '', logger: false, print: (l) => lines.push(l) });
    try {
      const out = lines.join('\n');
      expect(out).toMatch(/admin\s+admin\s+password \S+/);
      expect(out).toContain('/docs');
      const health = await fetch(`${server.url}/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
      const admin = server.demo.logins.find((l) => l.role === 'admin')!;
      const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: admin.username, password: admin.password }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const cases = await fetch(`${server.url}/api/cases`, { headers: { cookie } });
      expect((await cases.json()).total).toBe(server.demo.cases);
    } finally {
      await server.close();
    }
    // A second start on the same folder keeps the data and loads no more demo data.
    const again = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, databaseUrl: '', logger: false, print: () => {} });
    try {
      expect(again.demo.loaded).toBe(false);
    } finally {
      await again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets two instances start at once on the same data folder: one migrates and loads the demo, both serve', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-serve2-'));
    const opts = { port: 0, host: '127.0.0.1', dataDir: dir, databaseUrl: '', logger: false, print: () => {} };
    const [a, b] = await Promise.all([startServer(opts), startServer(opts)]);
    try {
      expect([a.demo.loaded, b.demo.loaded].filter(Boolean)).toHaveLength(1);
      for (const s of [a, b]) expect((await fetch(`${s.url}/health`)).status).toBe(200);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad PORT before opening anything, and a port in use with a usage error instead of an internal one', async () => {
    expect(portFromEnv(undefined)).toBe(3000);
    expect(portFromEnv('8080')).toBe(8080);
    for (const bad of ['abc', '70000', '-1', '80.5']) expect(() => portFromEnv(bad)).toThrow(expect.objectContaining({ code: 'IMR_ERR_USAGE' }));
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-serve3-'));
    const opts = { host: '127.0.0.1', dataDir: dir, databaseUrl: '', demo: false, logger: false, print: () => {} };
    const first = await startServer({ ...opts, port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startServer({ ...opts, port })).rejects.toMatchObject({ code: 'IMR_ERR_USAGE', message: expect.stringContaining(`Port ${port} is already in use`) });
      // The first server is unharmed.
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
