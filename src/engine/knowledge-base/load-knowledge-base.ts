import { GUIDELINES_DIR, readGuidelineFiles } from '../../guidelines/load.js';
import { buildKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';

const cache = new Map<string, KnowledgeBase>();

/** Loads, validates and compiles every topic under `dir`/topics and the findings vocabulary of `dir`/findings (cached per folder). */
export function loadKnowledgeBase(dir: string = GUIDELINES_DIR): KnowledgeBase {
  const hit = cache.get(dir);
  if (hit) return hit;
  const files = readGuidelineFiles(dir);
  const kb = buildKnowledgeBase(files.topics, files.findings, files.calibration, files.editions);
  cache.set(dir, kb);
  return kb;
}
