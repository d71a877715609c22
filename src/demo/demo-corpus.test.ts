import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../server/listen.js';
import { REPO_ROOT } from './demo-data.js';

const seedsDir = path.resolve(REPO_ROOT, '../shared/seeds');
const haveSeeds = existsSync(seedsDir);
if (!haveSeeds) console.warn(`demo-corpus tests skipped: ${seedsDir} is absent (the shared seed letters are needed).`);
const base = { port: 0, host: '127.0.0.1', databaseUrl: '', logger: false };

async function adminCookie(url: string, login: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: login.username, password: login.password }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

describe('demo corpus on first start', () => {
  it.skipIf(!haveSeeds)('imports the seed letters in the background after listening, once, and not again on the next start', async () => {
    const seedFiles = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-demo-corpus-'));
    const lines: string[] = [];
    const server = await startServer({ ...base, dataDir: dir, demoCorpus: [seedsDir], print: (l) => lines.push(l) });
    try {
      // startServer returned before the import finished, and the server answers meanwhile.
      expect(lines.some((l) => l.startsWith('Demo corpus: done'))).toBe(false);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const result = await server.demoCorpus;
      const listening = lines.findIndex((l) => l.includes('listening on'));
      const started = lines.findIndex((l) => /^Demo corpus: importing \d+ published letter file\(s\) from .*seeds in the background/.test(l));
      expect(listening).toBeGreaterThanOrEqual(0);
      expect(started).toBeGreaterThan(listening);
      expect(result).toMatchObject({ status: 'done', imported: seedFiles.length, failed: 0 });
      expect(lines.filter((l) => l.startsWith('Demo corpus: done'))).toHaveLength(1);
      expect(lines.find((l) => l.startsWith('Demo corpus: done'))).toContain(`${seedFiles.length} letter(s) imported`);
      const cookie = await adminCookie(server.url, server.demo.logins.find((l) => l.role === 'admin')!);
      const stats = await (await fetch(`${server.url}/api/corpus/stats`, { headers: { cookie } })).json();
      expect(stats.letters).toBe(seedFiles.length);
      expect(stats.items).toBeGreaterThanOrEqual(seedFiles.length);
    } finally {
      await server.close();
    }

    const again: string[] = [];
    const second = await startServer({ ...base, dataDir: dir, demoCorpus: [seedsDir], print: (l) => again.push(l) });
    try {
      expect(await second.demoCorpus).toEqual({ status: 'already-done' });
      expect(again.some((l) => l.startsWith('Demo corpus'))).toBe(false);
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in one line that the letter folders are absent and skips; IMR_DEMO_CORPUS=0 disables it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-demo-corpus2-'));
    const lines: string[] = [];
    const server = await startServer({ ...base, dataDir: dir, demoCorpus: [path.join(dir, 'no-such-letters')], print: (l) => lines.push(l) });
    try {
      expect(await server.demoCorpus).toEqual({ status: 'no-folders' });
      const corpusLines = lines.filter((l) => l.startsWith('Demo corpus'));
      expect(corpusLines).toHaveLength(1);
      expect(corpusLines[0]).toMatch(/no letter folders found .*skipping/);
    } finally {
      await server.close();
    }
    const prev = process.env.IMR_DEMO_CORPUS;
    process.env.IMR_DEMO_CORPUS = '0';
    const quiet: string[] = [];
    const off = await startServer({ ...base, dataDir: dir, print: (l) => quiet.push(l) });
    try {
      expect(await off.demoCorpus).toEqual({ status: 'disabled' });
      expect(quiet.some((l) => l.startsWith('Demo corpus'))).toBe(false);
    } finally {
      if (prev === undefined) delete process.env.IMR_DEMO_CORPUS;
      else process.env.IMR_DEMO_CORPUS = prev;
      await off.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
