import type { Command } from 'commander';
import { readLetterFile } from '../../letters/read/index.js';
import { ImrError, toImrError } from '../../errors/imr-error.js';
import { action, type CliContext } from '../context.js';
import { defaultReaders, loadKnowledgeBase } from '../../engine/index.js';
import { auditLetter, summariseAudit, type AuditLetterResult, type AuditSummary } from '../../engine/audit/audit.js';
import { auditCrossValidated, type ReadLetter } from '../../engine/audit/audit-cv.js';
import type { Interval, QualityFigures, ReliabilityBin } from '../../engine/calibration/metrics.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
const ci = (i: Interval | null) => (i === null ? 'n/a' : `${pct(i.estimate)} (95% CI ${pct(i.low)}–${pct(i.high)}, resampling letters)`);

/** " (95% CI low–high)" of an interval, or nothing where there is none. */
const range = (i: Interval | null, f: (x: number) => string) => (i === null ? '' : ` (95% CI ${f(i.low)}–${f(i.high)})`);
const signedPts = (i: Interval | null) => {
  if (i === null) return 'n/a';
  const p = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`;
  return `${p(i.estimate)} points (95% CI ${p(i.low)} to ${p(i.high)}, paired, resampling letters)`;
};

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A positive whole number from an option, or a usage error naming the option. */
export function positiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ImrError('IMR_ERR_USAGE', `${option} takes a whole number of at least 1; got "${value}".`);
  return n;
}

/** Reads letter files (PDF or text); unreadable ones are reported (a JSON line with --json, else stderr) and skipped. */
export async function readLetters(ctx: CliContext, files: string[], json: boolean): Promise<{ letters: ReadLetter[]; errors: number }> {
  const letters: ReadLetter[] = [];
  let errors = 0;
  for (const file of files) {
    try {
      letters.push({ file, letter: (await readLetterFile(file)).letter });
    } catch (e) {
      errors++;
      const err = toImrError(e);
      if (json) ctx.io.out(JSON.stringify({ file, error: err.toJSON() }) + '\n');
      else ctx.io.err(`${file}: error ${err.code}: ${err.message}\n`);
    }
  }
  return { letters, errors };
}

export function printReliability(out: (s: string) => void, bins: ReliabilityBin[]): void {
  out(`  pOverturn     items  mean p  overturned\n`);
  for (const b of bins) out(`  ${b.from.toFixed(1)}–${b.to.toFixed(1)}   ${String(b.items).padStart(7)}  ${b.meanPredicted.toFixed(3)}   ${pct(b.observed)}\n`);
}

function printCategories(ctx: CliContext, byCategory: Record<string, QualityFigures>): void {
  ctx.io.out(`\nby category        items  ovt  agree   always-U  unflagged  unfl.right  caught   AUC\n`);
  for (const [cat, f] of Object.entries(byCategory)) {
    ctx.io.out(
      `  ${cat.slice(0, 16).padEnd(16)} ${String(f.items).padStart(5)} ${String(f.overturned).padStart(4)}  ${pct(f.agreement?.estimate).padStart(6)}  ${pct(f.alwaysUpheld?.estimate).padStart(7)}  ${pct(f.unflaggedShare).padStart(8)}  ${pct(f.unflaggedAccuracy).padStart(9)}  ${pct(f.overturnedCaught).padStart(6)}  ${num(f.auc, 2).padStart(5)}\n`,
    );
  }
}

function printSummary(ctx: CliContext, s: AuditSummary, note: string): void {
  const q = s.quality;
  ctx.io.out(`\nletters ${s.letters}, items ${s.items}${s.counts.errors ? `, unreadable files ${s.counts.errors}` : ''}\n`);
  ctx.io.out(`${note}\n`);
  const iv = s.intervals;
  ctx.io.out(`decision agreement        ${ci(q.agreement)}\n`);
  ctx.io.out(`always Upheld (baseline)  ${ci(q.alwaysUpheld)}\n`);
  ctx.io.out(`agreement − baseline      ${signedPts(iv.agreementOverBaseline)}\n`);
  ctx.io.out(`balanced accuracy         ${pct(q.balancedAccuracy)}\n`);
  ctx.io.out(`overturned recall         ${pct(s.overturnedRecall)} (${s.counts.overturnedBoth} of ${s.counts.overturnedInLetters})\n`);
  ctx.io.out(`overturned precision      ${pct(s.overturnedPrecision)} (${s.counts.overturnedBoth} of ${s.counts.overturnedByEngine})\n`);
  ctx.io.out(`pOverturn AUC             ${num(q.auc)}${range(iv.auc, (x) => x.toFixed(2))}\n`);
  ctx.io.out(`pOverturn Brier           ${num(q.brier, 4)} (base rate ${num(q.baseRateBrier, 4)}; lower is better; difference ${iv.brierOverBaseRate ? iv.brierOverBaseRate.estimate.toFixed(4) : 'n/a'}${range(iv.brierOverBaseRate, (x) => x.toFixed(4))})\n`);
  ctx.io.out(`drafted without a flag    ${pct(q.unflaggedShare)}${range(iv.unflaggedShare, pct)} of items, ${pct(q.unflaggedAccuracy)}${range(iv.unflaggedAccuracy, pct)} of them right\n`);
  ctx.io.out(`Overturned caught         ${pct(q.overturnedCaught)}${range(iv.overturnedCaught, pct)} (drafted Overturned or flagged for the reviewer)\n`);
  ctx.io.out(`citation family agreement ${pct(s.citationFamilyAgreement)}\n`);
  ctx.io.out(`page agreement            ${pct(s.pageAgreement)} (${s.counts.pagesAgree} of ${s.counts.itemsWithPages} items citing pages)\n`);
  ctx.io.out(`\nreliability of pOverturn\n`);
  printReliability((t) => ctx.io.out(t), q.reliability);
  printCategories(ctx, q.byCategory);
}

/** `imr audit LETTER...`: re-decides each published letter's items blind and compares. */
export function registerAuditCommands(program: Command, ctx: CliContext): void {
  program
    .command('audit')
    .description("Decide each letter's items again from its clinical summary and requests alone, blind to its decisions, and compare")
    .argument('<letters...>', 'letter files (PDF or text)')
    .option('--json', 'print JSON Lines: one line per letter, then {"summary": ...}')
    .option('--cv <K>', 'refit the calibration on the other folds\' letters and score each of K letter-level folds out of fold (honest figures on letters the shipped model was fitted on)')
    .option('--seed <N>', 'seed of the fold assignment and the bootstrap (default 2016)')
    .action(
      action(ctx, async (files: string[], opts: { json?: boolean; cv?: string; seed?: string }) => {
        const folds = positiveInt(opts.cv, '--cv');
        const seed = positiveInt(opts.seed, '--seed');
        const kb = loadKnowledgeBase();
        const { letters, errors } = await readLetters(ctx, files, Boolean(opts.json));
        let results: AuditLetterResult[];
        let note: string;
        if (folds !== undefined) {
          if (letters.length < 2) throw new ImrError('IMR_ERR_USAGE', '--cv needs at least two readable letters; give more letters or drop --cv.');
          const cv = auditCrossValidated(letters, kb, defaultReaders, { folds, seed, date: today() });
          results = cv.results;
          note = `pOverturn and flags out of fold: ${cv.folds} letter-level folds, the calibration refitted on the other folds' letters each time`;
        } else {
          results = letters.map((l) => auditLetter(l.file, l.letter, kb, defaultReaders));
          const m = kb.calibration;
          note = `pOverturn and flags from the shipped model ${m.version} (fitted on ${m.fittedOn.letters} letters); on letters it was fitted on these are optimistic, use --cv K`;
        }
        for (const r of results) {
          if (opts.json) {
            ctx.io.out(JSON.stringify({ file: r.file, items: r.items.map((i) => ({ request: i.request, letter: i.letter, engine: i.engine, agree: i.agree })) }) + '\n');
          } else {
            ctx.io.out(`${r.file}\n`);
            for (const i of r.items) {
              const ok = i.agree.decision && i.agree.citationFamily ? 'agree' : 'DIFFER';
              const flag = i.engine.needsReviewer ? ` FLAG(${i.engine.reviewCodes.join(',')})` : '';
              ctx.io.out(
                `  ${ok.padEnd(6)} ${i.request.slice(0, 60).padEnd(60)} letter ${i.letter.decision}/${i.letter.citation.source}  engine ${i.engine.decision}/${i.engine.citation.source} p=${i.engine.pOverturn.toFixed(2)}${flag}\n`,
              );
            }
          }
        }
        const summary = summariseAudit(results, errors, { seed });
        if (opts.json) ctx.io.out(JSON.stringify({ summary: { ...summary, crossValidated: folds !== undefined, note } }) + '\n');
        else printSummary(ctx, summary, note);
        return errors > 0 ? 1 : 0;
      }),
    );
}
