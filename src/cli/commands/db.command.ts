import type { Command } from 'commander';
import { openServiceDatabase } from '../../service/use-cases/open-services.js';
import { migrateAtStartup } from '../../server/listen.js';
import { action, commandGroup, type CliContext } from '../context.js';

/** `imr db migrate`: brings the database schema up to date (the server also does this at start). */
export function registerDbCommands(program: Command, ctx: CliContext): void {
  const db = commandGroup(program, 'db', 'Database operations (SQLite under ./data or IMR_DATA_DIR; PostgreSQL with DATABASE_URL)');
  db.command('migrate')
    .description('Apply every pending migration')
    .option('--data-dir <dir>', 'SQLite folder (default env IMR_DATA_DIR or ./data)')
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (opts: { dataDir?: string; json?: boolean }) => {
        const database = await openServiceDatabase({ dataDir: opts.dataDir });
        try {
          const applied = await migrateAtStartup(database);
          if (opts.json) ctx.io.out(JSON.stringify({ database: database.dialect, location: database.location, applied }) + '\n');
          else {
            ctx.io.out(`${database.dialect} database at ${database.location}: ${applied.length ? `applied ${applied.length} migration(s)` : 'already up to date'}\n`);
            for (const m of applied) ctx.io.out(`  ${m}\n`);
          }
        } finally {
          await database.close();
        }
      }),
    );
}
