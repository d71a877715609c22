import type { Command } from 'commander';
import { createSearchIndex, parseFilters, type RawFilters } from '../../corpus/index.js';
import { SavedSearchStore, type SavedSearchNews } from '../../corpus/saved-searches.js';
import type { Database } from '../../db/database.js';
import { ImrError } from '../../errors/imr-error.js';
import { action, type CliContext } from '../context.js';

type WithDb = <T>(fn: (database: Database) => Promise<T>) => Promise<T>;

/** The lines reporting each saved search's new matching letters (after an import or on `saved check`). */
function newsText(news: SavedSearchNews[]): string {
  if (news.length === 0) return '';
  const lines = ['saved searches:'];
  for (const n of news) {
    const what = n.newItems === 0 ? 'nothing new' : `${n.capped ? 'more than ' : ''}${n.newItems} new matching item(s), in ${n.letters.join(', ')}${n.newItems > n.letters.length ? ', …' : ''}`;
    lines.push(`  ${n.name}: ${what}`);
  }
  return lines.join('\n') + '\n';
}

/** Reports the saved searches' news after an import (nothing when none are saved). */
export async function reportSavedSearchNews(database: Database, now: string): Promise<string> {
  return newsText(await new SavedSearchStore(database).news(createSearchIndex(database), now));
}

/** `imr corpus saved add|list|check|remove`: searches that report new matching letters after each import. */
export function registerSavedSearchCommands(corpus: Command, ctx: CliContext, withCorpusDb: WithDb, filterOptions: (cmd: Command) => Command): void {
  const saved = corpus.command('saved').description('Saved searches: each import reports the new letters they match');
  filterOptions(saved.command('add').description('Save a search (query and filters); imports from now on report its new matches').argument('<name>').argument('<query>', '"" for the filters alone'))
    .action(
      action(ctx, async (name: string, query: string, opts: RawFilters) => {
        const filters = parseFilters(opts);
        return withCorpusDb(async (database) => {
          const s = await new SavedSearchStore(database).add(name, query, filters, new Date().toISOString());
          ctx.io.out(`saved "${s.name}"; each import now reports the new letters it matches\n`);
        });
      }),
    );
  saved.command('list').description('The saved searches').option('--json', 'print JSON').action(
    action(ctx, async (opts: { json?: boolean }) =>
      withCorpusDb(async (database) => {
        const list = await new SavedSearchStore(database).list();
        if (opts.json) ctx.io.out(JSON.stringify(list) + '\n');
        else for (const s of list) ctx.io.out(`${s.name}\t${JSON.stringify(s.query)}\t${JSON.stringify(s.filters)}\tlast reported ${s.checkedAt ?? 'never'}\n`);
      }),
    ),
  );
  saved.command('check').description('Report each saved search\'s new matching letters since it last reported').option('--json', 'print JSON').action(
    action(ctx, async (opts: { json?: boolean }) =>
      withCorpusDb(async (database) => {
        const news = await new SavedSearchStore(database).news(createSearchIndex(database), new Date().toISOString());
        ctx.io.out(opts.json ? JSON.stringify(news) + '\n' : newsText(news) || 'no saved searches\n');
      }),
    ),
  );
  saved.command('remove').description('Remove a saved search').argument('<name>').action(
    action(ctx, async (name: string) =>
      withCorpusDb(async (database) => {
        if (!(await new SavedSearchStore(database).remove(name))) throw new ImrError('IMR_ERR_NOT_FOUND', `No saved search is named "${name}"; list them with "imr corpus saved list".`);
        ctx.io.out(`removed "${name}"\n`);
      }),
    ),
  );
}
