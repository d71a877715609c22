import { Command, CommanderError } from 'commander';
import { processIo, reportError, type CliContext, type CliIo, type RegisterCommands } from './context.js';
import { ERROR_CATALOGUE } from '../errors/catalogue.js';
import { guardUnhandledRejections } from '../shared/process-guard.js';
import { registerErrorCommands } from './commands/errors.command.js';
import { registerDecideCommands } from './commands/decide.command.js';
import { registerAuditCommands } from './commands/audit.command.js';
import { registerLetterParseCommand } from './commands/letter-parse.command.js';
import { registerLetterRenderCommand } from './commands/letter-render.command.js';
import { registerLetterSchemaCommand } from './commands/letter-schema.command.js';
import { registerCorpusCommands } from './commands/corpus.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { registerDbCommands } from './commands/db.command.js';
import { registerUserCommands } from './commands/user.command.js';
import { registerReviewerCommands } from './commands/reviewer.command.js';
import { registerEngineCommands } from './commands/engine.command.js';

/** Every command module, one line each. */
const COMMANDS: RegisterCommands[] = [
  registerErrorCommands,
  registerDecideCommands,
  registerAuditCommands,
  registerLetterParseCommand,
  registerLetterRenderCommand,
  registerLetterSchemaCommand,
  registerCorpusCommands,
  registerServeCommand,
  registerDbCommands,
  registerUserCommands,
  registerReviewerCommands,
  registerEngineCommands,
];

/** Routes commander's output to the context; its usage errors carry the catalogue's code like every other error. */
function output(ctx: CliContext) {
  return {
    writeOut: (s: string) => ctx.io.out(s),
    writeErr: (s: string) => ctx.io.err(s),
    outputError: (s: string, write: (s: string) => void) => write(s.replace(/^error:/, 'error IMR_ERR_USAGE:')),
  };
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('imr')
    .description("California workers' compensation Independent Medical Review: letters, guidelines, reviews, corpus")
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput(output(ctx))
    .exitOverride();
  for (const register of COMMANDS) register(program, ctx);
  // Every subcommand inherits the output routing and exit override so tests can run in-process.
  const propagate = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.configureOutput(output(ctx)).exitOverride();
      propagate(sub);
    }
  };
  propagate(program);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const ctx: CliContext = { io, exitCode: 0 };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return ERROR_CATALOGUE.IMR_ERR_USAGE.exit;
    }
    return reportError(ctx, e);
  }
  return ctx.exitCode;
}

/**
 * Output piped into a reader that stops early (`imr letter parse *.pdf | head`) closes the pipe:
 * the next write fails with EPIPE. That is the reader's choice, not a failure: end quietly, exit 0.
 */
export function endQuietlyOnBrokenPipe(stream: NodeJS.WriteStream = process.stdout, exit: (code: number) => void = (c) => process.exit(c)): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') exit(0);
    else throw e;
  });
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  // One damaged document must not end a batch or the server (`imr serve` runs here too): a
  // rejection nothing handled is logged by class and code, and the process goes on.
  guardUnhandledRejections((line) => process.stderr.write(line + '\n'));
  endQuietlyOnBrokenPipe();
  process.exitCode = await run(process.argv.slice(2));
}
