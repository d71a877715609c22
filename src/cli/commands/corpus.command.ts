import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { sql } from 'kysely';
import {
  corpusStats, createSearchIndex, categoriseRequest, CorpusStore, findPrecedents, formatProgress, importLetterPaths,
  parseDimensions, parseFilters, statsToCsv, STAT_DIMENSIONS, csvField, reportTables, REPORT_TABLE_IDS, SMALL_SAMPLE, type CorpusStats, type ImportProgress, type RawFilters, type SearchHit,
} from '../../corpus/index.js';
import { openDatabase, type Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { ImrError } from '../../errors/imr-error.js';
import { action, commandGroup, processIo, type CliContext } from '../context.js';
import { registerSavedSearchCommands, reportSavedSearchNews } from './corpus-saved.command.js';

async function withCorpusDb<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  let database: Database;
  try {
    database = await openDatabase();
  } catch (e) {
    throw new ImrError('IMR_ERR_DATABASE', `The database cannot be opened: ${(e as Error).message}; check DATABASE_URL or IMR_DATA_DIR.`, { cause: e });
  }
  try {
    // Kysely's migrator looks for its tables in the schema it is told (public by default): name the current one.
    let schema = database.schema;
    if (!schema && database.dialect === 'postgres') schema = (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s;
    await migrateToLatest(database.db, { schema });
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** A progress bar on a terminal; elsewhere (pipes, logs, tests) a line every few seconds. */
function progressReporter(ctx: CliContext): { update: (p: ImportProgress) => void; stop: () => void } {
  if (ctx.io === processIo && process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'importing [{bar}] {value}/{total} files | {rate} files/s | ETA {eta_formatted} | {failed} failed', etaBuffer: 200, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        const payload = { rate: p.elapsedMs > 0 ? ((p.done / p.elapsedMs) * 1000).toFixed(1) : '0.0', failed: p.failed };
        if (!started) {
          bar.start(p.total, p.done, payload);
          started = true;
        } else bar.update(p.done, payload);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let last = Date.now();
  return {
    update: (p) => {
      if (Date.now() - last >= 5000 && p.done < p.total) {
        last = Date.now();
        ctx.io.err(`${formatProgress(p)}\n`);
      }
    },
    stop: () => {},
  };
}

function filterOptions(cmd: Command): Command {
  return cmd
    .option('--decision <decision>', 'Upheld or Overturned')
    .option('--category <category>', 'treatment category (e.g. chiropractic, opioid, imaging)')
    .option('--citation <family>', 'citation family of the reviewer\'s guideline (e.g. MTUS-CPMTG, MTUS-ACOEM, NON-MTUS)')
    .option('--section <section>', 'section or topic of the reviewer\'s citation (e.g. "Special Studies")')
    .option('--specialty <specialty>', 'reviewer specialty (e.g. "Orthopedic Surgery")')
    .option('--year <year>', 'year of the decision')
    .option('--priority <priority>', 'Standard or Expedited')
    .option('--case-number <number>', 'the letter\'s case number (e.g. CM16-0000001)')
    .option('--injury-from <date>', 'injury date on or after (YYYY-MM-DD)')
    .option('--injury-to <date>', 'injury date on or before (YYYY-MM-DD)')
    .option('--received-from <date>', 'IMR application received on or after (YYYY-MM-DD)')
    .option('--received-to <date>', 'IMR application received on or before (YYYY-MM-DD)')
    .option('--decision-from <date>', 'decision date on or after (YYYY-MM-DD)')
    .option('--decision-to <date>', 'decision date on or before (YYYY-MM-DD)');
}

function highlight(hit: SearchHit): string {
  let out = '';
  let at = 0;
  for (const [s, e] of hit.highlights) {
    out += `${hit.snippet.slice(at, s)}**${hit.snippet.slice(s, e)}**`;
    at = e;
  }
  return out + hit.snippet.slice(at);
}

function pct(rate: number | null): string {
  return rate === null ? '   -' : `${(rate * 100).toFixed(1).padStart(5)}%`;
}

/** "[12.3–45.6%]": the 95% interval of a rate. */
function ci(i: { low: number; high: number } | null): string {
  return i === null ? '' : `[${(i.low * 100).toFixed(1)}–${(i.high * 100).toFixed(1)}%]`;
}

function statsText(s: CorpusStats): string {
  const lines = [`${s.letters} letters, ${s.items} items: ${s.upheld} upheld, ${s.overturned} overturned (overturn rate ${pct(s.overturnRate).trim()}, 95% CI ${ci(s.overturnInterval)})`];
  for (const dim of STAT_DIMENSIONS) {
    const rows = s.breakdowns[dim];
    if (!rows) continue;
    // A key longer than the column pushes its row's numbers right rather than being cut.
    lines.push('', `by ${dim}:`, `  ${'key'.padEnd(48)} ${'items'.padStart(7)} ${'upheld'.padStart(7)} ${'overt.'.padStart(7)}   rate  95% CI`);
    for (const r of rows) {
      lines.push(`  ${r.key.padEnd(48)} ${String(r.items).padStart(7)} ${String(r.upheld).padStart(7)} ${String(r.overturned).padStart(7)} ${pct(r.overturnRate)}  ${ci(r.overturnInterval)}${r.smallSample ? '  *' : ''}`);
    }
  }
  if (STAT_DIMENSIONS.some((d) => s.breakdowns[d]?.some((r) => r.smallSample))) lines.push('', `* fewer than ${SMALL_SAMPLE} items: too few to read the rate on its own.`);
  if (s.documentationGaps.length) {
    lines.push('', 'documentation gaps most often named in upheld rationales:');
    for (const g of s.documentationGaps) lines.push(`  ${String(g.upheld).padStart(6)}  ${g.phrase}`);
  }
  return lines.join('\n') + '\n';
}

/** `imr corpus import|search|stats|precedents`: the precedent corpus of published letters. */
export function registerCorpusCommands(program: Command, ctx: CliContext): void {
  const corpus = commandGroup(program, 'corpus', 'The precedent corpus: import published letters, search them, find precedents, chart outcomes');

  corpus
    .command('import')
    .description('Import published letters (PDF or text; files and folders, recursively) into the corpus; files already imported (same content) are skipped')
    .argument('<paths...>', 'letter files or folders')
    .option('--jobs <n>', 'letters parsed in parallel (worker threads)', '1')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExample:\n  imr corpus import ../shared/letters/dwc-2016-2017 --jobs 2\n')
    .action(
      action(ctx, async (paths: string[], opts: { jobs: string; json?: boolean }) => {
        const jobs = Number(opts.jobs);
        if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new ImrError('IMR_ERR_USAGE', `--jobs must be a whole number from 1 to 16; got "${opts.jobs}".`);
        return withCorpusDb(async (database) => {
          const progress = progressReporter(ctx);
          const summary = await importLetterPaths(paths, { store: new CorpusStore(database), categorise: categoriseRequest, jobs, onProgress: progress.update }).finally(progress.stop);
          if (opts.json) ctx.io.out(JSON.stringify(summary) + '\n');
          else {
            ctx.io.out(
              `imported ${summary.imported} letter(s) with ${summary.items} item(s); ${summary.present} already present; ${summary.failed.length} failed` +
                ` (${summary.files} file(s) in ${(summary.elapsedMs / 1000).toFixed(1)} s, ${summary.rate} letters/s)\n`,
            );
            for (const f of summary.failed) ctx.io.out(`  failed ${f.code}: ${f.reason}\n`);
            // Saved searches report the letters this import added that they match.
            if (summary.imported > 0) ctx.io.out(await reportSavedSearchNews(database, new Date().toISOString()));
          }
          return summary.failed.length > 0 ? 1 : 0;
        });
      }),
    );

  registerSavedSearchCommands(corpus, ctx, withCorpusDb, filterOptions);

  corpus
    .command('vacuum')
    .description('SQLite: rewrite the database file to the size of what it holds (after migration 0221 compressed an existing corpus); needs free disk about the file\'s size; stop the server first')
    .action(
      action(ctx, async () =>
        withCorpusDb(async (database) => {
          const sizes = await new CorpusStore(database).vacuum();
          const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
          ctx.io.out(sizes ? `database ${mb(sizes.before)} -> ${mb(sizes.after)}\n` : 'PostgreSQL: nothing to do (autovacuum reuses the space)\n');
          return 0;
        }),
      ),
    );

  filterOptions(
    corpus
      .command('search')
      .description('Full-text search of the corpus items: words (all must match), "phrases", -excluded words, OR')
      .argument('<query>', 'what to search for; "" lists the items matching the filters'),
  )
    .option('--limit <n>', 'results per page (1-100)', '20')
    .option('--offset <n>', 'results to skip (paging)', '0')
    .option('--json', 'print the page as JSON')
    .addHelpText('after', `\nExample:\n  imr corpus search '"functional improvement" chiropractic' --decision Upheld --year 2017\n`)
    .action(
      action(ctx, async (query: string, opts: RawFilters & { limit: string; offset: string; json?: boolean }) => {
        const filters = parseFilters(opts);
        return withCorpusDb(async (database) => {
          const page = await createSearchIndex(database).search({ query, filters, limit: Number(opts.limit), offset: Number(opts.offset) });
          if (opts.json) {
            ctx.io.out(JSON.stringify(page) + '\n');
            return;
          }
          ctx.io.out(`${page.totalCapped ? 'more than ' : ''}${page.total} item(s) match; showing ${page.hits.length ? `${page.offset + 1}-${page.offset + page.hits.length}` : 'none'}\n`);
          if (page.hits.length > 0) ctx.io.out('Request matches first, then rationale, then clinical summary; most recently imported first within each.\n');
          for (const h of page.hits) {
            ctx.io.out(`\n${h.decision.padEnd(10)} ${h.request}\n`);
            ctx.io.out(`  ${h.caseNumber ?? h.fileName}${h.year ? ` (${h.year})` : ''} · ${h.category ?? 'uncategorised'} · ${h.citation.family}${h.citation.section ? ` / ${h.citation.section}` : ''}${h.reviewerSpecialty ? ` · ${h.reviewerSpecialty}` : ''}${h.matchedIn ? ` · matched in the ${h.matchedIn.replace(/-/g, ' ')}` : ''}\n`);
            ctx.io.out(`  ${highlight(h)}\n`);
          }
        });
      }),
    );

  filterOptions(corpus.command('stats').description('Overturn rates and counts by category, citation, section, specialty, year, month and evidence; documentation gaps'))
    .option('--by <dimensions>', `breakdowns, comma-separated: ${STAT_DIMENSIONS.join(', ')} or all`, 'all')
    .option('--gaps <n>', 'documentation gaps to list', '25')
    .option('--json', 'print JSON: letters, items, upheld, overturned, overturnRate, breakdowns, documentationGaps')
    .option('--csv', 'print the breakdown rows as CSV (breakdown,key,items,upheld,overturned,overturn_rate,overturn_rate_low95,overturn_rate_high95,small_sample)')
    .option('--table <name>', `print one table of DWC's annual IMR report as CSV: ${REPORT_TABLE_IDS.join(', ')}`)
    .action(
      action(ctx, async (opts: RawFilters & { by: string; gaps: string; json?: boolean; csv?: boolean; table?: string }) => {
        if ([opts.json, opts.csv, opts.table].filter(Boolean).length > 1) throw new ImrError('IMR_ERR_USAGE', 'Choose one of --json, --csv and --table.');
        if (opts.table && !(REPORT_TABLE_IDS as readonly string[]).includes(opts.table)) {
          throw new ImrError('IMR_ERR_USAGE', `Unknown table "${opts.table}"; use one of ${REPORT_TABLE_IDS.join(', ')}.`);
        }
        const dimensions = parseDimensions(opts.by);
        const filters = parseFilters(opts);
        const gapLimit = Number(opts.gaps);
        if (!Number.isInteger(gapLimit) || gapLimit < 0 || gapLimit > 1000) throw new ImrError('IMR_ERR_USAGE', `--gaps must be a whole number from 0 to 1000; got "${opts.gaps}".`);
        return withCorpusDb(async (database) => {
          const stats = await corpusStats(database.db, database.dialect, { dimensions, filters, gapLimit });
          if (opts.table) {
            const t = reportTables(stats).find((x) => x.id === opts.table)!;
            ctx.io.out([t.header, ...t.rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n');
            return;
          }
          ctx.io.out(opts.json ? JSON.stringify(stats) + '\n' : opts.csv ? statsToCsv(stats) : statsText(stats));
        });
      }),
    );

  corpus
    .command('precedents')
    .description('The published items most like a disputed item (same category and citation first), with their decisions and the share overturned')
    .requiredOption('--request <text>', 'the disputed request as written')
    .option('--category <category>', 'its treatment category (default: from the request normaliser)')
    .option('--citation <family>', 'citation family the decision rests on (e.g. MTUS-CPMTG)')
    .option('--facts <text>', 'the case facts (clinical summary), to prefer similar cases')
    .option('--limit <n>', 'precedents to list (1-50)', '10')
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (opts: { request: string; category?: string; citation?: string; facts?: string; limit: string; json?: boolean }) => {
        const filters = parseFilters({ citation: opts.citation });
        const category = opts.category?.trim() ? opts.category.trim().toLowerCase() : categoriseRequest(opts.request);
        return withCorpusDb(async (database) => {
          const result = await findPrecedents(createSearchIndex(database), {
            request: opts.request, category, citationFamily: filters.citationFamily ?? null, facts: opts.facts, limit: Number(opts.limit),
          });
          if (opts.json) {
            ctx.io.out(JSON.stringify(result) + '\n');
            return;
          }
          const g = result.peerGroup;
          ctx.io.out(`${result.precedents.length} precedent(s): ${result.overturned} overturned (${pct(result.shareOverturned).trim()}); ` +
            `all ${g.category ?? 'uncategorised'} items ${g.citationFamily ? `under ${g.citationFamily}` : 'under any citation'}: ${g.items}, ${g.overturned} overturned (${pct(g.shareOverturned).trim()})\n`);
          for (const p of result.precedents) {
            ctx.io.out(`  ${p.decision.padEnd(10)} ${p.similarity.toFixed(2)}  ${p.request}  [${p.caseNumber ?? p.fileName}; ${p.citation.family}${p.sameCategory ? '' : '; other category'}]\n`);
          }
        });
      }),
    );
}
