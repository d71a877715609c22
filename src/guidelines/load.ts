import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, LineCounter, parse as parseYaml, parseDocument } from 'yaml';
import { ImrError } from '../errors/imr-error.js';

/**
 * Reads the guideline data files (topics, findings vocabulary, calibration model) as parsed data.
 * Compiling them against the engine's criterion types is the engine's part (src/engine/knowledge-base).
 */

/** The folder holding the guideline data files: topics/, findings/ and the rest (next to this module in src/ and dist/). */
export const GUIDELINES_DIR = path.dirname(fileURLToPath(import.meta.url));

/** A parsed data file and where it came from (for error messages). */
export interface DataFile {
  path: string;
  data: unknown;
  /** The file's text where it was read from disk: tells the line of a problem. */
  text?: string;
}

/** Every data file of a guideline folder. */
interface GuidelineFiles {
  topics: DataFile[];
  /** The findings vocabulary, one file per clinical area (findings/*.yaml, in name order). */
  findings: DataFile[];
  calibration: DataFile;
  /** The MTUS editions the knowledge base does not hold (mtus-editions.yaml). */
  editions: DataFile;
}

/** Reads and parses one YAML (or JSON) data file; throws IMR_ERR_FILE_NOT_FOUND or IMR_ERR_GUIDELINE_INVALID. */
export function readDataFile(file: string): DataFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `Cannot read guideline file ${file}; check the installation.`, { cause: e, subject: file });
  }
  try {
    return { path: file, data: parseYaml(text), text };
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

/**
 * The *.yaml files directly in `dir` (the findings vocabulary's folder), in name order; throws
 * IMR_ERR_FILE_NOT_FOUND where the folder cannot be read or holds none.
 */
function listFindingsFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
      .map((e) => e.name);
  } catch (e) {
    throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `Cannot read the findings vocabulary folder ${dir}; check the installation.`, { cause: e, subject: dir });
  }
  if (!names.length) throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `The findings vocabulary folder ${dir} holds no .yaml file; check the installation.`, { subject: dir });
  return names.sort().map((n) => path.join(dir, n));
}

/** Reads every topic under `dir`/topics, every file of `dir`/findings, `dir`/calibration.json and `dir`/mtus-editions.yaml (not validated). */
export function readGuidelineFiles(dir: string = GUIDELINES_DIR): GuidelineFiles {
  return {
    topics: listTopicFiles(path.join(dir, 'topics')).map(readDataFile),
    findings: listFindingsFiles(path.join(dir, 'findings')).map(readDataFile),
    calibration: readDataFile(path.join(dir, 'calibration.json')),
    editions: readDataFile(path.join(dir, 'mtus-editions.yaml')),
  };
}

/** Reads `dir`/anatomy.yaml, the anatomy tables of region-bound findings (not validated: src/guidelines/anatomy-schema.ts). */
export function readAnatomyFile(dir: string = GUIDELINES_DIR): DataFile {
  return readDataFile(path.join(dir, 'anatomy.yaml'));
}

/**
 * The line (1-based) of the value at `at` in the file's text (of the nearest enclosing value where
 * that one is missing), or null where the file has no text.
 */
export function lineOf(file: DataFile, at: readonly PropertyKey[]): number | null {
  if (file.text === undefined) return null;
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter });
  for (let k = at.length; k >= 0; k--) {
    const keys = at.slice(0, k).map((x) => (typeof x === 'symbol' ? String(x) : x));
    const node: unknown = k === 0 ? doc.contents : doc.getIn(keys, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return null;
}

/** The line (1-based) of the top-level key `key` in the file's text, or null where the file has no text or no such key. */
export function lineOfKey(file: DataFile, key: string): number | null {
  if (file.text === undefined) return null;
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter });
  if (!isMap(doc.contents)) return null;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  const range = isScalar(pair?.key) ? pair.key.range : undefined;
  return range ? lineCounter.linePos(range[0]).line : null;
}
