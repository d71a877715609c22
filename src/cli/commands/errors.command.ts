import type { Command } from 'commander';
import { ERROR_CATALOGUE } from '../../errors/catalogue.js';
import { action, type CliContext } from '../context.js';

/** `imr errors`: the error catalogue, so operators can map exit codes and HTTP statuses. */
export function registerErrorCommands(program: Command, ctx: CliContext): void {
  program
    .command('errors')
    .description('List every error code with its CLI exit code and HTTP status')
    .option('--json', 'print JSON')
    .action(
      action(ctx, (opts: { json?: boolean }) => {
        const rows = Object.entries(ERROR_CATALOGUE).map(([code, s]) => ({ code, exit: s.exit, http: s.http, title: s.title }));
        if (opts.json) ctx.io.out(JSON.stringify(rows) + '\n');
        else for (const r of rows) ctx.io.out(`${r.code.padEnd(30)} exit ${String(r.exit).padEnd(3)} http ${r.http}  ${r.title}\n`);
      }),
    );
}
