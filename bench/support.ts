/** Helpers shared by the bench/*.bench.ts files (not a benchmark itself: run.ts runs only *.bench.ts). */
export { pdfDir, repoRoot, seedsDir } from '../src/shared/test-support/shared-data.js';

/** Wall-clock and CPU time (user + system, this process) of `fn`, in ms. The machine may be shared:
 * CPU time is what one core spends, wall time includes waiting for a core. */
export async function timed(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}
