// knip: unused files, exports, types and dependencies. Run by `npm run lint` (so by `npm test`).
// Entries knip finds by itself are not repeated here (it says so when one is): the files the package.json
// scripts run with tsx (bench/run.ts, the fuzz CLI), the workbench through `vite build --config
// web/vite.config.ts` (index.html, then web/src/main.tsx), and every test through vitest.config.ts.
// Tests count as users of what they import.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // The `imr` command. bin/imr.js and the scripts run the compiled dist/cli/main.js, which knip does not
    // follow into src/; main.ts imports its command modules lazily with literal paths, which knip follows.
    'src/cli/main.ts',
    // The migrator imports every file of the directory by name at run time (src/db/migrate.ts).
    'src/db/migrations/[0-9]*_*.ts',
    // bench/run.ts imports each *.bench.ts by a name it reads from the directory; the API bench spawns
    // bare-json-server.ts as a child process by its path.
    'bench/*.bench.ts',
    'bench/bare-json-server.ts',
    // `npm run build` runs the asset copy.
    'scripts/*.mjs',
  ],
  project: ['src/**/*.ts', 'web/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.mjs', 'bin/**/*.js'],
  // System programs the OCR reader and the page-image route run (Debian's poppler-utils and tesseract-ocr,
  // installed by .ci/run), not npm packages.
  ignoreBinaries: ['pdftoppm', 'pdfinfo', 'tesseract'],
};

export default config;
