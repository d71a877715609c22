// Copies non-TypeScript assets (guideline data files, fonts) from src/ to dist/ so the
// compiled program finds them at the same relative paths as the sources do.
import { cpSync, existsSync } from 'node:fs';

if (existsSync('src')) {
  cpSync('src', 'dist', { recursive: true, filter: (from) => !/\.tsx?$/.test(from) });
}
