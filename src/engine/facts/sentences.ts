/**
 * Splits clinical text into sentences, keeping offsets into the original text. Knows the
 * abbreviations and numbers of clinical notes ("Dr.", "7.5 mg", "10/15/2011", "i.e.", "q.d.").
 */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

const ABBREV = /(?:\b(?:Dr|Mr|Mrs|Ms|vs|No|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|St|Inc|Ltd|Co|Fig|ext|approx|hx|pt)|\b[A-Za-z]|\b(?:e\.g|i\.e|a\.m|p\.m|b\.i\.d|t\.i\.d|q\.i\.d|q\.d|p\.r\.n|p\.o))\.$/i;
/**
 * A sentence ends at . ! ? followed by space and a capital/digit/quote, or at a blank line that
 * follows a colon or a line without final punctuation that is followed by a heading or list line.
 * Blank lines inside a sentence (text extracted from PDFs often has one after every line) do not end it.
 */
const BOUNDARY = /[.!?](?=\s+["'(]?[A-Z0-9])|(?<=[a-z]{3})\.(?=[A-Z][a-z])|(?<=[:])[ \t]*\n[ \t]*\n|\n[ \t]*\n(?=[ \t]*(?:[A-Z][A-Z /&-]{3,}(?:\n|:)|[-*•]\s|\d+[.)]\s))/g;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(text)) !== null) {
    const isBlank = m[0].startsWith('\n');
    const end = isBlank ? m.index : m.index + 1;
    // only a full stop can end an abbreviation ("Dr.", "q.d.")
    if (!isBlank && m[0] === '.') {
      const before = text.slice(Math.max(from, m.index - 12), m.index + 1);
      if (ABBREV.test(before)) continue;
    }
    push(text, from, end, out);
    from = isBlank ? m.index + m[0].length : end;
  }
  push(text, from, text.length, out);
  return out;
}

const SPACE = /\s/;

function push(text: string, start: number, end: number, out: Sentence[]): void {
  while (start < end && SPACE.test(text[start])) start++;
  while (end > start && SPACE.test(text[end - 1])) end--;
  if (end > start) out.push({ start, end, text: text.slice(start, end) });
}
