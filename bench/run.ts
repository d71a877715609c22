/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line,
 * e.g. `npm run bench -- letters`). Each prints its figures and the ratio to its baseline,
 * measured in the same run. Benchmarks never run in `npm test`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

for (const f of files) {
  console.log(`\n=== ${f.replace('.bench.ts', '')} ===`);
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: () => Promise<void> };
  await mod.default();
}
