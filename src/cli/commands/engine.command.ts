import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { ImrError } from '../../errors/imr-error.js';
import { isValidIsoDate } from '../../shared/iso-date.js';
import { action, commandGroup, type CliContext } from '../context.js';
import { defaultReaders, loadKnowledgeBase } from '../../engine/index.js';
import { calibrationSamples } from '../../engine/audit/audit-cv.js';
import { fitCalibration } from '../../engine/calibration/fit.js';
import { calibrationModelSchema } from '../../engine/calibration/model.js';
import { reliability } from '../../engine/calibration/metrics.js';
import { positiveInt, printReliability, readLetters, today } from './audit.command.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(1)}%`);

/**
 * `imr engine calibrate LETTER...`: decides published letters blind with the current knowledge base,
 * fits the calibration model (penalised logistic regression, letter-level cross-validation) and
 * writes it. To retrain on your own letters: `imr engine calibrate letters/*.pdf --out calibration.json`.
 */
export function registerEngineCommands(program: Command, ctx: CliContext): void {
  commandGroup(program, 'engine', 'The decision engine: calibration of the probability of overturn')
    .command('calibrate')
    .description('Fit the calibration model (probability of overturn, flag thresholds) on published letters, with letter-level cross-validation')
    .argument('<letters...>', 'letter files (PDF or text)')
    .option('--out <file>', 'write the model JSON here (default: print it on stdout, the report on stderr)')
    .option('--folds <N>', 'letter-level cross-validation folds (default 10; leave-one-letter-out with fewer letters)')
    .option('--penalty <X>', 'a fixed L2 penalty instead of choosing one by inner cross-validation')
    .option('--seed <N>', 'seed of the fold assignment (default 2016)')
    .option('--date <YYYY-MM-DD>', 'the date recorded in the model (default: today)')
    .action(
      action(ctx, async (files: string[], opts: { out?: string; folds?: string; penalty?: string; seed?: string; date?: string }) => {
        const folds = positiveInt(opts.folds, '--folds');
        const seed = positiveInt(opts.seed, '--seed');
        const penalty = opts.penalty === undefined ? undefined : Number(opts.penalty);
        if (penalty !== undefined && !(Number.isFinite(penalty) && penalty >= 0)) throw new ImrError('IMR_ERR_USAGE', `--penalty takes a number of at least 0; got "${opts.penalty}".`);
        const date = opts.date ?? today();
        if (!isValidIsoDate(date)) throw new ImrError('IMR_ERR_INVALID_DATE', `--date must be a date in YYYY-MM-DD form; got "${date}".`);
        // The report goes where the model does not: stdout when the model is written to a file.
        const report = (t: string) => (opts.out ? ctx.io.out(t) : ctx.io.err(t));
        const { letters, errors } = await readLetters(ctx, files, false);
        const samples = calibrationSamples(letters, loadKnowledgeBase(), defaultReaders);
        const fit = fitCalibration(samples, { folds, seed, penalty, date });
        const model = calibrationModelSchema.parse(fit.model);
        const cv = model.crossValidation!;
        const p = fit.outOfFold.map((o) => o.pOverturn);
        const y = fit.outOfFold.map((o) => o.sample.overturned);
        report(`letters ${model.fittedOn.letters}, items ${model.fittedOn.items}, Overturned ${model.fittedOn.overturned} (${pct(model.fittedOn.items ? model.fittedOn.overturned / model.fittedOn.items : 0)})${errors ? `, unreadable files ${errors}` : ''}\n`);
        report(`cross-validated: ${cv.folds} letter-level folds, penalty chosen per fold by inner cross-validation (${fit.foldPenalties.join(', ')}); final ${fit.penalty}\n`);
        report(`  AUC                    ${cv.auc === null ? 'n/a' : cv.auc.toFixed(3)} pooled out of fold; ${cv.meanFoldAuc == null ? 'n/a' : cv.meanFoldAuc.toFixed(3)} mean of ${cv.foldsWithAuc ?? 0} folds' own AUC\n`);
        report(`  base rate              ${(100 * fit.model.baseRate).toFixed(1)}% (moved to the statewide overturn share; this sample ${(100 * (samples.filter((x) => x.overturned).length / samples.length)).toFixed(1)}%)\n`);
        report(`  Brier                  ${cv.brier.toFixed(4)} (base rate ${cv.baseRateBrier.toFixed(4)}; lower is better)\n`);
        report(`  thresholds             flag an Upheld lean at pOverturn >= ${model.thresholds.flagUpheldAbove}, an Overturned lean below ${model.thresholds.flagOverturnedBelow}\n`);
        report(`  drafted without a flag ${pct(cv.unflaggedShare)} of items, ${pct(cv.unflaggedAccuracy)} of them right\n`);
        report(`  Overturned caught      ${pct(cv.overturnedCaught)} (drafted Overturned or flagged)\n`);
        report(`reliability (out of fold)\n`);
        printReliability(report, reliability(p, y));
        const json = JSON.stringify(model, null, 2) + '\n';
        if (opts.out) {
          await writeFile(opts.out, json);
          report(`model ${model.version} written to ${opts.out}\n`);
        } else ctx.io.out(json);
        return errors > 0 ? 1 : 0;
      }),
    );
}
