import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { ImrError } from '../../errors/imr-error.js';
import { parseOrThrow } from '../../errors/zod-problems.js';
import { letterSchema, type Letter } from '../../letters/model.js';
import { renderLetterHtml, renderLetterPdf, renderLetterText } from '../../letters/render/index.js';
import { action, commandGroup, processIo, type CliContext } from '../context.js';

type Format = 'txt' | 'html' | 'pdf';

interface RenderOpts {
  format: Format;
  output?: string;
  creationDate?: string;
  json?: boolean;
}

/** Keys a `imr letter parse --json` line carries besides the letter's own fields. */
const PARSE_LINE_KEYS = ['file', 'layout', 'warnings'];

/**
 * The offset of the first syntax error in JSON text (JSON.parse does not always say where, and
 * its message quotes the content, which may be patient data). -1 when the text is valid.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}

/** Line and column of a character offset, to point at a JSON syntax error without quoting the file. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Reads FILE.json as a Letter. Errors name the file and the problem, never its content. */
export async function readLetterJson(file: string): Promise<Letter> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : 'it cannot be read';
    throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `${file}: ${why}; check the path`, { subject: file, cause: e });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const body = text.replace(/^\uFEFF/, '');
    const at = jsonErrorOffset(body);
    const where = body.trim() === '' ? 'the file is empty' : at >= body.length ? 'it ends early' : `syntax error at ${lineColumn(body, Math.max(at, 0))}`;
    throw new ImrError(
      'IMR_ERR_INVALID_JSON',
      `${file} is not valid JSON (${where}); give one letter as a JSON object (the output of \`imr letter parse --json\` for one letter will do)`,
      { subject: file },
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ImrError('IMR_ERR_VALIDATION', `${file} must hold one letter as a JSON object, not ${Array.isArray(value) ? 'an array' : typeof value}`, {
      subject: file,
      details: [{ path: '(root)', message: 'expected an object' }],
    });
  }
  const fields = Object.fromEntries(Object.entries(value).filter(([k]) => !PARSE_LINE_KEYS.includes(k)));
  return parseOrThrow(letterSchema, fields, `The letter in ${file}`);
}

/** Writes bytes to `target` through a temporary file in the same folder and a rename: never half a file. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `${target}: the folder does not exist; create it or choose another -o path`, { subject: target, cause: e });
    if (code === 'ENOTDIR') throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `${target}: part of the folder path is a file, not a folder; choose another -o path`, { subject: target, cause: e });
    if (code === 'EISDIR') throw new ImrError('IMR_ERR_USAGE', `${target} is a directory; give a file name to -o`, { subject: target, cause: e });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `${target}: permission denied; choose a folder you can write to`, { subject: target, cause: e });
    }
    throw e;
  }
}

function parseCreationDate(s: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(s) ? new Date(/T/.test(s) ? s : `${s}T00:00:00Z`) : new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    throw new ImrError('IMR_ERR_INVALID_DATE', `--creation-date "${s}" is not a date; write YYYY-MM-DD or an ISO date-time (2017-01-20T09:00:00Z)`);
  }
  return d;
}

/** `imr letter render FILE.json --format txt|html|pdf [-o OUT]`: writes a letter in the published layout. */
export function registerLetterRenderCommand(program: Command, ctx: CliContext): void {
  commandGroup(program, 'letter', 'Read and write IMR Final Determination letters')
    .command('render')
    .description('Write a letter (the letter model as JSON) as plain text, HTML or PDF, in the layout of the published letters')
    .argument('<file>', 'a letter as JSON: the letter model, or one line of `imr letter parse --json` (its "file" key is ignored)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['txt', 'html', 'pdf']).default('txt'))
    .option('-o, --output <path>', 'write to this file (atomically: a temporary file, then a rename); required for pdf when stdout is a terminal')
    .option('--creation-date <date>', 'PDF creation date (YYYY-MM-DD or ISO date-time), for byte-identical output; default: now')
    .option('--json', 'with -o, report what was written as JSON ({"output","format","bytes"}); errors as JSON on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  imr letter parse letter.pdf --json > letter.json\n  imr letter render letter.json --format pdf -o letter-copy.pdf\n  imr letter render letter.json --format html > letter.html\n',
    )
    .action(
      action(ctx, async (file: string, opts: RenderOpts) => {
        const letter = await readLetterJson(file);
        const toTerminal = ctx.io === processIo && process.stdout.isTTY === true;
        if (opts.format === 'pdf' && !opts.output && toTerminal) {
          throw new ImrError('IMR_ERR_USAGE', 'a PDF is binary and stdout is a terminal: give -o FILE.pdf or redirect the output to a file');
        }
        const data: string | Uint8Array =
          opts.format === 'txt'
            ? renderLetterText(letter)
            : opts.format === 'html'
              ? renderLetterHtml(letter)
              : await renderLetterPdf(letter, opts.creationDate ? { creationDate: parseCreationDate(opts.creationDate) } : {});
        if (opts.output) {
          await writeFileAtomic(opts.output, data);
          const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
          if (opts.json) ctx.io.out(JSON.stringify({ output: opts.output, format: opts.format, bytes }) + '\n');
          else ctx.io.err(`wrote ${opts.output} (${opts.format}, ${bytes} bytes)\n`);
          return 0;
        }
        if (typeof data === 'string') ctx.io.out(data);
        else if (ctx.io === processIo) process.stdout.write(data);
        // A text sink (tests, embedding): one character per byte, so the bytes can be recovered.
        else ctx.io.out(Buffer.from(data).toString('latin1'));
        return 0;
      }),
    );
}
