/**
 * The PDF object syntax: values (names, references, strings, arrays, dictionaries) and the parser
 * that reads them from a latin1 string (one char per byte), for the file's objects and for content
 * streams alike (where a bare word is an operator).
 */

/** Something the fast reader does not handle: the caller falls back to pdf.js. */
class Unsupported extends Error {}
export function unsupported(what: string): never {
  throw new Unsupported(what);
}

export type PdfValue = number | boolean | null | string | PdfName | PdfRef | PdfValue[] | PdfDict | PdfString;
export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
/** A string's bytes, as a latin1 string (one char per byte). */
export class PdfString {
  constructor(readonly bytes: string) {}
}
export interface PdfDict {
  [key: string]: PdfValue;
}

const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** What `\s` of a regular expression matches in a latin1 string: tab to carriage return, space, no-break space. */
const isRegexSpace = (c: number) => (c >= 9 && c <= 13) || c === 32 || c === 160;

/** Tokenises and parses PDF objects from a latin1 string. */
export class Parser {
  pos = 0;
  constructor(readonly s: string) {}

  skipWs(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (WS[c]) this.pos++;
      else if (c === 37 /* % */) {
        while (this.pos < s.length && s.charCodeAt(this.pos) !== 10 && s.charCodeAt(this.pos) !== 13) this.pos++;
      } else return;
    }
  }

  regular(): string {
    const s = this.s;
    const start = this.pos;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (WS[c] || DELIM[c]) break;
      this.pos++;
    }
    return s.slice(start, this.pos);
  }

  value(): PdfValue {
    this.skipWs();
    const s = this.s;
    const c = s[this.pos];
    if (c === '/') {
      this.pos++;
      const raw = this.regular();
      return new PdfName(raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw);
    }
    if (c === '[') {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (s[this.pos] === ']') {
          this.pos++;
          return arr;
        }
        if (this.pos >= s.length) unsupported('unterminated array');
        arr.push(this.valueOrRef());
      }
    }
    if (c === '<' && s[this.pos + 1] === '<') {
      this.pos += 2;
      const dict: PdfDict = {};
      for (;;) {
        this.skipWs();
        if (s[this.pos] === '>' && s[this.pos + 1] === '>') {
          this.pos += 2;
          return dict;
        }
        const key = this.value();
        if (!(key instanceof PdfName)) unsupported('dictionary key');
        dict[key.name] = this.valueOrRef();
      }
    }
    if (c === '<') {
      const end = s.indexOf('>', this.pos);
      if (end < 0) unsupported('hex string');
      let hex = s.slice(this.pos + 1, end).replace(/\s+/g, '');
      if (hex.length % 2) hex += '0';
      this.pos = end + 1;
      let out = '';
      for (let i = 0; i < hex.length; i += 2) out += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
      return new PdfString(out);
    }
    if (c === '(') return new PdfString(this.literal());
    const tok = this.regular();
    if (tok === '') unsupported(`unexpected character ${JSON.stringify(c)}`);
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (tok === 'null') return null;
    const n = Number(tok);
    if (!Number.isNaN(n)) return n;
    return tok; // an operator (in content streams) or a keyword
  }

  /** A value, where "N G R" is an indirect reference. */
  valueOrRef(): PdfValue {
    const v = this.value();
    if (typeof v === 'number' && Number.isInteger(v)) {
      const save = this.pos;
      this.skipWs();
      const g = this.refTail();
      if (g >= 0) return new PdfRef(v, g);
      this.pos = save;
    }
    return v;
  }

  /**
   * After an integer: "G R" (digits, white space, R not followed by a letter or digit, all within the
   * next 16 characters) read and its generation returned, or -1 with nothing read. Scanned by hand,
   * not with a regular expression on a slice: every integer of every array (the kerning of each text
   * line's TJ) comes here, and the slice and match cost more than the rest of reading the number.
   */
  private refTail(): number {
    const s = this.s;
    const start = this.pos;
    const end = Math.min(s.length, start + 16);
    let i = start;
    while (i < end && isDigit(s.charCodeAt(i))) i++;
    if (i === start || i >= end || !isRegexSpace(s.charCodeAt(i))) return -1;
    const digitsEnd = i;
    while (i < end && isRegexSpace(s.charCodeAt(i))) i++;
    if (i >= end || s.charCodeAt(i) !== 82 /* R */) return -1;
    if (i + 1 < end && isAlnum(s.charCodeAt(i + 1))) return -1;
    this.pos = i + 1;
    return Number(s.slice(start, digitsEnd));
  }

  literal(): string {
    const s = this.s;
    this.pos++; // (
    let depth = 1;
    let out = '';
    while (this.pos < s.length) {
      const ch = s[this.pos++];
      if (ch === '\\') {
        const e = s[this.pos++];
        if (e === 'n') out += '\n';
        else if (e === 'r') out += '\r';
        else if (e === 't') out += '\t';
        else if (e === 'b') out += '\b';
        else if (e === 'f') out += '\f';
        else if (e === '\r') {
          if (s[this.pos] === '\n') this.pos++;
        } else if (e === '\n') {
          /* line continuation */
        } else if (e >= '0' && e <= '7') {
          let oct = e;
          while (oct.length < 3 && s[this.pos] >= '0' && s[this.pos] <= '7') oct += s[this.pos++];
          out += String.fromCharCode(parseInt(oct, 8) & 0xff);
        } else out += e;
      } else if (ch === '(') {
        depth++;
        out += ch;
      } else if (ch === ')') {
        if (--depth === 0) return out;
        out += ch;
      } else out += ch;
    }
    unsupported('unterminated string');
  }
}
