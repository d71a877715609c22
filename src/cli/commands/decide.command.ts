import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { ImrError } from '../../errors/imr-error.js';
import { action, type CliContext } from '../context.js';
import { caseFileJsonSchema, decideCase, loadKnowledgeBase, parseCaseFile, type ItemDecision } from '../../engine/index.js';
import { outcomeLabel, overturnSentence } from '../../service/use-cases/draft-outcome.js';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function printDecision(ctx: CliContext, n: number, d: ItemDecision): void {
  const mark = (s: string) => (s === 'met' ? '+' : s === 'not_met' ? '-' : s === 'not_applicable' ? '·' : '?');
  ctx.io.out(`${n}. ${d.request}: ${outcomeLabel(d)}${d.needsReviewer ? ` (leans ${d.decision})` : ''}\n`);
  if (d.needsReviewer && d.reviewReason) ctx.io.out(`   Why: ${d.reviewReason}${d.reviewCodes.length ? ` [${d.reviewCodes.join(', ')}]` : ''}\n`);
  const p = overturnSentence(d.pOverturn);
  if (p) ctx.io.out(`   ${p}\n`);
  ctx.io.out(`   Guideline: ${d.citation.raw}${d.guidelineVersion ? ` [${d.topicId} / ${d.guidelineVersion}]` : ''}\n`);
  for (const c of d.criteria) ctx.io.out(`   ${mark(c.status)} ${c.statement} — ${c.finding}${c.verified ? '' : ' (rule unverified)'}\n`);
  for (const g of d.documentationGaps) ctx.io.out(`   gap: ${g}\n`);
  ctx.io.out(`   Rationale: ${d.rationale}\n\n`);
}

/** `imr decide CASE.json`: drafts each disputed item's decision from a case file. */
export function registerDecideCommands(program: Command, ctx: CliContext): void {
  program
    .command('decide')
    .description("Draft each disputed item's decision (decision, citation, criteria, evidence, rationale) from a case file")
    .argument('[case]', 'the case file (JSON); see --schema')
    .option('--json', 'print the decisions as JSON')
    .option('--schema', 'print the JSON Schema of the case file and exit')
    .option('--as-of <date>', 'decide as of this date (YYYY-MM-DD) when the case has no UR decision date (default: today)')
    .action(
      action(ctx, async (file: string | undefined, opts: { json?: boolean; schema?: boolean; asOf?: string }) => {
        if (opts.schema) {
          ctx.io.out(JSON.stringify(caseFileJsonSchema(), null, 2) + '\n');
          return;
        }
        if (!file) throw new ImrError('IMR_ERR_USAGE', 'Give the case file: imr decide CASE.json (see imr decide --schema).');
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (e) {
          throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `${file}: cannot be read; check the path.`, { subject: file, cause: e });
        }
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (e) {
          throw new ImrError('IMR_ERR_INVALID_JSON', `${file} is not valid JSON: ${(e as Error).message}`, { subject: file, cause: e });
        }
        const caseFile = parseCaseFile(json);
        if (!caseFile.urDecisionDate && !caseFile.asOf) caseFile.asOf = parseCaseFile({ ...caseFile, asOf: opts.asOf ?? today() }).asOf;
        const decisions = decideCase(caseFile, loadKnowledgeBase());
        if (opts.json) ctx.io.out(JSON.stringify({ caseNumber: caseFile.caseNumber ?? null, decisions }, null, 2) + '\n');
        else decisions.forEach((d, i) => printDecision(ctx, i + 1, d));
      }),
    );
}
