import type { ReadingBudget } from '../reading-limits.js';
import { unsupported } from './objects.js';

/** ToUnicode CMaps: a font's character codes to the text they stand for (bfchar and bfrange entries). */

export function parseCMap(text: string, budget: ReadingBudget): Map<number, string> {
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
