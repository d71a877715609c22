import type { Command } from 'commander';
import { letterJsonSchema } from '../../letters/json-schema.js';
import { action, commandGroup, type CliContext } from '../context.js';

/** `imr letter schema`: the letter model as JSON Schema, for integrators validating our output. */
export function registerLetterSchemaCommand(program: Command, ctx: CliContext): void {
  commandGroup(program, 'letter', 'Read and write IMR Final Determination letters')
    .command('schema')
    .description('Print the JSON Schema of the letter model (what `letter parse --json` emits and `letter render` reads)')
    .option('--json', 'print compact JSON (default: indented)')
    .action(
      action(ctx, (opts: { json?: boolean }) => {
        ctx.io.out(JSON.stringify(letterJsonSchema(), null, opts.json ? undefined : 2) + '\n');
      }),
    );
}
