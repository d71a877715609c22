import { Command, CommanderError } from 'commander';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../letters/read/test-support/shared-data.js';
import { runCli } from './test-support/run-cli.js';
import { buildProgram, COMMAND_MODULES, COMMAND_SUMMARIES, modulesFor, type CommandModule } from './main.js';

describe('imr CLI', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: imr');
  });

  it('rejects an unknown command with the usage exit code', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error IMR_ERR_USAGE: unknown command/);
  });

  it('lists the error catalogue as JSON', async () => {
    const r = await runCli(['errors', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ code: string; http: number }>;
    expect(rows.find((x) => x.code === 'IMR_ERR_LETTER_UNRECOGNIZED')?.http).toBe(422);
  });
});

/** What the program with every command module loaded prints for `argv` (the CLI before lazy loading). */
async function eagerCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx = { io: { out: (t: string) => void (stdout += t), err: (t: string) => void (stderr += t) }, exitCode: 0 };
  const program = await buildProgram(ctx);
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version' ? 0 : 2;
  }
  return { code, stdout, stderr };
}

/** Every command path of the full program: ['letter'], ['letter', 'parse'], … */
async function commandPaths(): Promise<string[][]> {
  const program = await buildProgram({ io: { out: () => {}, err: () => {} }, exitCode: 0 });
  const paths: string[][] = [];
  const walk = (cmd: Command, at: string[]) => {
    for (const sub of cmd.commands) {
      paths.push([...at, sub.name()]);
      walk(sub, [...at, sub.name()]);
    }
  };
  walk(program, []);
  return paths;
}

describe('imr CLI, commands loaded lazily', () => {
  it('prints the same root help, version and unknown-command error as the program with every command loaded', async () => {
    for (const argv of [['--help'], [], ['help'], ['--version'], ['no-such-command'], ['lettr']]) {
      expect(await runCli(argv), argv.join(' ')).toEqual(await eagerCli(argv));
    }
    expect((await runCli(['--help'])).stdout).toMatch(/audit \[options\] <letters\.\.\.>\s+Decide each letter's items/);
  });

  it("prints every command's and subcommand's help exactly as the program with every command loaded", async () => {
    const paths = await commandPaths();
    expect(paths).toContainEqual(['letter', 'parse']);
    expect(paths).toContainEqual(['user', 'token']);
    for (const path of paths) {
      for (const argv of [[...path, '--help'], ['help', ...path.slice(0, 1)]]) {
        const lazy = await runCli(argv);
        expect(lazy.stdout + lazy.stderr, argv.join(' ')).not.toBe('');
        expect(lazy, argv.join(' ')).toEqual(await eagerCli(argv));
      }
    }
    // Usage errors inside a group show that group's or command's help, as before.
    for (const argv of [['letter'], ['letter', 'pars'], ['letter', 'parse'], ['corpus', 'search'], ['errors', '--bogus']]) {
      expect(await runCli(argv), argv.join(' ')).toEqual(await eagerCli(argv));
    }
  });

  it('lists each command with the term and description its module gives it', async () => {
    const program = await buildProgram({ io: { out: () => {}, err: () => {} }, exitCode: 0 });
    const help = program.createHelp();
    const listed = Object.fromEntries(program.commands.map((c) => [c.name(), { term: help.subcommandTerm(c), description: c.description() }]));
    expect(COMMAND_SUMMARIES, 'COMMAND_SUMMARIES in main.ts must repeat what each command module declares: update it').toEqual(listed);
  });

  it('imports only the module of the command that runs', async () => {
    const loaded: string[] = [];
    const spied: CommandModule[] = COMMAND_MODULES.map((m) => ({ ...m, load: () => { loaded.push([m.command, ...(m.subcommands ?? [])].join(' ')); return m.load(); } }));
    const loads = async (argv: string[]) => {
      loaded.length = 0;
      await buildProgram({ io: { out: () => {}, err: () => {} }, exitCode: 0 }, argv, spied);
      return [...loaded];
    };
    expect(await loads(['--help'])).toEqual([]);
    expect(await loads(['--version'])).toEqual([]);
    expect(await loads(['no-such-command'])).toEqual([]);
    expect(await loads(['errors', '--json'])).toEqual(['errors']);
    expect(await loads(['letter', 'parse', 'one.pdf', '--json'])).toEqual(['letter parse']);
    expect(await loads(['letter', 'schema'])).toEqual(['letter schema']);
    expect(await loads(['letter', '--help'])).toEqual(['letter parse', 'letter render', 'letter schema']);
    expect(await loads(['letter', 'pars'])).toEqual(['letter parse', 'letter render', 'letter schema']);
    expect(await loads(['help', 'corpus'])).toEqual(['corpus']);
    expect(await loads(['corpus', 'search', 'x', '--limit', '5'])).toEqual(['corpus']);
    expect(modulesFor(['user', 'list']).map((m) => m.command)).toEqual(['user']);
  });
});

describe('imr letter parse without commander', () => {
  it('answers files with only its own flags as the full program does, and leaves every other form to commander', async () => {
    const letter = path.join(fixturesDir, 'notice-2013.txt');
    const missing = path.join(fixturesDir, 'no-such-letter.txt');
    for (const args of [[letter], [letter, '--json'], ['--strict', letter, '--json'], [missing], [missing, '--json'], [letter, missing], [letter, '--bogus'], ['--', letter], []]) {
      const argv = ['letter', 'parse', ...args];
      const direct = await runCli(argv);
      const eager = await eagerCli(argv);
      expect({ stdout: direct.stdout, stderr: direct.stderr }, argv.join(' ')).toEqual({ stdout: eager.stdout, stderr: eager.stderr });
    }
    expect((await runCli(['letter', 'parse', letter])).code).toBe(0);
    expect((await runCli(['letter', 'parse', missing])).code).not.toBe(0);
  });
});
