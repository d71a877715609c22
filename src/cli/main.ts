import { createRequire } from 'node:module';
import type { Command as CommandType, CommanderError as CommanderErrorType, Help as HelpType } from 'commander';
import { processIo, reportError, type CliContext, type CliIo, type RegisterCommands } from './context.js';
import { ERROR_CATALOGUE } from '../errors/catalogue.js';
import { guardUnhandledRejections } from '../shared/process-guard.js';

/**
 * Commander is a CommonJS package: required directly, not through its ES module wrapper, which
 * has Node scan its 125 kB of source for exports first (about 6 ms of every start).
 */
type Commander = { Command: typeof CommandType; CommanderError: typeof CommanderErrorType; Help: typeof HelpType };
let commanderModule: Commander | undefined;
/** Commander, required on first use: `imr letter parse FILE` runs without it (run()). */
const commander = (): Commander => (commanderModule ??= createRequire(import.meta.url)('commander') as Commander);
type Command = CommandType;
type Help = HelpType;

/**
 * One command module: the top-level command it registers and, for a group several modules add to
 * (`imr letter …`), the subcommands it adds. The module is imported only when its command runs or
 * its help is asked for: importing all of them (Fastify, the engine, pdfkit, the corpus) cost more
 * than half a CPU-second before any command started.
 */
export interface CommandModule {
  command: string;
  subcommands?: string[];
  load: () => Promise<RegisterCommands>;
}

/** Every command module, in the order the root help lists them. */
export const COMMAND_MODULES: CommandModule[] = [
  { command: 'errors', load: async () => (await import('./commands/errors.command.js')).registerErrorCommands },
  { command: 'decide', load: async () => (await import('./commands/decide.command.js')).registerDecideCommands },
  { command: 'audit', load: async () => (await import('./commands/audit.command.js')).registerAuditCommands },
  { command: 'letter', subcommands: ['parse'], load: async () => (await import('./commands/letter-parse.command.js')).registerLetterParseCommand },
  { command: 'letter', subcommands: ['render'], load: async () => (await import('./commands/letter-render.command.js')).registerLetterRenderCommand },
  { command: 'letter', subcommands: ['schema'], load: async () => (await import('./commands/letter-schema.command.js')).registerLetterSchemaCommand },
  { command: 'corpus', load: async () => (await import('./commands/corpus.command.js')).registerCorpusCommands },
  { command: 'serve', load: async () => (await import('./commands/serve.command.js')).registerServeCommand },
  { command: 'db', load: async () => (await import('./commands/db.command.js')).registerDbCommands },
  { command: 'user', load: async () => (await import('./commands/user.command.js')).registerUserCommands },
  { command: 'reviewer', load: async () => (await import('./commands/reviewer.command.js')).registerReviewerCommands },
  { command: 'engine', load: async () => (await import('./commands/engine.command.js')).registerEngineCommands },
];

/**
 * What the root help lists for each command whose module is not loaded: its term (name, [options],
 * arguments) and description, exactly as the module declares them. A test compares this with the
 * help of the program with every module loaded, so the two cannot drift apart.
 */
export const COMMAND_SUMMARIES: Record<string, { term: string; description: string }> = {
  errors: { term: 'errors [options]', description: 'List every error code with its CLI exit code and HTTP status' },
  decide: { term: 'decide [options] [case]', description: "Draft each disputed item's decision (decision, citation, criteria, evidence, rationale) from a case file" },
  audit: { term: 'audit [options] <letters...>', description: "Decide each letter's items again from its clinical summary and requests alone, blind to its decisions, and compare" },
  letter: { term: 'letter', description: 'Read and write IMR Final Determination letters' },
  corpus: { term: 'corpus', description: 'The precedent corpus: import published letters, search them, find precedents, chart outcomes' },
  serve: {
    term: 'serve [options]',
    description:
      'Run the review service (REST API, /docs, web workbench); migrates the database and loads demo data on first start, then imports ../shared/seeds and ../shared/letters/dwc-2016-2017 into the corpus in the background once (env IMR_DEMO_CORPUS=0 to skip)',
  },
  db: { term: 'db', description: 'Database operations (SQLite under ./data or IMR_DATA_DIR; PostgreSQL with DATABASE_URL)' },
  user: { term: 'user', description: 'Users of the review service (roles: admin, intake, reviewer, party)' },
  reviewer: { term: 'reviewer', description: 'The expert reviewer registry' },
  engine: { term: 'engine', description: 'The decision engine: calibration of the probability of overturn' },
};

/**
 * The modules `argv` needs: those of the command it names (the first word; `help X` names X) and,
 * within a group, only the module of the named subcommand when one module adds it. Anything else
 * (no command, an unknown one, `imr letter --help`) loads nothing or the whole group, so help and
 * "unknown command" messages list what the full program would.
 */
export function modulesFor(argv: string[], modules: CommandModule[] = COMMAND_MODULES): CommandModule[] {
  // The root and the groups take no option with a value, so the first two words are command and subcommand.
  const words = argv.filter((a) => !a.startsWith('-'));
  const help = words[0] === 'help';
  const [command, sub] = help ? words.slice(1) : words;
  const mine = modules.filter((m) => m.command === command);
  if (help || sub === undefined) return mine;
  const owners = mine.filter((m) => m.subcommands?.includes(sub));
  return owners.length > 0 ? owners : mine;
}

/** Routes commander's output to the context; its usage errors carry the catalogue's code like every other error. */
function output(ctx: CliContext) {
  return {
    writeOut: (s: string) => ctx.io.out(s),
    writeErr: (s: string) => ctx.io.err(s),
    outputError: (s: string, write: (s: string) => void) => write(s.replace(/^error:/, 'error IMR_ERR_USAGE:')),
  };
}

/**
 * The program for `argv`: the modules it needs registered for real, every other top-level command
 * as a stub carrying only its name and description for the root help. Without `argv`, every module
 * is loaded (the full program, as tests compare against).
 */
export async function buildProgram(ctx: CliContext, argv?: string[], modules: CommandModule[] = COMMAND_MODULES): Promise<Command> {
  const { Command, Help } = commander();
  const program = new Command('imr')
    .description("California workers' compensation Independent Medical Review: letters, guidelines, reviews, corpus")
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput(output(ctx))
    .exitOverride();
  const wanted = argv === undefined ? modules : modulesFor(argv, modules);
  const registers = await Promise.all(wanted.map((m) => m.load()));
  const stubTerms = new Map<Command, string>();
  for (const m of modules) {
    const k = wanted.indexOf(m);
    if (k >= 0) registers[k](program, ctx);
    else if (!wanted.some((w) => w.command === m.command) && !program.commands.some((c) => c.name() === m.command)) {
      const summary = COMMAND_SUMMARIES[m.command];
      stubTerms.set(program.command(m.command).description(summary?.description ?? ''), summary?.term ?? m.command);
    }
  }
  // Only the root lists stubs; its help shows them with the term their module would give them.
  program.configureHelp({
    subcommandTerm(this: Help, cmd: Command) {
      return stubTerms.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
    },
  });
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
  try {
    // `imr letter parse` given only files and its own flags runs its action without commander (about 0.013
    // CPU-s of a 0.15 s command): the command module says which arguments it takes, from the definition
    // commander is given (anything else, help included, goes through commander).
    if (argv[0] === 'letter' && argv[1] === 'parse') {
      const direct = (await import('./commands/letter-parse.command.js')).directLetterParse(ctx, argv.slice(2));
      if (direct) {
        await direct();
        return ctx.exitCode;
      }
    }
    const program = await buildProgram(ctx, argv);
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof commander().CommanderError) {
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

/**
 * Whether `argv` reads one letter (`imr letter parse FILE`, in this process): a command over in about
 * a tenth of a second, most of it running code for the first time.
 */
function readsOneLetter(argv: string[]): boolean {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words.length === 3 && words[0] === 'letter' && words[1] === 'parse';
}

/**
 * V8's interrupt budget for such a command, 15 times its default (67,584 bytes of bytecode run): by
 * default V8 starts optimising the PDF reader's functions on background threads part-way through the
 * one letter, compilations the process ends before using (about 0.015 CPU-s of the 0.12 of reading a
 * letter, measured); a function that runs long (a very long letter) is still optimised, later.
 */
const ONE_SHOT_INTERRUPT_BUDGET = 1_000_000;

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  if (readsOneLetter(process.argv.slice(2))) (await import('node:v8')).setFlagsFromString(`--interrupt-budget=${ONE_SHOT_INTERRUPT_BUDGET}`);
  // One damaged document must not end a batch or the server (`imr serve` runs here too): a
  // rejection nothing handled is logged by class and code, and the process goes on.
  guardUnhandledRejections((line) => process.stderr.write(line + '\n'));
  endQuietlyOnBrokenPipe();
  process.exitCode = await run(process.argv.slice(2));
}
