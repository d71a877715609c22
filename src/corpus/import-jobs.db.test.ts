import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import type { ImportSummary } from './import/importer.js';
import { ImportJobStore, INTERRUPTED_MESSAGE } from './import-jobs.js';

const T0 = new Date('2026-03-02T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const counts = (done: number, total = 100) => ({ total, done, imported: done, present: 0, failed: 0 });

function summary(over: Partial<ImportSummary> = {}): ImportSummary {
  return {
    files: 3, imported: 1, present: 1, letters: 1, items: 2, elapsedMs: 40, rate: 25,
    failed: [{ file: 'broken.pdf', code: 'IMR_ERR_PDF_INVALID', reason: 'broken.pdf: not a readable PDF' }], ...over,
  };
}

describe.each(testDialects())('corpus import jobs on %s', (dialect) => {
  let database: Database;
  let jobs: ImportJobStore;

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    jobs = new ImportJobStore(database);
  });
  afterEach(async () => {
    await database?.close();
  });

  it('records a job from creation through progress to its summary', async () => {
    const job = await jobs.create({ requestedBy: null, total: 3, at: T0 });
    expect(job).toMatchObject({ status: 'running', startedAt: T0.toISOString(), finishedAt: null, progress: counts(0, 3), summary: null, error: null });
    await jobs.updateProgress(job.id, { total: 3, done: 2, imported: 1, present: 1, failed: 0 }, at(500));
    expect((await jobs.get(job.id, at(600)))?.progress).toEqual({ total: 3, done: 2, imported: 1, present: 1, failed: 0 });

    await jobs.finish(job.id, summary(), at(1000));
    const done = await jobs.get(job.id, at(1100));
    expect(done).toMatchObject({ status: 'done', finishedAt: at(1000).toISOString(), progress: { total: 3, done: 3, imported: 1, present: 1, failed: 1 }, error: null });
    expect(done?.summary).toEqual(summary());
    // A late progress write never turns a finished job back.
    await jobs.updateProgress(job.id, counts(1, 3), at(1200));
    expect((await jobs.get(job.id, at(1300)))?.status).toBe('done');
    expect(await jobs.get('no-such-job', at(0))).toBeNull();
  });

  it('records a failed job with its message', async () => {
    const job = await jobs.create({ requestedBy: null, total: 5, at: T0 });
    await jobs.fail(job.id, 'The import stopped unexpectedly; upload the files again.', at(200), counts(2, 5));
    expect(await jobs.get(job.id, at(300))).toMatchObject({ status: 'failed', finishedAt: at(200).toISOString(), progress: counts(2, 5), error: 'The import stopped unexpectedly; upload the files again.' });
  });

  it('writes progress at most about once a second, however often it is reported', async () => {
    let now = T0;
    const job = await jobs.create({ requestedBy: null, total: 100, at: T0 });
    const writer = jobs.progressWriter(job.id, { now: () => now });
    for (let n = 1; n <= 50; n++) writer.report(counts(n));
    await writer.settled();
    // Within the same second only the first report reached the database.
    expect((await jobs.get(job.id, now))?.progress).toEqual(counts(1));
    now = at(400);
    writer.report(counts(60));
    await writer.settled();
    expect((await jobs.get(job.id, now))?.progress).toEqual(counts(1));
    now = at(1100);
    writer.report(counts(70));
    await writer.settled();
    expect((await jobs.get(job.id, now))?.progress).toEqual(counts(70));
    await writer.stop();
    now = at(2500);
    writer.report(counts(99)); // after stop: dropped
    await writer.settled();
    expect((await jobs.get(job.id, now))?.progress).toEqual(counts(70));
    await jobs.finish(job.id, summary({ files: 100, imported: 100, present: 0, failed: [] }), at(2000));
    expect((await jobs.get(job.id, at(2000)))?.progress).toEqual(counts(100));
  });

  it('marks jobs left running by a stopped process interrupted, and leaves live and finished ones alone', async () => {
    const fresh = jobs;
    const stopped = await fresh.create({ requestedBy: null, total: 10, at: T0 });
    await fresh.updateProgress(stopped.id, counts(4, 10), at(1000));
    const live = await fresh.create({ requestedBy: null, total: 10, at: at(9 * 60_000) });
    const finished = await fresh.create({ requestedBy: null, total: 3, at: T0 });
    await fresh.finish(finished.id, summary(), at(500));

    const now = at(10 * 60_000);
    expect(await fresh.markInterrupted(now)).toBe(1);
    expect(await fresh.get(stopped.id, now)).toMatchObject({ status: 'interrupted', finishedAt: now.toISOString(), progress: counts(4, 10), error: INTERRUPTED_MESSAGE });
    expect((await fresh.get(live.id, now))?.status).toBe('running');
    expect((await fresh.get(finished.id, now))?.status).toBe('done');
    expect(await fresh.markInterrupted(now)).toBe(0);

    // A running job whose heartbeat stops is reported interrupted when read, without a restart.
    const later = at(20 * 60_000);
    expect(await fresh.get(live.id, later)).toMatchObject({ status: 'interrupted', error: INTERRUPTED_MESSAGE });
    expect(await fresh.markInterrupted(later)).toBe(0);
  });

  it('lists recent jobs newest first, limited', async () => {
    const list = jobs;
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push((await list.create({ requestedBy: null, total: 1, at: at(n * 1000) })).id);
    await list.finish(ids[1], summary({ files: 1, imported: 1, present: 0, failed: [] }), at(1500));
    const recent = await list.listRecent(3, at(5000));
    expect(recent.map((j) => j.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect((await list.listRecent(10, at(5000))).map((j) => j.id)).toEqual([...ids].reverse());
    expect((await list.listRecent(10, at(5000)))[3].status).toBe('done');
  });
});
