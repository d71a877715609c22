import path from 'node:path';
import { repoRoot } from '../../../shared/test-support/shared-data.js';

export { haveSeeds, havePdfs, pdfDir, pdfFiles, repoRoot, seedFiles, seedsDir } from '../../../shared/test-support/shared-data.js';
export const fixturesDir = path.resolve(repoRoot, 'src/letters/read/fixtures');
