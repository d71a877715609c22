/**
 * The fuzzing suite's driver: mutates published letters (text and PDF), has each one read by the
 * public reader in a worker thread, and reports what a user would suffer: a crash (anything but a
 * catalogue error), a hang (no answer within the time limit: the worker is terminated), a runaway
 * allocation (the worker's heap limit), or a silent loss (read "OK" without any warning, yet its
 * items or decisions differ from the original's). Used by fuzz.test.ts (a few hundred inputs) and by
 * `npm run fuzz` (fuzz-cli.ts, as many as asked).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { extractPdfText } from '../pdf-text.js';
import type { FuzzReply } from './fuzz-worker.js';
import { mutatePdf, mutateText, prng, type Random } from './mutate.js';
import { fixturesDir, pdfFiles, seedFiles } from './shared-data.js';

export interface FuzzSource {
  name: string;
  kind: 'pdf' | 'text';
  bytes: Uint8Array;
}

interface Finding {
  index: number;
  source: string;
  what: string;
  problem: string;
}

export interface FuzzReport {
  seed: number;
  tried: number;
  /** How the inputs ended: "ok", "ok with warnings", or the error code. */
  outcomes: Record<string, number>;
  findings: Finding[];
  /** Promise rejections pdf.js left behind, survived by the process guard (counted, not findings). */
  strayRejections: number;
}

export interface FuzzOptions {
  seed: number;
  count: number;
  sources: FuzzSource[];
  /** An input not answered in this time counts as a hang (generous: it is "not hung", not a speed target). */
  timeoutMs?: number;
  /** The reader thread's heap limit. */
  memoryMb?: number;
  onProgress?(done: number): void;
}

/** The letters to mutate: the published PDFs, their text, the seed letters and the in-repo fixtures. */
export async function defaultSources(maxPdfs = Infinity): Promise<FuzzSource[]> {
  const out: FuzzSource[] = [];
  const enc = new TextEncoder();
  for (const f of pdfFiles().slice(0, maxPdfs)) {
    const bytes = new Uint8Array(readFileSync(f));
    out.push({ name: path.basename(f), kind: 'pdf', bytes });
    out.push({ name: `${path.basename(f)}.txt`, kind: 'text', bytes: enc.encode(await extractPdfText(bytes)) });
  }
  for (const f of seedFiles()) out.push({ name: path.basename(f), kind: 'text', bytes: new Uint8Array(readFileSync(f)) });
  for (const f of ['seed-2015-synthetic.txt', 'notice-2013.txt', 'mpr-form.txt']) {
    out.push({ name: f, kind: 'text', bytes: new Uint8Array(readFileSync(path.join(fixturesDir, f))) });
  }
  return out;
}

type Ok = Extract<FuzzReply, { ok: true }>;

/** Reads letters in a worker thread; a hang or an out-of-memory ends the worker and is reported. */
class Reader {
  private worker: Worker | null = null;
  private nextId = 1;
  constructor(
    private readonly timeoutMs: number,
    private readonly memoryMb: number,
  ) {}

  private start(): Worker {
    const self = import.meta.url;
    const url = new URL(self.endsWith('.ts') ? './fuzz-worker.ts' : './fuzz-worker.js', self);
    const opts = { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } };
    // Under the TypeScript runners (tsx, vitest) the worker registers tsx's loader first.
    return self.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, ...opts })
      : new Worker(url, opts);
  }

  read(bytes: Uint8Array): Promise<FuzzReply | { id: number; stray: number; ok: false; code: 'HANG' | 'WORKER_DIED'; message: string; imr: false }> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve) => {
      const done = (r: Parameters<typeof resolve>[0], restart: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (restart) {
          void worker.terminate();
          this.worker = null;
        }
        resolve(r);
      };
      const onMessage = (r: FuzzReply) => r.id === id && done(r, false);
      const onError = (e: Error) => done({ id, stray: 0, ok: false, code: 'WORKER_DIED', message: String(e?.stack ?? e), imr: false }, true);
      const onExit = (code: number) => done({ id, stray: 0, ok: false, code: 'WORKER_DIED', message: `the reader thread exited (${code})`, imr: false }, true);
      const timer = setTimeout(() => done({ id, stray: 0, ok: false, code: 'HANG', message: `no answer within ${this.timeoutMs} ms`, imr: false }, true), this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, bytes });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

function words(s: string): string[] {
  return s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Whether two requests are the same item: equal, or most words shared (junk inserted into one is not a loss). */
function sameRequest(a: string, b: string): boolean {
  if (a === b) return true;
  const wa = words(a);
  const wb = new Set(words(b));
  if (wa.length === 0) return wb.size === 0;
  return wa.filter((w) => wb.has(w)).length / wa.length >= 0.6;
}

/** Whitespace-insensitive text, for finding a line of the original in a mutated text. */
function flat(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/**
 * What a letter read "OK" without any warning lost against its original, or null: every original
 * item must be there (same decision, same request up to damage inside its words), and no more.
 * `input` (for a mutated text) explains a lost item whose decision line the mutation removed: that
 * letter no longer holds the item at all (a decision line removed alone leaves its paragraphs behind,
 * which the reader must warn about).
 */
export function silentLoss(original: Ok, mutated: Ok, input?: string): string | null {
  if (mutated.items.length > original.items.length) return `${original.items.length} item(s) became ${mutated.items.length}`;
  const left = [...mutated.items];
  const text = input === undefined ? null : flat(input);
  let gone = 0;
  // Requests read unchanged first, so that a damaged one is not taken for a similar one's.
  const rest = original.items.filter((item) => {
    const k = left.findIndex((m) => m.decision === item.decision && m.request === item.request);
    if (k >= 0) left.splice(k, 1);
    return k < 0;
  });
  for (const item of rest) {
    const k = left.findIndex((m) => m.decision === item.decision && sameRequest(item.request, m.request));
    if (k >= 0) left.splice(k, 1);
    else if (text !== null && !text.includes(flat(`${item.request}: ${item.decision}`))) gone++;
    else return `an item (${item.decision}) is missing or has another decision`;
  }
  const expected = original.items.length - gone;
  return mutated.items.length === expected ? null : `${original.items.length} item(s) became ${mutated.items.length}`;
}

/** The mutated letters of a run, in order (the same seed gives the same ones): to replay a finding. */
export function* mutations(sources: readonly FuzzSource[], seed: number, count: number): Generator<{ index: number; source: FuzzSource; what: string; bytes: Uint8Array }> {
  const rnd: Random = prng(seed);
  const dec = new TextDecoder();
  for (let index = 0; index < count; index++) {
    const source = sources[Math.floor(rnd() * sources.length)];
    const m = source.kind === 'pdf' ? mutatePdf(source.bytes, rnd) : mutateText(dec.decode(source.bytes), rnd);
    yield { index, source, what: m.what, bytes: m.bytes };
  }
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const reader = new Reader(o.timeoutMs ?? 30_000, o.memoryMb ?? 768);
  const report: FuzzReport = { seed: o.seed, tried: 0, outcomes: {}, findings: [], strayRejections: 0 };
  try {
    const originals = new Map<string, Ok>();
    for (const s of o.sources) {
      const r = await reader.read(s.bytes.slice());
      if (!r.ok) throw new Error(`the original ${s.name} does not read: ${r.code} ${r.message}`);
      originals.set(s.name, r);
    }
    for (const m of mutations(o.sources, o.seed, o.count)) {
      const { index: i, source } = m;
      const r = await reader.read(m.bytes);
      report.tried++;
      report.strayRejections += r.stray;
      const finding = (problem: string) => report.findings.push({ index: i, source: source.name, what: m.what, problem });
      const outcome = r.ok ? (r.warnings.length ? 'ok with warnings' : 'ok') : r.code;
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      if (!r.ok && !r.imr) finding(`${r.code}: ${r.message.split('\n').slice(0, 3).join(' | ')}`);
      if (r.ok && r.warnings.length === 0) {
        const loss = silentLoss(originals.get(source.name)!, r, source.kind === 'text' ? new TextDecoder().decode(m.bytes) : undefined);
        if (loss) finding(`silent loss: read OK without a warning, but ${loss}`);
      }
      o.onProgress?.(i + 1);
    }
  } finally {
    await reader.close();
  }
  return report;
}
