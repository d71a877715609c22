/**
 * Many patterns matched in one pass, without a combined alternation: at each position where a
 * match may start (after a non-word character when the patterns start words), only the patterns
 * whose first two characters fit the text there are tried (sticky). Reports exactly what
 * MultiMatcher reports, several times faster on long vocabularies.
 */
import { expandBranches, firstChars, nonCapturing, secondChars, type MultiHit } from './matchers.js';

export class PositionMatcher<T> {
  private readonly each: { re: RegExp; data: T }[];
  private readonly branches: { first: Set<string> | null; second: Set<string> | null }[][];
  /** For each first character (lower case, non-ASCII texts), the entries that can start with it. */
  private readonly byChar = new Map<string, number[]>();
  private readonly anyChar: number[] = [];
  /** For each pair of first two (ASCII, lower-case) characters, the entries that can start with them; built when first met. */
  private readonly byPair = new Map<number, number[]>();
  private readonly startsWords: boolean;

  /** As MultiMatcher: `wholeWords` wraps each pattern in word boundaries; `startsWords` says every match starts after a non-word character. */
  constructor(entries: readonly { source: string; data: T }[], wholeWords: boolean, startsWords = wholeWords) {
    const wrap = (src: string) => (wholeWords ? `(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])` : `(?:${src})`);
    this.startsWords = startsWords;
    this.each = entries.map((e) => ({ re: new RegExp(wrap(e.source), 'iy'), data: e.data }));
    this.branches = entries.map((e) => expandBranches(nonCapturing(e.source)).map((b) => ({ first: firstChars(b), second: secondChars(b) })));
    const firsts = entries.map((e) => firstChars(e.source));
    const chars = new Set<string>();
    firsts.forEach((f, i) => {
      if (f === null) this.anyChar.push(i);
      else for (const c of f) chars.add(c);
    });
    for (const c of chars) this.byChar.set(c, firsts.map((f, i) => (f === null || f.has(c) ? i : -1)).filter((i) => i >= 0));
  }

  private candidatesAt(text: string, at: number): number[] {
    const c1 = text.charCodeAt(at);
    const c2 = at + 1 < text.length ? text.charCodeAt(at + 1) : 128;
    if (c1 >= 128 || c2 >= 128) return this.byChar.get(text[at].toLowerCase()) ?? this.anyChar;
    const key = (lowerAscii(c1) << 7) | lowerAscii(c2);
    let list = this.byPair.get(key);
    if (list === undefined) {
      const a = String.fromCharCode(lowerAscii(c1));
      const b = String.fromCharCode(lowerAscii(c2));
      list = [];
      for (let i = 0; i < this.branches.length; i++) {
        if (this.branches[i].some((br) => (br.first === null || br.first.has(a)) && (br.second === null || br.second.has(b)))) list.push(i);
      }
      this.byPair.set(key, list);
    }
    return list;
  }

  /** Every match of every pattern (several may start at one position), in order of position. */
  all(text: string): MultiHit<T>[] {
    const out: MultiHit<T>[] = [];
    const each = this.each;
    const n = text.length;
    for (let at = 0; at < n; at++) {
      if (this.startsWords && at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
      const candidates = this.candidatesAt(text, at);
      for (let j = 0; j < candidates.length; j++) {
        const e = each[candidates[j]];
        e.re.lastIndex = at;
        const h = e.re.exec(text);
        if (h && h[0].length > 0) out.push({ start: at, end: at + h[0].length, text: h[0], data: e.data, match: h });
      }
    }
    return out;
  }
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
