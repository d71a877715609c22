import { describe, expect, it } from 'vitest';
import { runCli } from './test-support/run-cli.js';

describe('imr CLI', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: imr');
  });

  it('rejects an unknown command with the usage exit code', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error IMR_ERR_USAGE: unknown command/);
  });

  it('lists the error catalogue as JSON', async () => {
    const r = await runCli(['errors', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ code: string; http: number }>;
    expect(rows.find((x) => x.code === 'IMR_ERR_LETTER_UNRECOGNIZED')?.http).toBe(422);
  });
});
