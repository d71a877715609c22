import type { Command } from 'commander';
import type { Services } from '../service/use-cases/services.js';
import { withServices } from '../service/use-cases/open-services.js';
import { action, type CliContext } from './context.js';

/** The `--data-dir` option of the commands that open the service database. */
export const DATA_DIR_HELP = 'SQLite folder (default env IMR_DATA_DIR or ./data)';

/**
 * Adds `<group> list [--data-dir] [--json]`: loads rows from the service database and prints
 * them as one JSON array (--json) or one line each.
 */
export function serviceListCommand<T>(group: Command, ctx: CliContext, description: string, load: (s: Services) => Promise<T[]>, line: (row: T) => string): void {
  group
    .command('list')
    .description(description)
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (opts: { dataDir?: string; json?: boolean }) => {
        await withServices(opts, async (s) => {
          const rows = await load(s);
          if (opts.json) ctx.io.out(JSON.stringify(rows) + '\n');
          else for (const r of rows) ctx.io.out(line(r) + '\n');
        });
      }),
    );
}
