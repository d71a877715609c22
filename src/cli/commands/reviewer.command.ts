import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ImrError } from '../../errors/imr-error.js';
import { checkQualification } from '../../service/domain/index.js';
import { parseReviewerCsv, REVIEWER_CSV_COLUMNS } from '../../service/use-cases/reviewer-csv.js';
import { registerReviewers } from '../../service/use-cases/reviewers.use-case.js';
import { action, commandGroup, type CliContext } from '../context.js';
import { withServices } from '../../service/use-cases/open-services.js';
import { DATA_DIR_HELP, serviceListCommand } from '../service-list.js';

/** `imr reviewer import|list`: the reviewer registry. */
export function registerReviewerCommands(program: Command, ctx: CliContext): void {
  const reviewer = commandGroup(program, 'reviewer', 'The expert reviewer registry');
  reviewer
    .command('import <file>')
    .description(`Import reviewers from a CSV with the header ${REVIEWER_CSV_COLUMNS.join(',')} (lists separated by ";", affiliations as kind:name); every row is checked and nothing is imported if any row is bad`)
    .option('--dry-run', 'check the file only')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (file: string, opts: { dryRun?: boolean; dataDir?: string; json?: boolean }) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `Cannot read ${file}; check the path.`, { subject: file, cause: e });
        }
        const reviewers = parseReviewerCsv(text);
        const rows = reviewers.map((r) => ({ id: r.id, specialty: r.specialty, qualified: checkQualification(r).qualified }));
        if (!opts.dryRun) {
          await withServices(opts, async (s) => {
            const existing = [];
            for (const r of reviewers) if (await s.reviewers.get(r.id)) existing.push(r.id);
            if (existing.length) throw new ImrError('IMR_ERR_DUPLICATE', `Reviewer id(s) ${existing.join(', ')} already exist; nothing was imported. Remove those rows or change their ids.`);
            await registerReviewers(s, null, reviewers);
          });
        }
        if (opts.json) ctx.io.out(JSON.stringify({ imported: opts.dryRun ? 0 : reviewers.length, checked: reviewers.length, reviewers: rows }) + '\n');
        else {
          ctx.io.out(`${opts.dryRun ? 'checked' : 'imported'} ${reviewers.length} reviewer(s)\n`);
          for (const r of rows) ctx.io.out(`  ${r.id.padEnd(20)} ${r.specialty.padEnd(40)} ${r.qualified ? 'qualified' : 'NOT qualified'}\n`);
        }
      }),
    );
  serviceListCommand(
    reviewer,
    ctx,
    'List reviewers with their qualification',
    async (s) => (await s.reviewers.list()).map((r) => ({ ...r, qualification: checkQualification(r) })),
    (r) => `${r.id.padEnd(20)} ${r.specialty.padEnd(40)} cap ${String(r.capacity).padEnd(4)} ${r.qualification.qualified ? 'qualified' : 'NOT qualified'}`,
  );
}
