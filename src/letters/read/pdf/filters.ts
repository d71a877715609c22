import { inflateSync } from 'node:zlib';
import type { ReadingBudget } from '../reading-limits.js';
import type { Doc } from './document.js';
import { unsupported, type PdfDict } from './objects.js';

/** Stream filters: Flate only (what word processors write), inflated within the reading limits. */

/** A stream's data through its filters. */
export function decodeFilters(doc: Doc, dict: PdfDict, data: Buffer): Buffer {
  const filters = doc.resolve(dict.Filter);
  const list = filters === undefined || filters === null ? [] : Array.isArray(filters) ? filters.map((f) => doc.name(f)) : [doc.name(filters)];
  for (const f of list) {
    if (f === 'FlateDecode' || f === 'Fl') {
      data = inflateCapped(data, doc.budget);
      const parms = dict.DecodeParms === undefined ? null : doc.resolve(dict.DecodeParms);
      if (parms && !Array.isArray(parms) && typeof parms === 'object' && (parms as PdfDict).Predictor !== undefined && doc.num((parms as PdfDict).Predictor) > 1) {
        unsupported('predictor');
      }
    } else unsupported(`filter ${f}`);
  }
  return data;
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
