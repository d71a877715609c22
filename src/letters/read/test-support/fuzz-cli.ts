/**
 * `npm run fuzz`: the fuzzing suite at release size. FUZZ_COUNT (or the first argument) inputs,
 * FUZZ_SEED (or the second) as the seed; prints how the inputs ended and every finding, and exits 1
 * when there is one. Replay a finding with the same seed and a count just past its index.
 */
import { defaultSources, runFuzz } from './fuzz-run.js';
import { havePdfs, haveSeeds } from './shared-data.js';

const count = Number(process.argv[2] ?? process.env.FUZZ_COUNT ?? 2000);
const seed = Number(process.argv[3] ?? process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [COUNT] [SEED]   (or FUZZ_COUNT, FUZZ_SEED)');
  process.exit(2);
}
if (!havePdfs && !haveSeeds) {
  console.error('no letters to mutate: ../shared/letters and ../shared/seeds are absent');
  process.exit(2);
}
const sources = await defaultSources();
const started = Date.now();
const report = await runFuzz({
  seed,
  count,
  sources,
  onProgress: (n) => n % 250 === 0 && console.error(`${n}/${count} (${Math.round((Date.now() - started) / 1000)} s)`),
});
console.log(`seed ${seed}: ${report.tried} mutated letters from ${sources.length} originals in ${Math.round((Date.now() - started) / 1000)} s`);
for (const [k, v] of Object.entries(report.outcomes).sort((a, b) => b[1] - a[1])) console.log(`  ${k}: ${v}`);
console.log(`${report.strayRejections} stray promise rejection(s) from pdf.js, survived by the process guard`);
console.log(`${report.findings.length} finding(s)`);
for (const f of report.findings) console.log(`  #${f.index} ${f.source} [${f.what}]: ${f.problem}`);
process.exit(report.findings.length ? 1 : 0);
