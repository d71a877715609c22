import type { Doc } from './document.js';
import { loadFont, type Font } from './fonts.js';
import { Parser, PdfName, PdfRef, PdfString, unsupported, type PdfDict, type PdfValue } from './objects.js';

/**
 * Content streams: runs a page's (or a form XObject's) drawing operators, keeping the text state
 * and the transformation matrices, and collects each string shown as a positioned run.
 */

export interface FastRun {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

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

/** mul([1, 0, 0, 1, tx, 0], m): `m` moved by `tx` along its x axis (a new matrix: text matrices are shared). */
function translated(m: Matrix, tx: number): Matrix {
  return [m[0], m[1], m[2], m[3], tx * m[0] + m[4], tx * m[1] + m[5]];
}

export function pageRuns(doc: Doc, page: PdfDict, resources: PdfDict, out: FastRun[]): void {
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
    // [size·th 0 0 size 0 rise] × tm × ctm, only the four entries used, without the intermediate arrays
    // (a run is shown per string, thousands per letter): the same sums as mul() less its terms of 0 × x.
    const t2 = tm[2] * ctm[0] + tm[3] * ctm[2];
    const t3 = tm[2] * ctm[1] + tm[3] * ctm[3];
    const t4 = tm[4] * ctm[0] + tm[5] * ctm[2] + ctm[4];
    const t5 = tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5];
    const scaleX = Math.hypot(tm[0], tm[1]) * Math.hypot(ctm[0], ctm[1]);
    out.push({ str, x: rise * t2 + t4, y: rise * t3 + t5, width: advance * scaleX, size: Math.hypot(size * t2, size * t3) || size });
    tm = translated(tm, advance);
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
          else if (typeof part === 'number') tm = translated(tm, (-part / 1000) * size * th);
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
