/**
 * Many regular expressions matched against one text in one pass: the request vocabulary, the fact
 * extractor's features and cues, the guideline topics' terms.
 */
import { patternPrefixes } from './literal-prefixes.js';
import type { Span } from './spans.js';

export interface MultiHit<T> extends Span {
  readonly text: string;
  readonly data: T;
  /** The pattern's own match (its capture groups; `index` is the start). */
  readonly match: RegExpExecArray;
}

/**
 * A hit as found: its span and entry; the matched text and the pattern's own match (capture
 * groups) are made on first read. Most hits are read for their span and entry only (a region's,
 * a term's), so the pass keeps no match array per hit: `test` tells the span, and the match is
 * the pattern's (sticky) exec at the same start, which gives the same match again.
 */
class Hit<T> implements MultiHit<T> {
  private matched: RegExpExecArray | null = null;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly data: T,
    private readonly re: RegExp,
    private readonly input: string,
  ) {}

  get text(): string {
    return this.input.slice(this.start, this.end);
  }

  get match(): RegExpExecArray {
    if (this.matched === null) {
      this.re.lastIndex = this.start;
      this.matched = this.re.exec(this.input)!;
    }
    return this.matched;
  }
}

/**
 * Many patterns matched in one pass: at each position where a match may start, only the patterns
 * that can start with the text there are tried (sticky), and all that match are reported. The
 * patterns are indexed by the literal text their alternatives must start with (see
 * literalPrefixes) in a character trie: a position costs a walk of a few characters down the trie,
 * and most words try no pattern at all. Much faster than scanning the text once per pattern, or
 * with one combined regular expression. Patterns are regex sources, case-insensitive. An entry's
 * own `wholeWords` overrides the matcher's, so that vocabularies of both sorts share one pass.
 */
export class MultiMatcher<T> {
  private readonly each: { re: RegExp; data: T }[];
  /**
   * The trie, flat, its nodes numbered breadth first (0 is the root). The nodes read at every word
   * (the root and its children: the first `denseRows`) have a table row: the child of node n for
   * key k (an ASCII code, see trieKey) is next[n * width + keyColumn[k]], 0 for none; only the keys
   * that the literal starts use have a column (column 0, never a child, stands for the others).
   * The deeper nodes, nearly all with one or two children, list theirs: node n's are
   * edgeKey/edgeChild[edgeStart[n] .. edgeStart[n + 1]). A table of every node (thousands of rows)
   * would be megabytes, out of the cache once the rest of the engine has run, a miss at each step
   * of each walk; the lists are a few bytes a node.
   */
  private readonly next: Int32Array;
  private readonly width: number;
  private readonly keyColumn: Uint8Array;
  private readonly denseRows: number;
  private readonly edgeStart: Int32Array;
  private readonly edgeKey: Uint8Array;
  private readonly edgeChild: Int32Array;
  /**
   * For each node, the patterns to try where the text leads to it (its own and those of the nodes
   * above), in entry order: cumIds[cumStart[n] .. cumStart[n + 1]).
   */
  private readonly cumStart: Int32Array;
  private readonly cumIds: Int32Array;
  private readonly startsWords: boolean;
  /**
   * `wholeWords`: every pattern is wrapped to match whole words only. `startsWords`: the patterns
   * (with their own boundaries) only ever match at the start of a word, so only those positions
   * are tried.
   */
  constructor(entries: readonly { source: string; data: T; wholeWords?: boolean }[], wholeWords: boolean, startsWords = wholeWords) {
    const wrap = (src: string, whole: boolean) => (whole ? `(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])` : `(?:${src})`);
    this.each = entries.map((e) => ({ re: new RegExp(wrap(e.source, e.wholeWords ?? wholeWords), 'iy'), data: e.data }));
    this.startsWords = startsWords;
    const nodes: TrieNode[] = [{ next: new Map(), own: [] }];
    entries.forEach((e, id) => {
      for (const prefix of patternPrefixes(e.source)) {
        let node = nodes[0];
        for (let k = 0; k < prefix.length; k++) {
          const code = prefix.charCodeAt(k);
          let child = node.next.get(code);
          if (child === undefined) {
            child = nodes.length;
            node.next.set(code, child);
            nodes.push({ next: new Map(), own: [] });
          }
          node = nodes[child];
        }
        if (!node.own.includes(id)) node.own.push(id);
      }
    });
    const keyColumn = new Uint8Array(128);
    let width = 1;
    for (const node of nodes) for (const code of node.next.keys()) if (keyColumn[code] === 0) keyColumn[code] = width++;
    // the nodes breadth first: numberOf[n] is node n's row
    const numberOf = new Int32Array(nodes.length);
    const order = [0];
    for (let i = 0; i < order.length; i++) for (const child of nodes[order[i]].next.values()) numberOf[child] = order.push(child) - 1;
    // the root and its children (the first rows, breadth first) get table rows
    const denseRows = 1 + nodes[0].next.size;
    this.width = width;
    this.keyColumn = keyColumn;
    this.denseRows = denseRows;
    this.next = new Int32Array(denseRows * width);
    const cum = new Array<number[]>(nodes.length);
    const children = new Array<[number, number][]>(nodes.length);
    const fill = (n: number, above: number[]) => {
      const row = numberOf[n];
      cum[row] = [...new Set([...above, ...nodes[n].own])].sort((a, b) => a - b);
      children[row] = [];
      for (const [code, child] of nodes[n].next) {
        if (row < denseRows) this.next[row * width + keyColumn[code]] = numberOf[child];
        else children[row].push([code, numberOf[child]]);
        fill(child, cum[row]);
      }
    };
    fill(0, []);
    this.edgeStart = new Int32Array(nodes.length + 1);
    this.edgeKey = new Uint8Array(nodes.length);
    this.edgeChild = new Int32Array(nodes.length);
    this.cumStart = new Int32Array(nodes.length + 1);
    this.cumIds = new Int32Array(cum.reduce((k, c) => k + c.length, 0));
    let e = 0;
    let c = 0;
    for (let row = 0; row < nodes.length; row++) {
      this.edgeStart[row] = e;
      for (const [code, child] of children[row]) {
        this.edgeKey[e] = code;
        this.edgeChild[e++] = child;
      }
      this.cumStart[row] = c;
      for (const id of cum[row]) this.cumIds[c++] = id;
    }
    this.edgeStart[nodes.length] = e;
    this.cumStart[nodes.length] = c;
  }

  /** Every match of every pattern (several may start at one position), in order of position. */
  all(text: string): MultiHit<T>[] {
    const out: MultiHit<T>[] = [];
    this.allInto(text, null, [out]);
    return out;
  }

  /**
   * `all`, each hit into the array of its entry's part (`partOf[entry]`, every entry's part 0 when
   * null): several vocabularies matched in one pass, each hit built once, straight into its own list.
   * The entries from `firstFrom` on are only tested, as `firstStarts` tests them: `firsts[entry -
   * firstFrom]` is set to where the entry first matches, or -1 (so one pass gives both answers, for
   * entries that never match the empty string).
   */
  allInto(text: string, partOf: Uint8Array | null, outs: readonly MultiHit<T>[][], firsts: Int32Array | null = null, firstFrom = this.each.length): void {
    const each = this.each;
    const cumStart = this.cumStart;
    const cumIds = this.cumIds;
    const n = text.length;
    const startsWords = this.startsWords;
    if (firsts !== null) firsts.fill(-1);
    let prevWord = false;
    for (let at = 0; at < n; at++) {
      const c = text.charCodeAt(at);
      const word = c < 128 && WORD_CHAR[c] === 1;
      if (startsWords && prevWord) {
        prevWord = word;
        continue;
      }
      prevWord = word;
      // the patterns whose literal start matches the text here
      const node = this.trieNode(text, at);
      for (let j = cumStart[node], end = cumStart[node + 1]; j < end; j++) {
        const id = cumIds[j];
        const e = each[id];
        if (id >= firstFrom) {
          if (firsts![id - firstFrom] >= 0) continue;
          e.re.lastIndex = at;
          if (e.re.test(text)) firsts![id - firstFrom] = at;
          continue;
        }
        const re = e.re;
        re.lastIndex = at;
        // sticky: a match sets lastIndex to its end
        if (re.test(text) && re.lastIndex > at) outs[partOf === null ? 0 : partOf[id]].push(new Hit(at, re.lastIndex, e.data, re, text));
      }
    }
  }

  /** Walks the trie of literal starts from `at` as far as the text goes (a run of white space is one space); the node reached. */
  private trieNode(text: string, at: number): number {
    const next = this.next;
    const width = this.width;
    const keyColumn = this.keyColumn;
    const denseRows = this.denseRows;
    const edgeStart = this.edgeStart;
    const edgeKey = this.edgeKey;
    const edgeChild = this.edgeChild;
    const n = text.length;
    let node = 0;
    for (let k = at; k < n; ) {
      const code = text.charCodeAt(k);
      const key = code < 128 ? ASCII_KEY[code] : trieKey(code);
      if (key >= 128) break;
      let child = 0;
      if (node < denseRows) child = next[node * width + keyColumn[key]];
      else {
        for (let e = edgeStart[node], end = edgeStart[node + 1]; e < end; e++) {
          if (edgeKey[e] === key) {
            child = edgeChild[e];
            break;
          }
        }
      }
      if (child === 0) break;
      node = child;
      k++;
      if (key === 32) while (k < n && trieKey(text.charCodeAt(k)) === 32) k++;
    }
    return node;
  }

  /**
   * For each pattern (in entry order), the first position where it matches, or -1: what
   * `pattern.test(text)` (and the match's `index`) would tell, for all patterns in one pass
   * (with `startsWords`, for patterns that only match at the start of a word, as `all` assumes).
   * Empty matches count. `out` is filled and returned (a fresh array when not given).
   */
  firstStarts(text: string, out: Int32Array = new Int32Array(this.each.length)): Int32Array {
    out.fill(-1);
    const each = this.each;
    const cumStart = this.cumStart;
    const cumIds = this.cumIds;
    const n = text.length;
    const startsWords = this.startsWords;
    let left = each.length;
    let prevWord = false;
    // up to the end itself: a pattern may match the empty string there
    for (let at = 0; at <= n && left > 0; at++) {
      const c = at < n ? text.charCodeAt(at) : 0;
      const word = c < 128 && WORD_CHAR[c] === 1;
      if (startsWords && prevWord) {
        prevWord = word;
        continue;
      }
      prevWord = word;
      const node = this.trieNode(text, at);
      for (let j = cumStart[node], end = cumStart[node + 1]; j < end; j++) {
        const id = cumIds[j];
        if (out[id] >= 0) continue;
        const re = each[id].re;
        re.lastIndex = at;
        if (re.test(text)) {
          out[id] = at;
          left--;
        }
      }
    }
    return out;
  }
}

interface TrieNode {
  next: Map<number, number>;
  /** Patterns with an alternative whose literal start ends here. */
  own: number[];
}

/**
 * The trie's key for a character: ASCII letters in lower case (the patterns are case-insensitive)
 * and every white space as a space (a pattern's \s and " " are both a space in the trie). Keys
 * stand for classes of characters, so a walk may reach more patterns than can match, never fewer.
 */
function trieKey(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code < 128) return code === 9 || code === 10 || code === 11 || code === 12 || code === 13 ? 32 : code;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff ? 32 : code;
}

/** trieKey of each ASCII code, looked up (the scanning loops' hot path). */
const ASCII_KEY = Uint8Array.from({ length: 128 }, (_, c) => trieKey(c));
/** 1 for the ASCII letters and digits ([A-Za-z0-9]): the characters of a word to the matchers. */
const WORD_CHAR = Uint8Array.from({ length: 128 }, (_, c) => ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0));
