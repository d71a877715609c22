import { afterAll, describe, expect, it } from 'vitest';
import { ImrError } from '../errors/imr-error.js';
import { WorkerPool, type StopReason } from './worker-pool.js';
import type { Misbehaviour } from './test-support/misbehaving-worker.js';

const pool = new WorkerPool<Misbehaviour, { threadId: number }>({
  entry: new URL('./test-support/misbehaving-worker.ts', import.meta.url),
  size: 1,
  timeMs: 3_000,
  memoryMb: 64,
  stopped: (label: string, why: StopReason) => new ImrError('IMR_ERR_DOCUMENT_LIMIT', `${label}: stopped (${why})`),
});
afterAll(() => pool.close());

async function failure(p: Promise<unknown>): Promise<ImrError> {
  try {
    await p;
  } catch (e) {
    return e as ImrError;
  }
  throw new Error('expected a failure');
}

describe('the worker pool, when a task misbehaves', () => {
  it('a rejection nothing handles in the worker neither fails the task nor ends the worker', async () => {
    const first = await pool.run('answer', 'a');
    expect(await pool.run('reject-unhandled', 'b')).toEqual(first);
    expect(await pool.run('answer', 'c')).toEqual(first);
  });

  it('a task that never ends is stopped at the time limit, and a fresh worker serves the next task', async () => {
    const before = await pool.run('answer', 'a');
    const e = await failure(pool.run('hang', 'slow.pdf'));
    expect(e.code).toBe('IMR_ERR_DOCUMENT_LIMIT');
    expect(e.message).toBe('slow.pdf: stopped (time)');
    const after = await pool.run('answer', 'c');
    expect(after.threadId).not.toBe(before.threadId);
  });

  it('a worker that exhausts its heap fails its task with the memory limit and is replaced', async () => {
    const e = await failure(pool.run('exhaust-heap', 'big.pdf'));
    expect(e.message).toBe('big.pdf: stopped (memory)');
    expect(await pool.run('answer', 'c')).toHaveProperty('threadId');
  });

  it('a worker that dies fails only its task', async () => {
    expect((await failure(pool.run('die', 'x.pdf'))).message).toBe('x.pdf: stopped (crash)');
    expect(await pool.run('answer', 'c')).toHaveProperty('threadId');
  });

  it('passes catalogue errors through with their code and message', async () => {
    const e = await failure(pool.run('catalogue-error', 'doc.pdf'));
    expect(e).toBeInstanceOf(ImrError);
    expect([e.code, e.message]).toEqual(['IMR_ERR_PDF_INVALID', 'doc.pdf: damaged']);
  });

  it('queues tasks beyond its size and answers them all', async () => {
    const all = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.run('answer', `f${i}`)));
    expect(all).toHaveLength(6);
  });
});
