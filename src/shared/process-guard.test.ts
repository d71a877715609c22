import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRejection } from './process-guard.js';
import { repoRoot } from './test-support/shared-data.js';

describe('the unhandled-rejection guard', () => {
  it('keeps the process alive and logs the class and code only, never the message', () => {
    const guard = path.join(repoRoot, 'src/shared/process-guard.ts');
    const script = `
      const { guardUnhandledRejections } = await import(${JSON.stringify(guard)});
      guardUnhandledRejections((line) => process.stderr.write(line + '\\n'));
      Promise.reject(Object.assign(new TypeError('Patient Jane Doe, DOB 01/02/1960'), { code: 'ERR_PDF' }));
      setTimeout(() => process.stdout.write('still running'), 50);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('still running');
    expect(r.stderr).toContain('imr: ignored a promise rejection nothing handled: TypeError (ERR_PDF)');
    expect(r.stderr).not.toContain('Jane');
  });

  it('describes what was thrown without its text', () => {
    expect(describeRejection(new RangeError('secret'))).toBe('RangeError');
    expect(describeRejection('secret')).toBe('string');
  });
});
