import type { Command } from 'commander';
import { ERROR_CATALOGUE } from '../../errors/catalogue.js';
import { ImrError, toImrError } from '../../errors/imr-error.js';
import type { ParsedLetter } from '../../letters/read/parse-letter.js';
import { readLetterFile } from '../../letters/read/read-letter-file.js';
import { createInlineDocumentReader } from '../../letters/read/document-reader.js';
import { action, commandGroup, type CliContext } from '../context.js';

interface ParseOpts {
  json?: boolean;
  strict?: boolean;
}

function summary(file: string, p: ParsedLetter): string {
  const l = p.letter;
  const r = l.reviewer;
  const reviewer = [r.specialty ?? 'specialty not stated', r.subspecialty ? `(${r.subspecialty})` : ''].filter(Boolean).join(' ');
  const out = [
    `${file}  [${p.layout}]`,
    `  case ${l.header?.caseNumber ?? '(no header)'}${l.header?.decisionDate ? `, decided ${l.header.decisionDate}` : ''}`,
    `  reviewer: ${reviewer}; licensed in ${r.licensure.length ? r.licensure.join(', ') : '(not stated)'}`,
    ...l.items.map((it, k) => `  ${String(k + 1).padStart(2)}. ${it.decision.padEnd(10)} ${it.request}`),
  ];
  for (const w of p.warnings) out.push(`  warning: ${w}`);
  return out.join('\n') + '\n';
}

/** Letters read ahead of the one being reported (in the reader's workers), so a batch keeps every worker busy. */
const READ_AHEAD = 4;

type Outcome = { ok: true; parsed: ParsedLetter } | { ok: false; error: unknown };

/**
 * `imr letter parse FILE... [--json] [--strict]`: reads determination letters (text or PDF) in the
 * document reader's worker pool, within the reading limits; a file that fails (damaged, over a
 * limit, not a letter) is reported with its code and the batch goes on. Output keeps the files' order.
 * One file is read in this process instead (within the same size and complexity limits, without the
 * pool's time and memory limits): starting a worker, which loads the reader again, cost several
 * times what reading one letter costs, and the user can stop their own command.
 */
export function registerLetterParseCommand(program: Command, ctx: CliContext): void {
  const cmd = commandGroup(program, 'letter', 'Read and write IMR Final Determination letters')
    .command('parse')
    .description('Read IMR Final Determination letters (plain text or PDF) into the letter model')
    .argument('<files...>', 'letter files (.txt or .pdf); each is read even when another fails');
  for (const o of Object.values(OPTIONS)) cmd.option(o.flag, o.description);
  cmd.addHelpText('after', '\nExample:\n  imr letter parse ../shared/seeds/*.txt --json > letters.jsonl\n').action(parseAction(ctx));
}

/** The command's options (all flags without a value): what commander is given, and what directLetterParse accepts. */
const OPTIONS: Record<keyof ParseOpts, { flag: string; description: string }> = {
  json: { flag: '--json', description: 'print JSON Lines: one object per letter, {"file": …, …letter fields}; errors as JSON lines on stderr' },
  strict: { flag: '--strict', description: 'treat any warning as an error (IMR_ERR_LETTER_WARNING)' },
};

/**
 * The command's action for `imr letter parse ARGS` when ARGS are one or more files and the command's own
 * flags only (as commander would pass them to it), run without building the program; null for anything
 * else (help, an unknown option, `--`, no file), which the caller leaves to commander.
 */
export function directLetterParse(ctx: CliContext, args: string[]): (() => Promise<void>) | null {
  const files: string[] = [];
  const opts: ParseOpts = {};
  for (const a of args) {
    if (!a.startsWith('-')) files.push(a);
    else {
      const key = (Object.keys(OPTIONS) as Array<keyof ParseOpts>).find((k) => OPTIONS[k].flag === a);
      if (!key) return null;
      opts[key] = true;
    }
  }
  return files.length === 0 ? null : () => parseAction(ctx)(files, opts);
}

function parseAction(ctx: CliContext) {
  return action(ctx, async (files: string[], opts: ParseOpts) => {
    let ok = 0;
    const failures: ImrError[] = [];
    const report = (file: string, outcome: Outcome): void => {
      try {
        if (!outcome.ok) throw outcome.error;
        const parsed = outcome.parsed;
        if (opts.strict && parsed.warnings.length > 0) {
          throw new ImrError('IMR_ERR_LETTER_WARNING', `${file}: read with ${parsed.warnings.length} warning(s) in strict mode: ${parsed.warnings.join('; ')}`, { subject: file });
        }
        if (opts.json) {
          ctx.io.out(JSON.stringify({ file, ...parsed.letter }) + '\n');
          if (parsed.warnings.length) ctx.io.err(JSON.stringify({ file, warnings: parsed.warnings }) + '\n');
        } else ctx.io.out(summary(file, parsed));
        ok++;
      } catch (e) {
        const err = toImrError(e);
        failures.push(err);
        if (opts.json) ctx.io.err(JSON.stringify({ file, error: { code: err.code, message: err.message } }) + '\n');
        else ctx.io.err(`error ${err.code}: ${err.message}\n`);
      }
    };
    // The worker pool's module (worker threads and their plumbing) is loaded only for several files.
    const reader = files.length === 1 ? createInlineDocumentReader() : (await import('../../letters/read/reading-pool.js')).createDocumentReader();
    const outcomes: Array<Promise<Outcome>> = [];
    const start = (k: number): void => {
      outcomes[k] = readLetterFile(files[k], (bytes, source) => reader.parseLetter(bytes, source)).then(
        (parsed): Outcome => ({ ok: true, parsed }),
        (error: unknown): Outcome => ({ ok: false, error }),
      );
    };
    try {
      for (let k = 0; k < Math.min(READ_AHEAD, files.length); k++) start(k);
      for (let k = 0; k < files.length; k++) {
        const outcome = await outcomes[k];
        if (k + READ_AHEAD < files.length) start(k + READ_AHEAD);
        report(files[k], outcome);
      }
    } finally {
      await reader.close();
    }
    if (failures.length === 0) return 0;
    // Some letters read and some not: 1 ("some inputs failed"); all failed: the first failure's code.
    return ok > 0 ? 1 : ERROR_CATALOGUE[failures[0].code].exit;
  });
}
