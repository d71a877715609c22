import type { Letter } from '../../letters/model.js';
import type { KnowledgeBase } from '../knowledge-base/knowledge-base.js';
import { calibrationInputOf, type EngineReaders } from '../evaluate/evaluate.js';
import { baseRateModel, type CalibrationModel } from '../calibration/model.js';
import { DEFAULT_SEED, fitCalibration, foldCount, letterFolds, type CalibrationSample, type FitOptions } from '../calibration/fit.js';
import { auditLetter, type AuditLetterResult } from './audit.js';

/**
 * Calibration samples from published letters, and the audit whose probabilities come from models
 * never fitted on the letter they score.
 */

export interface ReadLetter {
  /** The letter's id (its file). */
  file: string;
  letter: Letter;
}

/**
 * The knowledge base with a model that adds no probability flag, so a draft's calibration input
 * (its rule flags, including depends_on_flagged) does not depend on whichever model is shipped:
 * refitting gives the same samples whatever calibration.json holds.
 */
export function neutralKnowledgeBase(kb: KnowledgeBase): KnowledgeBase {
  return { ...kb, calibration: baseRateModel(kb.calibration.baseRate, kb.calibration.fittedOn.date) };
}

/** One sample per item: the draft decided blind (neutral model), and whether the letter overturned it. */
export function calibrationSamples(letters: readonly ReadLetter[], kb: KnowledgeBase, readers: EngineReaders): CalibrationSample[] {
  const neutral = neutralKnowledgeBase(kb);
  return letters.flatMap(({ file, letter }) =>
    auditLetter(file, letter, neutral, readers).items.map((i) => ({ letter: file, input: calibrationInputOf(i.engine, neutral), overturned: i.letter.decision === 'Overturned' })),
  );
}

export interface CrossValidatedAudit {
  results: AuditLetterResult[];
  folds: number;
  /** The model each fold's letters were decided with (fitted on the other folds' letters). */
  foldModels: CalibrationModel[];
  /** Letter (file) → its fold. */
  foldOf: Map<string, number>;
}

/**
 * `imr audit --cv K`: the letters dealt into K letter-level folds; for each fold, the calibration is
 * refitted (with its own inner cross-validation for penalty and thresholds) on the other folds'
 * letters, and the fold's letters are decided again with that model. Each letter is prepared anew
 * per fold (drafts are memoised on a prepared case). A fold whose training letters hold only one
 * outcome gets their base rate.
 */
export function auditCrossValidated(
  letters: readonly ReadLetter[],
  kb: KnowledgeBase,
  readers: EngineReaders,
  opts: { folds: number; seed?: number; date: string; fit?: Omit<FitOptions, 'date' | 'seed'> },
): CrossValidatedAudit {
  const seed = opts.seed ?? DEFAULT_SEED;
  const files = letters.map((l) => l.file);
  const folds = letterFolds(files, opts.folds, seed);
  const k = foldCount(files, opts.folds);
  const samples = calibrationSamples(letters, kb, readers);
  const byFile = new Map<string, AuditLetterResult>();
  const foldModels: CalibrationModel[] = [];
  for (let f = 0; f < k; f++) {
    const train = samples.filter((s) => folds.get(s.letter) !== f);
    const overturned = train.filter((s) => s.overturned).length;
    // Where the other folds hold only one outcome there is nothing to fit: their base rate stands.
    const model =
      overturned === 0 || overturned === train.length || new Set(train.map((s) => s.letter)).size < 2
        ? baseRateModel(train.length ? overturned / train.length : kb.calibration.baseRate, opts.date)
        : fitCalibration(train, { ...opts.fit, seed, date: opts.date }).model;
    foldModels.push(model);
    const foldKb: KnowledgeBase = { ...kb, calibration: model };
    for (const l of letters) if (folds.get(l.file) === f) byFile.set(l.file, auditLetter(l.file, l.letter, foldKb, readers));
  }
  return { results: letters.map((l) => byFile.get(l.file)!), folds: k, foldModels, foldOf: folds };
}
