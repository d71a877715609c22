import type { ReadingBudget } from '../reading-limits.js';
import { decodeFilters } from './filters.js';
import { Parser, PdfName, PdfRef, PdfString, unsupported, type PdfDict, type PdfValue } from './objects.js';
import { decryptStream, emptyPasswordKey, type StreamKey } from './security.js';

interface PdfObject {
  value: PdfValue;
  /** For a stream object: where its data starts and how long it is. */
  stream?: { start: number; dict: PdfDict };
}

/**
 * The document, its objects found by scanning for "N G obj" (no reliance on the xref table), with
 * the objects held in object streams and the trailer of classic trailers or cross-reference streams.
 */
export class Doc {
  readonly s: string;
  readonly offsets = new Map<number, number>();
  readonly inStreams = new Map<number, { stm: number; index: number }>();
  readonly cache = new Map<number, PdfObject>();
  readonly stmCache = new Map<number, Map<number, PdfValue>>();
  trailer: PdfDict = {};
  /** Set for an encrypted file. */
  security: StreamKey | null = null;

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
    if (this.trailer.Encrypt !== undefined) this.security = emptyPasswordKey(this);
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

  /** The decoded data of a stream object, as latin1. */
  streamText(num: number): string {
    const o = this.object(num);
    if (!o.stream) unsupported('stream expected');
    const dict = o.stream.dict;
    const length = this.num(dict.Length);
    let data: Buffer = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + o.stream.start, length);
    const type = this.name(dict.Type);
    if (this.security && type !== 'XRef') {
      const plain = decryptStream(this.security, num, data);
      if (plain === null) return '';
      data = plain;
    }
    return decodeFilters(this, dict, data).toString('latin1');
  }
}
