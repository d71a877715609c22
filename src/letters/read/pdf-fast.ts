import { createDecipheriv, createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { DEFAULT_READING_LIMITS, isDocumentLimit, ReadingBudget } from './reading-limits.js';

/**
 * A small, fast reader for the text layer of simple PDFs (the kind word processors write: page
 * content streams drawing text with simple or Identity-H fonts that carry a ToUnicode map or a
 * standard encoding; no encryption, or the Standard security handler with an empty user
 * password). It returns the positioned text runs of each page, or null as soon as it meets
 * anything it does not handle, so that the caller falls back to pdf.js. It never guesses.
 */

export interface FastRun {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

class Unsupported extends Error {}
function unsupported(what: string): never {
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
interface PdfObject {
  value: PdfValue;
  /** For a stream object: where its data starts and how long it is. */
  stream?: { start: number; dict: PdfDict };
}

const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

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
      const g = /^(\d+)\s+R(?![A-Za-z0-9])/.exec(this.s.slice(this.pos, this.pos + 16));
      if (g) {
        this.pos += g[0].length;
        return new PdfRef(v, Number(g[1]));
      }
      this.pos = save;
    }
    return v;
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

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** The document, its objects found by scanning for "N G obj" (no reliance on the xref table). */
class Doc {
  readonly s: string;
  readonly offsets = new Map<number, number>();
  readonly inStreams = new Map<number, { stm: number; index: number }>();
  readonly cache = new Map<number, PdfObject>();
  readonly stmCache = new Map<number, Map<number, PdfValue>>();
  trailer: PdfDict = {};
  key: Buffer | null = null;

  constructor(
    readonly bytes: Uint8Array,
    readonly budget: ReadingBudget,
  ) {
    this.s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const re = /(?:^|[\r\n\s])(\d+)\s+(\d+)\s+obj\b/g;
    for (let m = re.exec(this.s); m; m = re.exec(this.s)) this.offsets.set(Number(m[1]), m.index + m[0].length);
    // Trailer: the classic trailer dictionaries, then cross-reference streams.
    for (const m of this.s.matchAll(/trailer\s*<</g)) {
      const p = new Parser(this.s);
      p.pos = m.index! + 'trailer'.length;
      Object.assign(this.trailer, p.value() as PdfDict);
    }
    for (const [num] of this.offsets) {
      const o = this.object(num);
      const d = o.value;
      if (o.stream && d && typeof d === 'object' && !Array.isArray(d) && !(d instanceof PdfName) && !(d instanceof PdfRef) && !(d instanceof PdfString)) {
        const t = (d as PdfDict).Type;
        if (t instanceof PdfName && t.name === 'XRef') {
          for (const k of ['Root', 'Encrypt', 'ID', 'Info']) if ((d as PdfDict)[k] !== undefined && this.trailer[k] === undefined) this.trailer[k] = (d as PdfDict)[k];
        }
      }
    }
    if (this.trailer.Encrypt !== undefined) this.key = this.encryptionKey();
    // Object streams: index the objects they hold.
    for (const [num] of this.offsets) {
      const o = this.object(num);
      const t = o.stream?.dict.Type;
      if (t instanceof PdfName && t.name === 'ObjStm') {
        const data = this.streamText(num);
        const n = this.num(o.stream!.dict.N);
        const head = new Parser(data);
        for (let i = 0; i < n; i++) {
          const objNum = head.value() as number;
          head.value();
          if (!this.offsets.has(objNum) && !this.inStreams.has(objNum)) this.inStreams.set(objNum, { stm: num, index: i });
        }
      }
    }
  }

  num(v: PdfValue): number {
    const r = this.resolve(v);
    if (typeof r !== 'number') unsupported('number expected');
    return r;
  }

  dict(v: PdfValue): PdfDict {
    const r = this.resolve(v);
    if (!r || typeof r !== 'object' || Array.isArray(r) || r instanceof PdfName || r instanceof PdfRef || r instanceof PdfString) unsupported('dictionary expected');
    return r as PdfDict;
  }

  name(v: PdfValue): string | null {
    const r = this.resolve(v);
    return r instanceof PdfName ? r.name : null;
  }

  resolve(v: PdfValue): PdfValue {
    for (let i = 0; i < 32 && v instanceof PdfRef; i++) v = this.object(v.num).value;
    return v;
  }

  object(num: number): PdfObject {
    const cached = this.cache.get(num);
    if (cached) return cached;
    let obj: PdfObject;
    const off = this.offsets.get(num);
    if (off !== undefined) {
      const p = new Parser(this.s);
      p.pos = off;
      const value = p.valueOrRef();
      p.skipWs();
      if (this.s.startsWith('stream', p.pos)) {
        let start = p.pos + 6;
        if (this.s[start] === '\r') start++;
        if (this.s[start] === '\n') start++;
        obj = { value, stream: { start, dict: value as PdfDict } };
      } else obj = { value };
    } else {
      const loc = this.inStreams.get(num);
      if (!loc) obj = { value: null };
      else {
        let objs = this.stmCache.get(loc.stm);
        if (!objs) {
          objs = new Map();
          const stm = this.object(loc.stm).stream!;
          const data = this.streamText(loc.stm);
          const n = this.num(stm.dict.N);
          const first = this.num(stm.dict.First);
          const head = new Parser(data);
          const entries: Array<[number, number]> = [];
          for (let i = 0; i < n; i++) entries.push([head.value() as number, head.value() as number]);
          for (const [objNum, rel] of entries) {
            const p = new Parser(data);
            p.pos = first + rel;
            objs.set(objNum, p.valueOrRef());
          }
          this.stmCache.set(loc.stm, objs);
        }
        obj = { value: objs.get(num) ?? null };
      }
    }
    this.cache.set(num, obj);
    return obj;
  }

  /** Algorithm 2 of the PDF specification, for the empty user password (Standard handler, R2–R4). */
  encryptionKey(): Buffer {
    const enc = this.dict(this.trailer.Encrypt);
    if (this.name(enc.Filter) !== 'Standard') unsupported('security handler');
    const v = this.num(enc.V);
    const r = this.num(enc.R);
    if (r > 4) unsupported('AES-256 encryption');
    const o = this.resolve(enc.O);
    const id = this.resolve(this.trailer.ID);
    if (!(o instanceof PdfString) || !Array.isArray(id) || !(id[0] instanceof PdfString)) unsupported('encryption dictionary');
    this.aes = false;
    if (v === 4) {
      const cf = this.dict(this.dict(enc.CF)[this.name(enc.StmF) ?? 'StdCF']);
      const cfm = this.name(cf.CFM);
      if (cfm === 'AESV2') this.aes = true;
      else if (cfm !== 'V2') unsupported('crypt filter');
    }
    const length = v === 1 ? 5 : (enc.Length === undefined ? 40 : this.num(enc.Length)) / 8;
    const p = Buffer.alloc(4);
    p.writeInt32LE(this.num(enc.P));
    const h = createHash('md5').update(PAD).update(Buffer.from((o as PdfString).bytes, 'latin1')).update(p).update(Buffer.from((id[0] as PdfString).bytes, 'latin1'));
    if (r >= 4 && this.resolve(enc.EncryptMetadata) === false) h.update(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    let key = h.digest().subarray(0, length);
    if (r >= 3) for (let i = 0; i < 50; i++) key = createHash('md5').update(key).digest().subarray(0, length);
    return Buffer.from(key);
  }
  aes = false;

  /** The decoded data of a stream object, as latin1. */
  streamText(num: number): string {
    const o = this.object(num);
    if (!o.stream) unsupported('stream expected');
    const dict = o.stream.dict;
    const length = this.num(dict.Length);
    let data: Buffer = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + o.stream.start, length);
    const type = this.name(dict.Type);
    if (this.key && type !== 'XRef') {
      const k = Buffer.alloc(this.key.length + 5 + (this.aes ? 4 : 0));
      this.key.copy(k);
      k.writeUIntLE(num, this.key.length, 3);
      k.writeUIntLE(0, this.key.length + 3, 2);
      if (this.aes) k.write('sAlT', this.key.length + 5, 'latin1');
      const objKey = createHash('md5').update(k).digest().subarray(0, Math.min(this.key.length + 5, 16));
      if (this.aes) {
        if (data.length < 32) return '';
        const d = createDecipheriv('aes-128-cbc', objKey, data.subarray(0, 16));
        data = Buffer.concat([d.update(data.subarray(16)), d.final()]);
      } else data = rc4(objKey, data);
    }
    const filters = this.resolve(dict.Filter);
    const list = filters === undefined || filters === null ? [] : Array.isArray(filters) ? filters.map((f) => this.name(f)) : [this.name(filters)];
    for (const f of list) {
      if (f === 'FlateDecode' || f === 'Fl') {
        data = inflateCapped(data, this.budget);
        const parms = dict.DecodeParms === undefined ? null : this.resolve(dict.DecodeParms);
        if (parms && !Array.isArray(parms) && typeof parms === 'object' && (parms as PdfDict).Predictor !== undefined && this.num((parms as PdfDict).Predictor) > 1) {
          unsupported('predictor');
        }
      } else unsupported(`filter ${f}`);
    }
    return data.toString('latin1');
  }
}

/** Inflates within what the file's budget allows for one stream (zlib stops at the cap, so a bomb never fills memory). */
export function inflateCapped(data: Buffer, budget: ReadingBudget, opts: { finishFlush?: number } = {}): Buffer {
  const room = budget.streamRoom();
  let out: Buffer;
  try {
    out = inflateSync(data, { maxOutputLength: Math.max(1, room), ...opts });
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw budget.streamTooLarge();
    throw e;
  }
  if (out.length > room) throw budget.streamTooLarge();
  budget.inflate(out.length);
  return out;
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}

// --- Fonts -----------------------------------------------------------------------------------

/** Windows-1252 (WinAnsiEncoding) for 0x80–0x9F; the rest of WinAnsi is Latin-1. */
const WIN_ANSI_HIGH = '\u20ac\u0000\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u0000\u017d\u0000\u0000\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u0000\u017e\u0178';

/** Glyph names a Differences array may use, for the characters letters contain. */
const GLYPHS: Record<string, string> = {
  space: ' ', quotesingle: "'", quotedbl: '"', grave: '`', bullet: '\u2022', endash: '\u2013', emdash: '\u2014',
  quoteleft: '\u2018', quoteright: '\u2019', quotedblleft: '\u201c', quotedblright: '\u201d', degree: '\u00b0',
  hyphen: '-', minus: '-', periodcentered: '\u00b7', ellipsis: '\u2026', section: '\u00a7', registered: '\u00ae',
  copyright: '\u00a9', trademark: '\u2122', plusminus: '\u00b1', fi: 'fi', fl: 'fl', nbspace: ' ',
};

interface Font {
  bytesPerCode: 1 | 2;
  toUnicode: Map<number, string> | null;
  simple: (code: number) => string | null;
  width: (code: number) => number;
}

function parseCMap(text: string, budget: ReadingBudget): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const utf16 = (h: string) => {
    let out = '';
    for (let i = 0; i + 4 <= h.length; i += 4) out += String.fromCharCode(hex(h.slice(i, i + 4)));
    if (h.length === 2) out = String.fromCharCode(hex(h));
    return out;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) {
      budget.mapCodes(1);
      map.set(hex(m[1]), utf16(m[2]));
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]+)>|\[([^\]]*)\])/g)) {
      const lo = hex(m[1]);
      const hi = hex(m[2]);
      if (hi - lo > 0xffff) unsupported('cmap range');
      // Counted before expanding: 2,000 full ranges would otherwise map 131 million codes.
      budget.mapCodes(Math.max(0, hi - lo + 1));
      if (m[3] !== undefined) {
        const base = utf16(m[3]);
        const last = base.charCodeAt(base.length - 1);
        for (let c = lo; c <= hi; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(last + (c - lo)));
      } else {
        const dsts = [...m[4].matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1]));
        for (let c = lo; c <= hi && c - lo < dsts.length; c++) map.set(c, dsts[c - lo]);
      }
    }
  }
  return map;
}

function loadFont(doc: Doc, ref: PdfValue): Font {
  const f = doc.dict(ref);
  const subtype = doc.name(f.Subtype);
  const tu = f.ToUnicode instanceof PdfRef ? parseCMap(doc.streamText(f.ToUnicode.num), doc.budget) : null;
  if (subtype === 'Type0') {
    const encoding = doc.name(f.Encoding);
    if (encoding !== 'Identity-H' || !tu) unsupported('composite font encoding');
    const desc = doc.dict((doc.resolve(f.DescendantFonts) as PdfValue[])[0]);
    const dw = desc.DW === undefined ? 1000 : doc.num(desc.DW);
    const widths = new Map<number, number>();
    const w = doc.resolve(desc.W);
    if (Array.isArray(w)) {
      for (let i = 0; i < w.length; ) {
        const first = doc.num(w[i]);
        const next = doc.resolve(w[i + 1]);
        if (Array.isArray(next)) {
          next.forEach((x, k) => widths.set(first + k, doc.num(x)));
          i += 2;
        } else {
          const last = doc.num(next);
          if (last - first > 0xffff) unsupported('width range');
          const width = doc.num(w[i + 2]);
          for (let c = first; c <= last; c++) widths.set(c, width);
          i += 3;
        }
      }
    }
    return { bytesPerCode: 2, toUnicode: tu, simple: () => null, width: (c) => widths.get(c) ?? dw };
  }
  if (subtype !== 'TrueType' && subtype !== 'Type1' && subtype !== 'MMType1') unsupported(`font type ${subtype}`);
  const firstChar = f.FirstChar === undefined ? 0 : doc.num(f.FirstChar);
  const widthsArr = doc.resolve(f.Widths);
  const widths = Array.isArray(widthsArr) ? widthsArr.map((x) => doc.num(x)) : null;
  if (!widths) unsupported('font without widths (a standard 14 font)');
  const missing = f.FontDescriptor !== undefined ? doc.dict(f.FontDescriptor).MissingWidth : undefined;
  const missingWidth = missing === undefined ? 0 : doc.num(missing);
  const enc = doc.resolve(f.Encoding);
  const diffs = new Map<number, string>();
  let base = enc instanceof PdfName ? enc.name : null;
  if (enc && typeof enc === 'object' && !(enc instanceof PdfName) && !Array.isArray(enc)) {
    const e = enc as PdfDict;
    base = doc.name(e.BaseEncoding);
    const d = doc.resolve(e.Differences);
    if (Array.isArray(d)) {
      let code = 0;
      for (const x of d) {
        const v = doc.resolve(x);
        if (typeof v === 'number') code = v;
        else if (v instanceof PdfName) diffs.set(code++, v.name);
      }
    }
  }
  if (!tu && base !== null && base !== 'WinAnsiEncoding') unsupported(`encoding ${base}`);
  if (!tu && base === null && subtype !== 'TrueType') unsupported('symbolic font without a map');
  const simple = (code: number): string | null => {
    const g = diffs.get(code);
    if (g !== undefined) {
      if (g.length === 1) return g;
      if (GLYPHS[g] !== undefined) return GLYPHS[g];
      const uni = /^uni([0-9A-F]{4})$/.exec(g);
      if (uni) return String.fromCharCode(parseInt(uni[1], 16));
      return null;
    }
    if (code >= 0x80 && code <= 0x9f) return WIN_ANSI_HIGH[code - 0x80] === '\u0000' ? null : WIN_ANSI_HIGH[code - 0x80];
    if (code < 32) return null;
    return String.fromCharCode(code);
  };
  return {
    bytesPerCode: 1,
    toUnicode: tu,
    simple,
    width: (c) => (c >= firstChar && c - firstChar < widths.length ? widths[c - firstChar] : missingWidth),
  };
}

// --- Content streams -------------------------------------------------------------------------

type Matrix = [number, number, number, number, number, number];
function mul(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

function pageRuns(doc: Doc, page: PdfDict, resources: PdfDict, out: FastRun[]): void {
  const contents = doc.resolve(page.Contents);
  const refs = Array.isArray(contents) ? contents : contents === undefined || contents === null ? [] : [page.Contents];
  let data = '';
  for (const r of refs) {
    if (!(r instanceof PdfRef)) unsupported('inline contents');
    data += doc.streamText(r.num) + '\n';
  }
  interpret(doc, data, resources, [1, 0, 0, 1, 0, 0], out, 0);
}

/** Runs a content stream (a page's, or a form XObject's) and collects its text runs. */
function interpret(doc: Doc, data: string, resources: PdfDict, baseCtm: Matrix, out: FastRun[], depth: number): void {
  if (depth > 8) unsupported('forms nested too deep');
  const fontDict = resources.Font === undefined ? {} : doc.dict(resources.Font);
  const xobjects = resources.XObject === undefined ? {} : doc.dict(resources.XObject);
  const fonts = new Map<string, Font>();
  const p = new Parser(data);
  const stack: PdfValue[] = [];
  let ctm: Matrix = baseCtm;
  const saved: Matrix[] = [];
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let font: Font | null = null;
  let size = 0;
  let tc = 0;
  let tw = 0;
  let th = 1;
  let tl = 0;
  let rise = 0;

  const show = (bytes: string) => {
    if (!font) unsupported('text without font');
    const f = font;
    let str = '';
    let advance = 0;
    for (let i = 0; i + f.bytesPerCode <= bytes.length; i += f.bytesPerCode) {
      const code = f.bytesPerCode === 2 ? (bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1) : bytes.charCodeAt(i);
      let ch = f.toUnicode?.get(code);
      if (ch === undefined) {
        if (f.toUnicode && f.bytesPerCode === 2) unsupported('glyph without unicode');
        const s = f.simple(code);
        if (s === null) unsupported('glyph without unicode');
        ch = s;
      }
      str += ch;
      advance += ((f.width(code) / 1000) * size + tc + (f.bytesPerCode === 1 && code === 32 ? tw : 0)) * th;
    }
    const m = mul([size * th, 0, 0, size, 0, rise], mul(tm, ctm));
    const scaleX = Math.hypot(tm[0], tm[1]) * Math.hypot(ctm[0], ctm[1]);
    out.push({ str, x: m[4], y: m[5], width: advance * scaleX, size: Math.hypot(m[2], m[3]) || size });
    tm = mul([1, 0, 0, 1, advance, 0], tm);
  };
  const nextLine = (tx: number, ty: number) => {
    tlm = mul([1, 0, 0, 1, tx, ty], tlm);
    tm = tlm;
  };
  const nums = (n: number): number[] => {
    if (stack.length < n) unsupported('operand missing');
    const vals = stack.slice(stack.length - n).map((v) => (typeof v === 'number' ? v : unsupported('number operand')));
    return vals;
  };

  for (;;) {
    p.skipWs();
    if (p.pos >= data.length) break;
    const v = p.value();
    if (typeof v !== 'string') {
      stack.push(v);
      continue;
    }
    doc.budget.operator();
    switch (v) {
      case 'q':
        saved.push(ctm);
        break;
      case 'Q':
        ctm = saved.pop() ?? baseCtm;
        break;
      case 'cm':
        ctm = mul(nums(6) as Matrix, ctm);
        break;
      case 'BT':
        tm = [1, 0, 0, 1, 0, 0];
        tlm = tm;
        break;
      case 'Tf': {
        const name = stack[stack.length - 2];
        if (!(name instanceof PdfName)) unsupported('Tf operand');
        let f = fonts.get(name.name);
        if (!f) {
          if (fontDict[name.name] === undefined) unsupported('unknown font');
          f = loadFont(doc, fontDict[name.name]);
          fonts.set(name.name, f);
        }
        font = f;
        size = nums(1)[0];
        break;
      }
      case 'Tc':
        tc = nums(1)[0];
        break;
      case 'Tw':
        tw = nums(1)[0];
        break;
      case 'Tz':
        th = nums(1)[0] / 100;
        break;
      case 'TL':
        tl = nums(1)[0];
        break;
      case 'Ts':
        rise = nums(1)[0];
        break;
      case 'Td': {
        const [x, y] = nums(2);
        nextLine(x, y);
        break;
      }
      case 'TD': {
        const [x, y] = nums(2);
        tl = -y;
        nextLine(x, y);
        break;
      }
      case 'Tm':
        tlm = nums(6) as Matrix;
        tm = tlm;
        break;
      case 'T*':
        nextLine(0, -tl);
        break;
      case 'Tj': {
        const s = stack[stack.length - 1];
        if (!(s instanceof PdfString)) unsupported('Tj operand');
        show(s.bytes);
        break;
      }
      case "'": {
        nextLine(0, -tl);
        const s = stack[stack.length - 1];
        if (!(s instanceof PdfString)) unsupported("' operand");
        show(s.bytes);
        break;
      }
      case '"': {
        const [aw, ac] = nums(3);
        tw = aw;
        tc = ac;
        nextLine(0, -tl);
        const s = stack[stack.length - 1];
        if (!(s instanceof PdfString)) unsupported('" operand');
        show(s.bytes);
        break;
      }
      case 'TJ': {
        const arr = stack[stack.length - 1];
        if (!Array.isArray(arr)) unsupported('TJ operand');
        for (const part of arr) {
          if (part instanceof PdfString) show(part.bytes);
          else if (typeof part === 'number') tm = mul([1, 0, 0, 1, (-part / 1000) * size * th, 0], tm);
        }
        break;
      }
      case 'Do': {
        const name = stack[stack.length - 1];
        const ref = name instanceof PdfName ? xobjects[name.name] : undefined;
        if (!(ref instanceof PdfRef)) unsupported('Do operand');
        const xo = doc.object(ref.num).stream;
        if (!xo) unsupported('XObject without stream');
        const subtype = doc.name(xo.dict.Subtype);
        if (subtype === 'Form') {
          const m = xo.dict.Matrix === undefined ? [1, 0, 0, 1, 0, 0] : (doc.resolve(xo.dict.Matrix) as PdfValue[]).map((x) => doc.num(x));
          if (m.length !== 6) unsupported('form matrix');
          const res = xo.dict.Resources === undefined ? resources : doc.dict(xo.dict.Resources);
          interpret(doc, doc.streamText(ref.num), res, mul(m as Matrix, ctm), out, depth + 1);
        } else if (subtype !== 'Image') unsupported(`XObject ${subtype}`);
        break;
      }
      case 'BI': {
        const end = data.indexOf('EI', p.pos);
        if (end < 0) unsupported('inline image');
        p.pos = end + 2;
        break;
      }
      default:
        break;
    }
    stack.length = 0;
  }
}

function collectPages(doc: Doc, node: PdfValue, inherited: PdfDict | null, out: Array<{ page: PdfDict; resources: PdfDict }>, depth = 0): void {
  if (depth > 32) unsupported('page tree too deep');
  const d = doc.dict(node);
  const resources = d.Resources !== undefined ? doc.dict(d.Resources) : inherited;
  const kids = doc.resolve(d.Kids);
  if (Array.isArray(kids)) for (const k of kids) collectPages(doc, k, resources, out, depth + 1);
  else {
    if (!resources) unsupported('page without resources');
    out.push({ page: d, resources });
    doc.budget.pages(out.length);
  }
}

/**
 * The positioned text runs of each page, or null when this reader cannot read the PDF safely.
 * Throws IMR_ERR_DOCUMENT_LIMIT when the file exceeds a reading limit (counted in `budget`).
 */
export function fastPdfRuns(bytes: Uint8Array, budget = new ReadingBudget(DEFAULT_READING_LIMITS), damage?: { page: number | null }): FastRun[][] | null {
  try {
    const doc = new Doc(bytes, budget);
    if (doc.trailer.Root === undefined) return null;
    const root = doc.dict(doc.trailer.Root);
    const pages: Array<{ page: PdfDict; resources: PdfDict }> = [];
    collectPages(doc, root.Pages, null, pages);
    if (pages.length === 0) return null;
    return pages.map(({ page, resources }, i) => {
      const runs: FastRun[] = [];
      try {
        pageRuns(doc, page, resources, runs);
      } catch (e) {
        // A page's compressed content that zlib rejects is damage, not an unsupported feature: say which page.
        if (damage && isZlibDataError(e)) damage.page = i + 1;
        throw e;
      }
      return runs;
    });
  } catch (e) {
    if (isDocumentLimit(e)) throw e;
    // Anything unexpected (including a damaged file): let pdf.js decide.
    return null;
  }
}

/** zlib's own verdict on corrupt or cut-off deflate data. */
function isZlibDataError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'Z_NEED_DICT';
}
