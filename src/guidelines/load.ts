import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ImrError } from '../errors/imr-error.js';
import { buildKnowledgeBase, type DataFile, type KnowledgeBase } from './knowledge-base.js';

/** The folder holding the topic data files and findings.yaml (next to this module in src/ and dist/). */
export const GUIDELINES_DIR = path.dirname(fileURLToPath(import.meta.url));

function readYaml(file: string): DataFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `Cannot read guideline file ${file}; check the installation.`, { cause: e, subject: file });
  }
  try {
    return { path: file, data: parseYaml(text) };
  } catch (e) {
    throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, { cause: e, subject: file });
  }
}

function listTopicFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTopicFiles(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

const cache = new Map<string, KnowledgeBase>();

/** Loads and validates every topic under `dir`/topics and `dir`/findings.yaml (cached per folder). */
export function loadKnowledgeBase(dir: string = GUIDELINES_DIR): KnowledgeBase {
  const hit = cache.get(dir);
  if (hit) return hit;
  const kb = buildKnowledgeBase(
    listTopicFiles(path.join(dir, 'topics')).map(readYaml),
    readYaml(path.join(dir, 'findings.yaml')),
    readYaml(path.join(dir, 'calibration.json')),
  );
  cache.set(dir, kb);
  return kb;
}
