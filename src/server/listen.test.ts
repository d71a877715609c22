import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, portFromEnv, secureCookiesFor, startServer } from './listen.js';

describe('startServer', () => {
  it('migrates a fresh data folder, loads demo data, shows the demo passwords on the terminal only, and serves on a real port', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-serve-'));
    const lines: string[] = [];
    const terminal: string[] = [];
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, databaseUrl: '', logger: false, print: (l) => lines.push(l), secrets: (l) => terminal.push(l) });
    try {
      const out = lines.join('\n');
      // The passwords reach the terminal, and the start-up message (stdout, often a log) only says so.
      expect(terminal.join('\n')).toMatch(/admin\s+admin\s+password \S+/);
      for (const l of server.demo.logins) expect(out).not.toContain(l.password);
      expect(out).toContain('passwords were shown on the terminal only');
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

  it('without a terminal, writes the demo passwords to a file only its owner can read, and says where (never what) in the log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-serve-file-'));
    const lines: string[] = [];
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, databaseUrl: '', demoCorpus: false, logger: false, print: (l) => lines.push(l), secrets: null });
    try {
      const file = path.join(dir, 'demo-logins.txt');
      const out = lines.join('\n');
      expect(out).toContain(file);
      const text = readFileSync(file, 'utf8');
      for (const l of server.demo.logins) {
        expect(text).toContain(l.password);
        expect(out).not.toContain(l.password);
      }
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('listens on 127.0.0.1 when neither --host nor HOST says otherwise, with cookies Secure by default beyond loopback', async () => {
    const saved = process.env.HOST;
    delete process.env.HOST;
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-serve-host-'));
    try {
      const server = await startServer({ port: 0, dataDir: dir, databaseUrl: '', demo: false, logger: false, print: () => {} });
      try {
        expect(server.app.server.address()).toMatchObject({ address: '127.0.0.1' });
        expect(new URL(server.url).hostname).toBe('127.0.0.1');
      } finally {
        await server.close();
      }
    } finally {
      if (saved !== undefined) process.env.HOST = saved;
      rmSync(dir, { recursive: true, force: true });
    }
    for (const h of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(isLoopbackHost(h)).toBe(true);
    expect(secureCookiesFor('127.0.0.1', undefined)).toBe(false);
    expect(secureCookiesFor('0.0.0.0', undefined)).toBe(true);
    expect(secureCookiesFor('10.0.0.5', '')).toBe(true);
    expect(secureCookiesFor('0.0.0.0', '0')).toBe(false);
    expect(secureCookiesFor('127.0.0.1', '1')).toBe(true);
    expect(() => secureCookiesFor('0.0.0.0', 'maybe')).toThrow(expect.objectContaining({ code: 'IMR_ERR_USAGE' }));
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
