/**
 * What a regular expression source must start with, told from its text: the literal starts that
 * let MultiMatcher try only the patterns that can match at a position. Works on regex sources as
 * written in the vocabulary tables (no flags; matched case-insensitively).
 */

/** The literal starts (lower case) of all a pattern's alternatives; '' where one cannot be told. */
export function patternPrefixes(pattern: string): string[] {
  const source = nonCapturing(pattern);
  const out = new Set<string>();
  // runs of spaces as one: the trie walk reads a run of white space as one space
  for (const branch of splitTop(source)) for (const p of literalPrefixes(branch)) out.add(p.replace(/ {2,}/g, ' '));
  return [...out];
}

/** The most strings literalPrefixes gives for one branch, and their longest. */
const MAX_PREFIXES = 256;
const MAX_PREFIX_LENGTH = 24;

/**
 * Strings (lower case ASCII) one of which every match of a regex branch (no capturing groups, no
 * top-level "|", matched case-insensitively) starts with: the literal characters it starts with,
 * up to the first construct that is not one (\w, \s, ".", a repeated group, ...). Groups and
 * character classes of letters and digits branch the strings (a few only); an optional atom or
 * group gives the strings with it and those without. A prefix of a match is never longer than
 * the match, so ending a string early is always safe: [''] says nothing is certain.
 */
export function literalPrefixes(branch: string, depth = 0): string[] {
  let b = branch;
  // assertions match no characters: what follows them starts the match
  for (;;) {
    if (b.startsWith('\\b')) b = b.slice(2);
    else if (b.startsWith('(?<=') || b.startsWith('(?<!') || b.startsWith('(?=') || b.startsWith('(?!')) {
      const end = groupEnd(b);
      if (end < 0) return [''];
      b = b.slice(end + 1);
    } else break;
  }
  if (b.length === 0 || depth > 12) return [''];
  const ch = b[0];
  if (b.startsWith('(?:')) {
    const end = groupEnd(b);
    if (end < 0) return [''];
    const alts = splitTop(b.slice(3, end));
    const q = b[end + 1];
    const out = new Set<string>();
    if (q === undefined || !'?*+{'.includes(q)) {
      const rest = b.slice(end + 1);
      for (const alt of alts) for (const p of literalPrefixes(alt + rest, depth + 1)) out.add(p);
    } else if (q === '?') {
      const rest = b.slice(end + (b[end + 2] === '?' ? 3 : 2));
      for (const alt of alts) for (const p of literalPrefixes(alt + rest, depth + 1)) out.add(p);
      for (const p of literalPrefixes(rest, depth + 1)) out.add(p);
    } else if (q === '+' || q === '{') {
      // repeated: the first repetition starts the match (or, for "{0,n}", what follows does)
      for (const alt of alts) for (const p of literalPrefixes(alt, depth + 1)) out.add(p);
      const rep = /^\{(\d+)(?:,\d*)?\}\??/.exec(b.slice(end + 1));
      if (q === '{' && !rep) return [''];
      if (rep && rep[1] === '0') for (const p of literalPrefixes(b.slice(end + 1 + rep[0].length), depth + 1)) out.add(p);
    } else return [''];
    return cap(out);
  }
  let chars: string[] | null = null;
  let len = 0;
  if (/^[A-Za-z0-9 ,'"&%:;=<>!@#~`/-]$/.test(ch)) {
    chars = [ch.toLowerCase()];
    len = 1;
  } else if (ch === '\\') {
    const e = b[1];
    if (e === 'd') chars = [...'0123456789'];
    else if (e === 's') chars = [' ']; // every white space is a space to the trie (see trieKey)
    else if (e !== undefined && /^[./\\\-()[\]{}?*+|^$&'",:;=<>!@#~`%]$/.test(e)) chars = [e];
    len = 2;
  } else if (ch === '[') {
    const close = b.indexOf(']', 1);
    if (close > 1 && b[1] !== '^') {
      const body = b.slice(1, close);
      const set = new Set<string>();
      let ok = true;
      for (let k = 0; k < body.length && ok; k++) {
        const c = body[k];
        if (body[k + 1] === '-' && k + 2 < body.length) {
          const lo = body.charCodeAt(k);
          const hi = body.charCodeAt(k + 2);
          if (!(/[A-Za-z0-9]/.test(c) && /[A-Za-z0-9]/.test(body[k + 2]) && hi >= lo && hi - lo < 26)) ok = false;
          else for (let x = lo; x <= hi; x++) set.add(String.fromCharCode(x).toLowerCase());
          k += 2;
        } else if (/^[ -~]$/.test(c) && c !== '\\') set.add(c.toLowerCase());
        else ok = false;
      }
      if (ok) chars = [...set];
    }
    len = close + 1;
  }
  if (chars === null || chars.length === 0) return [''];
  const q = b[len];
  const rest = b.slice(len);
  const rep = q === '{' ? /^\{(\d+)(?:(,)(\d*))?\}\??/.exec(rest) : null;
  if (rep && Number(rep[1]) >= 1 && Number(rep[1]) <= 4) {
    // X{n,m}: n times X, then X{0,m-n} (X* when unbounded)
    const atom = b.slice(0, len);
    const n = Number(rep[1]);
    const m = rep[2] === undefined ? n : rep[3] === '' ? Infinity : Number(rep[3]);
    const more = m === Infinity ? `${atom}*` : m > n ? `${atom}{0,${m - n}}` : '';
    return literalPrefixes(atom.repeat(n) + more + rest.slice(rep[0].length), depth + 1);
  }
  if (q === '?' || q === '*' || (q === '{' && /^\{0\b|^\{,/.test(rest))) {
    // without the atom, or with it (once, then anything may follow: "*" and "{0,n}" end the string)
    const close = q === '{' ? rest.indexOf('}') : 0;
    if (close < 0) return [''];
    const after = rest.slice(close + (rest[close + 1] === '?' ? 2 : 1));
    const tail = literalPrefixes(after, depth + 1);
    const out = new Set<string>(tail);
    for (const c of chars) {
      // white space, once or more, is one space to the trie walk
      if (q !== '?' && c !== ' ') out.add(c);
      else for (const t of tail) out.add((c + t).slice(0, MAX_PREFIX_LENGTH));
    }
    return cap(out);
  }
  // a repeated atom ("+", "{2,}"): its first occurrence only (white space: one space, then what follows)
  if (q === '+' && chars.length === 1 && chars[0] === ' ') {
    const tail = literalPrefixes(rest.slice(rest[1] === '?' ? 2 : 1), depth + 1);
    return cap(new Set(tail.map((t) => (' ' + t).slice(0, MAX_PREFIX_LENGTH))));
  }
  if (q === '+' || q === '{') return chars;
  const tail = literalPrefixes(rest, depth + 1);
  const out = new Set<string>();
  for (const c of chars) for (const t of tail) out.add((c + t).slice(0, MAX_PREFIX_LENGTH));
  return cap(out);
}

/** At most MAX_PREFIXES strings: the longest shortened (a shorter prefix of a match is still one) until they fit. */
function cap(set: Set<string>): string[] {
  let out = set;
  while (out.size > MAX_PREFIXES) {
    const longest = Math.max(...[...out].map((x) => x.length));
    if (longest === 0) break;
    out = new Set([...out].map((x) => x.slice(0, longest - 1)));
  }
  return [...out];
}

/** The index of the parenthesis closing the group that opens `b`, or -1. */
function groupEnd(b: string): number {
  let depth = 0;
  let cls = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (cls) {
      if (c === ']') cls = false;
      continue;
    }
    if (c === '[') cls = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The same regex source with every capturing group made non-capturing. */
function nonCapturing(src: string): string {
  let out = '';
  let cls = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      out += ch + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (cls) {
      if (ch === ']') cls = false;
      out += ch;
      continue;
    }
    if (ch === '[') cls = true;
    out += ch === '(' && src[i + 1] !== '?' ? '(?:' : ch;
  }
  return out;
}

/** The top-level alternatives of a regex source (split on "|" outside groups and classes). */
function splitTop(src: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cls = false;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (cls) {
      if (ch === ']') cls = false;
      continue;
    }
    if (ch === '[') cls = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      parts.push(src.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(src.slice(from));
  return parts;
}

