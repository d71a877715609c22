/**
 * Reads the shell examples of a README section so that a test can run them as written: the README
 * then cannot drift from the CLI. The notation is the README's own: `[…]` is an optional part (run
 * with and without it; `[a | b]` is either a, b or neither), `x|y` inside a word is either word,
 * ` · ` separates two commands on one line, and a trailing `# comment` says what the line does.
 */

/** One command of a README line, with every way of writing it the notation allows. */
export interface ReadmeCommand {
  /** The command as the README writes it (without the comment). */
  source: string;
  /** The line's trailing comment, without the `#`; null when there is none. */
  comment: string | null;
  /** Each expansion of the optional parts and alternatives, as argv words (the leading `imr` kept). */
  variants: string[][];
}

/** The first fenced ```sh block after the heading line `heading`, before the next `## ` heading. */
export function shellBlock(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`README has no heading "${heading}"`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const section = lines.slice(start + 1, end < 0 ? undefined : end);
  const open = section.indexOf('```sh');
  const close = section.findIndex((l, i) => i > open && l === '```');
  if (open < 0 || close < 0) throw new Error(`README section "${heading}" has no closed \`\`\`sh block`);
  return section.slice(open + 1, close).join('\n');
}

type Token = { kind: 'word'; alternatives: string[] } | { kind: '[' | ']' | '|' };

/** Where a line's trailing comment starts (a `#` after white space, outside quotes), or -1. */
function commentStart(line: string): number {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && i > 0 && /\s/.test(line[i - 1])) return i;
  }
  return -1;
}

/** Splits `text` at each occurrence of `sep` outside quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (text.startsWith(sep, i)) {
      parts.push(text.slice(from, i));
      from = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Shell words, brackets and lone `|`; an unquoted `|` inside a word makes alternatives of it. */
function tokenize(command: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < command.length) {
    const c = command[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '[' || c === ']') {
      tokens.push({ kind: c });
      i++;
      continue;
    }
    if (c === '|' && (i + 1 >= command.length || /\s/.test(command[i + 1]))) {
      tokens.push({ kind: '|' });
      i++;
      continue;
    }
    // One shell word: quoted parts join the unquoted ones; only unquoted `|` separates alternatives.
    const alternatives = [''];
    while (i < command.length && !/\s/.test(command[i]) && command[i] !== ']') {
      const q = command[i];
      if (q === '"' || q === "'") {
        const close = command.indexOf(q, i + 1);
        if (close < 0) throw new Error(`Unclosed ${q} in README command: ${command}`);
        alternatives[alternatives.length - 1] += command.slice(i + 1, close);
        i = close + 1;
      } else if (q === '|') {
        alternatives.push('');
        i++;
      } else {
        alternatives[alternatives.length - 1] += q;
        i++;
      }
    }
    tokens.push({ kind: 'word', alternatives });
  }
  return tokens;
}

/** Every argv a token sequence stands for, reading from `at` to the matching `]` (or the end). */
function expand(tokens: Token[], at: { i: number }, inGroup: boolean): string[][] {
  const choices: string[][][] = [];
  let current: string[][] = [[]];
  const product = (suffixes: string[][]) => {
    current = current.flatMap((prefix) => suffixes.map((s) => [...prefix, ...s]));
  };
  while (at.i < tokens.length) {
    const t = tokens[at.i++];
    if (t.kind === 'word') product(t.alternatives.map((w) => [w]));
    else if (t.kind === '[') product([[], ...expand(tokens, at, true)]);
    else if (t.kind === '|') {
      if (!inGroup) throw new Error('A lone | outside [ ] in a README command');
      choices.push(current);
      current = [[]];
    } else {
      if (!inGroup) throw new Error('An unmatched ] in a README command');
      choices.push(current);
      return choices.flat();
    }
  }
  if (inGroup) throw new Error('An unclosed [ in a README command');
  return current;
}

/** The commands of a README shell block, each with its comment and every expansion. */
export function readmeCommands(block: string): ReadmeCommand[] {
  const out: ReadmeCommand[] = [];
  for (const raw of block.split('\n')) {
    const hash = commentStart(raw);
    const line = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    const comment = hash < 0 ? null : raw.slice(hash + 1).trim();
    if (!line) continue;
    for (const source of splitOutsideQuotes(line, ' · ')) {
      out.push({ source, comment, variants: expand(tokenize(source), { i: 0 }, false) });
    }
  }
  return out;
}
