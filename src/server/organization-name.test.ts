import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { organizationNameFromEnv, startServer } from './listen.js';

describe('IMR_ORGANIZATION_NAME: the organisation the served letters name', () => {
  const saved = process.env.IMR_ORGANIZATION_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.IMR_ORGANIZATION_NAME;
    else process.env.IMR_ORGANIZATION_NAME = saved;
  });

  it('reads the variable: unset or blank keeps the default, a bad name is a usage error', () => {
    expect(organizationNameFromEnv(undefined)).toBeUndefined();
    expect(organizationNameFromEnv('  ')).toBeUndefined();
    expect(organizationNameFromEnv(' Golden State Medical Review, Inc. ')).toBe('Golden State Medical Review, Inc.');
    for (const bad of ['Review: West', 'x'.repeat(200)]) expect(() => organizationNameFromEnv(bad)).toThrow(expect.objectContaining({ code: 'IMR_ERR_USAGE' }));
  });

  it('is passed to the service at start-up, and said in the start-up message; a bad name stops the start before anything is opened', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-org-'));
    const opts = { port: 0, host: '127.0.0.1', dataDir: dir, databaseUrl: '', demo: false, demoCorpus: false, logger: false };
    try {
      process.env.IMR_ORGANIZATION_NAME = 'Golden State Medical Review, Inc.';
      const lines: string[] = [];
      const server = await startServer({ ...opts, print: (l) => lines.push(l) });
      await server.close();
      expect(lines.join('\n')).toContain('Letters are issued in the name of Golden State Medical Review, Inc.');

      delete process.env.IMR_ORGANIZATION_NAME;
      const plain: string[] = [];
      const again = await startServer({ ...opts, print: (l) => plain.push(l) });
      await again.close();
      expect(plain.join('\n')).toContain('Letters are issued in the name of MAXIMUS Federal Services');

      process.env.IMR_ORGANIZATION_NAME = 'Review: West';
      await expect(startServer({ ...opts, dataDir: path.join(dir, 'never'), print: () => {} })).rejects.toMatchObject({ code: 'IMR_ERR_USAGE' });
      expect(existsSync(path.join(dir, 'never'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
