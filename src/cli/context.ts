import type { Command } from 'commander';
import { toImrError } from '../errors/imr-error.js';

/** Where the CLI writes; tests pass a buffer instead of the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

export interface CliContext {
  io: CliIo;
  /** The exit code the command settled on (0 unless it reported failures). */
  exitCode: number;
}

/** A command module registers its subcommands on the root program. One line in main.ts each. */
export type RegisterCommands = (program: Command, ctx: CliContext) => void;

/** Prints an ImrError the same way for every command: code, message and, with --json, a JSON line. */
export function reportError(ctx: CliContext, e: unknown, json = false): number {
  const err = toImrError(e);
  if (json) ctx.io.err(JSON.stringify({ error: err.toJSON() }) + '\n');
  else {
    ctx.io.err(`error ${err.code}: ${err.message}\n`);
    for (const d of err.details.slice(0, 20)) ctx.io.err(`  - ${d.path}: ${d.message}\n`);
  }
  // The internal cause may quote input, so it is shown only when the operator asks for it.
  if (err.code === 'IMR_ERR_INTERNAL' && process.env.IMR_DEBUG && err.cause instanceof Error) ctx.io.err(`${err.cause.stack ?? err.cause.message}\n`);
  return err.exitCode;
}

/** Wraps a command action so thrown ImrErrors become the catalogue's exit code. */
export function action<A extends unknown[]>(ctx: CliContext, fn: (...args: A) => Promise<number | void> | number | void) {
  return async (...args: A): Promise<void> => {
    const opts = args.find((a) => a && typeof a === 'object' && !Array.isArray(a)) as { json?: boolean } | undefined;
    try {
      const code = await fn(...args);
      if (typeof code === 'number') ctx.exitCode = code;
    } catch (e) {
      ctx.exitCode = reportError(ctx, e, Boolean(opts?.json));
    }
  };
}

/** Finds or creates a command group (`imr letter …`), so several modules can add subcommands to it. */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(description);
}
