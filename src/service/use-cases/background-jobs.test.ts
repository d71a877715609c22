import { describe, expect, it } from 'vitest';
import { BackgroundJobs, type BackgroundFailure } from './background-jobs.js';
import { ImrError } from '../../errors/imr-error.js';

/** A promise the test resolves by hand. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => { open = r; });
  return { wait, open };
}

describe('background jobs', () => {
  it('runs the jobs of one key one after another, and of different keys side by side', async () => {
    const jobs = new BackgroundJobs();
    const log: string[] = [];
    const g = gate();
    void jobs.run('case-1', 'a', async () => { log.push('1a start'); await g.wait; log.push('1a end'); });
    void jobs.run('case-1', 'b', async () => { log.push('1b'); });
    void jobs.run('case-2', 'a', async () => { log.push('2a'); });
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['1a start', '2a']);
    g.open();
    await jobs.idle();
    expect(log).toEqual(['1a start', '2a', '1a end', '1b']);
  });

  it('folds a job into the same job of the same key that is still waiting to start', async () => {
    const jobs = new BackgroundJobs();
    let runs = 0;
    const g = gate();
    const first = jobs.run('case-1', 'redraft', async () => { runs++; await g.wait; });
    // Not started yet: a second one is the same run (it will read the case when it starts).
    expect(jobs.run('case-1', 'redraft', async () => { runs++; })).toBe(first);
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(1);
    // Started: the next one waits for it, and those scheduled meanwhile fold into that one.
    const second = jobs.run('case-1', 'redraft', async () => { runs++; });
    const third = jobs.run('case-1', 'redraft', async () => { runs++; });
    expect(third).toBe(second);
    g.open();
    await jobs.idle();
    expect(runs).toBe(2);
    // Once it ran, the next one runs again.
    await jobs.run('case-1', 'redraft', async () => { runs++; });
    expect(runs).toBe(3);
  });

  it('logs a failure as its code and never rejects; later jobs of the key still run', async () => {
    const jobs = new BackgroundJobs();
    const failures: BackgroundFailure[] = [];
    jobs.setLogger((f) => failures.push(f));
    let after = false;
    await expect(jobs.run('case-1', 'redraft', async () => { throw new ImrError('IMR_ERR_CASE_INVALID', 'Patient Pat Example has no record.'); })).resolves.toBeUndefined();
    await jobs.run('case-1', 'redraft', async () => { throw new Error('boom with Pat Example'); });
    await jobs.run('case-1', 'redraft', async () => { after = true; });
    expect(failures).toEqual([{ job: 'redraft', key: 'case-1', code: 'IMR_ERR_CASE_INVALID' }, { job: 'redraft', key: 'case-1', code: 'IMR_ERR_INTERNAL' }]);
    expect(after).toBe(true);
  });

  it('is idle at once with nothing scheduled, and survives a logger that throws', async () => {
    const jobs = new BackgroundJobs();
    await jobs.idle();
    jobs.setLogger(() => { throw new Error('logger down'); });
    await expect(jobs.run('k', 'j', async () => { throw new Error('x'); })).resolves.toBeUndefined();
  });
});
