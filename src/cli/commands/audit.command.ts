import type { Command } from 'commander';
import { readLetterFile } from '../../letters/read/index.js';
import { toImrError } from '../../errors/imr-error.js';
import { action, type CliContext } from '../context.js';
import { defaultReaders, loadKnowledgeBase } from '../../engine/index.js';
import { auditLetter, summariseAudit, type AuditLetterResult, type AuditSummary } from '../../engine/audit/audit.js';

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

function printSummary(ctx: CliContext, s: AuditSummary): void {
  ctx.io.out(`\nletters ${s.letters}, items ${s.items}${s.counts.errors ? `, unreadable files ${s.counts.errors}` : ''}\n`);
  ctx.io.out(`decision agreement        ${pct(s.decisionAgreement)}\n`);
  ctx.io.out(`overturned recall         ${pct(s.overturnedRecall)} (${s.counts.overturnedBoth} of ${s.counts.overturnedInLetters})\n`);
  ctx.io.out(`overturned precision      ${pct(s.overturnedPrecision)} (${s.counts.overturnedBoth} of ${s.counts.overturnedByEngine})\n`);
  ctx.io.out(`citation family agreement ${pct(s.citationFamilyAgreement)}\n`);
  ctx.io.out(`page agreement            ${pct(s.pageAgreement)} (${s.counts.pagesAgree} of ${s.counts.itemsWithPages} items citing pages)\n`);
}

/** `imr audit LETTER...`: re-decides each published letter's items blind and compares. */
export function registerAuditCommands(program: Command, ctx: CliContext): void {
  program
    .command('audit')
    .description("Decide each letter's items again from its clinical summary and requests alone, blind to its decisions, and compare")
    .argument('<letters...>', 'letter files (PDF or text)')
    .option('--json', 'print JSON Lines: one line per letter, then {"summary": ...}')
    .action(
      action(ctx, async (files: string[], opts: { json?: boolean }) => {
        const kb = loadKnowledgeBase();
        const results: AuditLetterResult[] = [];
        let errors = 0;
        for (const file of files) {
          let r: AuditLetterResult;
          try {
            const { letter } = await readLetterFile(file);
            r = auditLetter(file, letter, kb, defaultReaders);
          } catch (e) {
            errors++;
            const err = toImrError(e);
            if (opts.json) ctx.io.out(JSON.stringify({ file, error: err.toJSON() }) + '\n');
            else ctx.io.err(`${file}: error ${err.code}: ${err.message}\n`);
            continue;
          }
          results.push(r);
          if (opts.json) {
            ctx.io.out(JSON.stringify({ file: r.file, items: r.items.map((i) => ({ request: i.request, letter: i.letter, engine: i.engine, agree: i.agree })) }) + '\n');
          } else {
            ctx.io.out(`${file}\n`);
            for (const i of r.items) {
              const ok = i.agree.decision && i.agree.citationFamily ? 'agree' : 'DIFFER';
              ctx.io.out(`  ${ok.padEnd(6)} ${i.request.slice(0, 60).padEnd(60)} letter ${i.letter.decision}/${i.letter.citation.source}  engine ${i.engine.decision}/${i.engine.citation.source}\n`);
            }
          }
        }
        const summary = summariseAudit(results, errors);
        if (opts.json) ctx.io.out(JSON.stringify({ summary }) + '\n');
        else printSummary(ctx, summary);
        return errors > 0 ? 1 : 0;
      }),
    );
}
