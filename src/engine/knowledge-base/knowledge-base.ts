/**
 * The guideline knowledge base compiled for the engine: the topic data files (src/guidelines), checked
 * against the criterion types and their parameters, their terms and findings made into matchers.
 */
import { ImrError } from '../../errors/imr-error.js';
import { zodProblems } from '../../errors/zod-problems.js';
import { CRITERION_TYPES } from '../evaluate/criteria/registry.js';
import type { CriterionType } from '../evaluate/criteria/criterion.js';
import type { FindingDefinition } from '../evaluate/record-search.js';
import { anyPhraseRegex, phraseRegex } from '../evaluate/record-search.js';
import type { CriterionSpec, MtusEdition, Topic } from '../../guidelines/schema.js';
import { lineOf, type DataFile } from '../../guidelines/load.js';
import { parseEditionsFile, parseFindingsFiles, parseTopicFile } from '../../guidelines/validate.js';
import type { EvidenceKind } from '../evidence-kind.js';
import { baseRateModel, calibrationModelSchema, type CalibrationModel } from '../calibration/model.js';

/** A criterion ready to run: its spec, its type and its validated parameters. */
interface CompiledCriterion {
  spec: CriterionSpec;
  type: CriterionType<unknown>;
  params: unknown;
}

export interface CompiledTopic {
  topic: Topic;
  /** All the topic's terms as one global matcher (the longest match scores). */
  terms: RegExp;
  requireAny: RegExp[];
  excludeTerms: RegExp[];
  criteria: CompiledCriterion[];
}

/** One version of the guideline knowledge base: every topic and the findings vocabulary. */
export interface KnowledgeBase {
  topics: CompiledTopic[];
  findings: Map<string, FindingDefinition>;
  /** The calibration model that turns a draft into a probability of overturn (calibration.json). */
  calibration: CalibrationModel;
  /** MTUS editions the knowledge base does not hold (a draft under a family they supersede is flagged). */
  editions: MtusEdition[];
}

/** The model used where no calibration file is given: the share of Overturned items in published letters. */
const DEFAULT_BASE_RATE = 0.1;

/** Where a finding names no kinds: statements of the worker's condition and care (not a diagnosis as listed, a plan, a review or administrative text). */
const DEFAULT_FINDING_KINDS: readonly EvidenceKind[] = ['exam', 'test', 'complaint', 'history'];

/** "file:line" of the value at `path` in a data file ("file" where the file has no text). */
function at(file: DataFile, path: readonly PropertyKey[]): string {
  const line = lineOf(file, path);
  return line === null ? file.path : `${file.path}:${line}`;
}

/** Compiles one pattern; `where` (worked out only for a bad pattern) names it in the error. */
function compileRegex(src: string, where: () => string): RegExp {
  try {
    return new RegExp(src, 'i');
  } catch {
    throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${where()}: "${src}" is not a valid regular expression; fix the pattern.`);
  }
}

/** One matcher for several patterns (checked one by one first, so a bad pattern is named with its file and line). */
function combine(patterns: string[], where: (index: number) => string): RegExp[] {
  patterns.forEach((p, i) => compileRegex(p, () => where(i)));
  return patterns.length ? [new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i')] : [];
}

/**
 * Builds the knowledge base from parsed topic files, the files of the findings vocabulary (merged in the order
 * given) and the calibration model; throws IMR_ERR_GUIDELINE_INVALID.
 */
export function buildKnowledgeBase(topicFiles: DataFile[], findingsFiles: readonly DataFile[], calibrationFile?: DataFile, editionsFile?: DataFile): KnowledgeBase {
  let calibration: CalibrationModel = baseRateModel(DEFAULT_BASE_RATE);
  if (calibrationFile) {
    const cr = calibrationModelSchema.safeParse(calibrationFile.data);
    if (!cr.success)
      throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${calibrationFile.path} is not a valid calibration model; refit it with imr engine calibrate or fix the fields listed.`, { details: zodProblems(cr.error), subject: calibrationFile.path });
    calibration = cr.data;
  }
  const findings = new Map<string, FindingDefinition>();
  const parsedFindings = parseFindingsFiles(findingsFiles);
  for (const { key, finding: f, file } of parsedFindings)
    findings.set(key, {
      label: f.label,
      present: combine(f.present, (i) => `${at(file, [key, 'present', i])} ${key}`),
      absent: combine(f.absent, (i) => `${at(file, [key, 'absent', i])} ${key}`),
      accepts: f.accepts ?? DEFAULT_FINDING_KINDS,
      ...(f.regionScope ? { regionScope: f.regionScope } : {}),
    });
  // `includes`: an included finding's own presence patterns (one level: an included finding's includes are not followed).
  const own = new Map(findings);
  for (const { key, finding: f, file } of parsedFindings) {
    if (!f.includes) continue;
    const present = [...own.get(key)!.present];
    f.includes.forEach((other, i) => {
      const included = own.get(other);
      if (!included || other === key)
        throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${at(file, [key, 'includes', i])}: ${key} includes "${other}", which ${other === key ? 'is the finding itself' : 'the findings vocabulary does not define'}; fix the name.`);
      present.push(...included.present);
    });
    findings.set(key, { ...own.get(key)!, present });
  }

  const topics: CompiledTopic[] = [];
  const ids = new Set<string>();
  for (const file of topicFiles) {
    const topic = parseTopicFile(file);
    if (ids.has(topic.id)) throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${at(file, ['id'])}: topic id "${topic.id}" is used twice; give each topic its own id.`);
    ids.add(topic.id);
    const criteria = topic.criteria.map((spec, i): CompiledCriterion => {
      const type = CRITERION_TYPES[spec.type];
      if (!type)
        throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${at(file, ['criteria', i, 'type'])}: criteria[${i}] has unknown type "${spec.type}"; use one of ${Object.keys(CRITERION_TYPES).join(', ')}.`);
      const p = type.params.safeParse(spec.params);
      if (!p.success)
        throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${at(file, ['criteria', i, 'params', ...(p.error.issues[0]?.path ?? [])])}: criteria[${i}] (${spec.type}) has invalid params; fix the fields listed.`, { details: zodProblems(p.error), subject: file.path });
      for (const key of type.findingKeys?.(p.data) ?? [])
        if (!findings.has(key))
          throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${at(file, ['criteria', i, 'params'])}: criteria[${i}] refers to finding "${key}", which the findings vocabulary does not define; add it or fix the name.`);
      return { spec, type, params: p.data };
    });
    topics.push({
      topic,
      terms: anyPhraseRegex(topic.covers.terms),
      requireAny: topic.covers.requireAny.map(phraseRegex),
      excludeTerms: topic.covers.excludeTerms.map(phraseRegex),
      criteria,
    });
  }
  const editions = editionsFile ? parseEditionsFile(editionsFile) : [];
  return { topics, findings, calibration, editions };
}
