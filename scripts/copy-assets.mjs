// Copies non-TypeScript assets (guideline data files: topics/, findings/, calibration.json,
// mtus-editions.yaml; fonts) from src/ to dist/ so the compiled program finds them at the same
// relative paths as the sources do. The loader reads the guideline folders by listing them, so a
// data file of an earlier build that src/ no longer has (e.g. the former guidelines/findings.yaml)
// is removed from dist/guidelines first.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const DATA_FILE = /\.(?:ya?ml|json)$/;

/** Removes the data files under `dist` that have no counterpart under `src`. */
function pruneStaleData(dist, src) {
  if (!existsSync(dist)) return;
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    const d = path.join(dist, entry.name);
    const s = path.join(src, entry.name);
    if (entry.isDirectory()) pruneStaleData(d, s);
    else if (DATA_FILE.test(entry.name) && !existsSync(s)) rmSync(d);
  }
}

if (existsSync('src')) {
  pruneStaleData(path.join('dist', 'guidelines'), path.join('src', 'guidelines'));
  cpSync('src', 'dist', { recursive: true, filter: (from) => !/\.tsx?$/.test(from) });
}
