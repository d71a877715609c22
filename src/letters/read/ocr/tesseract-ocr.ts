import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImrError } from '../../../errors/imr-error.js';
import { documentLimitError, type ReadingLimits } from '../reading-limits.js';
import { ocrUnavailableError, type Ocr, type OcrPage, type OcrProgress, type OcrResult } from './ocr-port.js';
import { runProgram, type ProgramRun, type RunOptions } from './run-program.js';
import { parseTesseractTsv } from './tesseract-tsv.js';

export interface TesseractOptions {
  /** The programs (looked up on PATH by default): Debian's tesseract-ocr and poppler-utils. */
  tesseract?: string;
  pdftoppm?: string;
  pdfinfo?: string;
  /** Tesseract's language (its traineddata must be installed: tesseract-ocr-eng for 'eng'). */
  language?: string;
  /** Where each file's private working folder is made (the system's temporary folder by default). */
  tmpRoot?: string;
  /** Resolution pages are rendered at for OCR (300 dpi, as Tesseract prefers). */
  dpi?: number;
}

/** Largest page image rendered (pixels): a page built to be miles wide is rendered at a lower resolution instead. */
const MAX_PAGE_PIXELS = 50_000_000;
/** Time to ask a program its version or a PDF its page count. */
const PROBE_MS = 15_000;

/**
 * OCR with Debian's `tesseract` (and poppler's `pdfinfo` and `pdftoppm` to count and render the
 * pages). Each file gets a private folder (mode 0700) in the temporary folder, removed whatever
 * happens; each page is rendered to a grey PNG and read by Tesseract as TSV (words with their
 * confidence), then its image is deleted. Every program runs as a child process, without a shell,
 * with a time limit after which it is killed: the calling thread only waits. Nothing of the
 * document's text is logged; errors carry the page number and the limit, never the text.
 */
export class TesseractOcr implements Ocr {
  private readonly tesseract: string;
  private readonly pdftoppm: string;
  private readonly pdfinfo: string;
  private readonly language: string;
  private readonly tmpRoot: string | undefined;
  private readonly dpi: number;
  private installed: Promise<string | null> | undefined;
  /** Whether util-linux's prlimit is there to cap each program's memory (asked once, with the programs). */
  private prlimit = false;

  constructor(opts: TesseractOptions = {}) {
    this.tesseract = opts.tesseract ?? 'tesseract';
    this.pdftoppm = opts.pdftoppm ?? 'pdftoppm';
    this.pdfinfo = opts.pdfinfo ?? 'pdfinfo';
    this.language = opts.language ?? 'eng';
    this.tmpRoot = opts.tmpRoot;
    this.dpi = opts.dpi ?? 300;
  }

  /** The engine's name and version when tesseract (with the language) and poppler are installed, else null; asked once. */
  private engine(): Promise<string | null> {
    this.installed ??= (async () => {
      const [version, langs, raster, info, prlimit] = await Promise.all([
        runProgram(this.tesseract, ['--version'], { timeMs: PROBE_MS }),
        runProgram(this.tesseract, ['--list-langs'], { timeMs: PROBE_MS }),
        runProgram(this.pdftoppm, ['-v'], { timeMs: PROBE_MS }),
        runProgram(this.pdfinfo, ['-v'], { timeMs: PROBE_MS }),
        runProgram('prlimit', ['--version'], { timeMs: PROBE_MS }),
      ]);
      this.prlimit = !prlimit.missing && prlimit.code === 0;
      if ([version, langs, raster, info].some((r) => r.missing || r.code !== 0)) return null;
      if (!langs.stdout.split(/\r?\n/).some((l) => l.trim() === this.language)) return null;
      return version.stdout.split(/\r?\n/)[0]?.trim() || 'tesseract';
    })();
    return this.installed;
  }

  async available(): Promise<boolean> {
    return (await this.engine()) !== null;
  }

  async pageCount(pdf: Uint8Array, limits: ReadingLimits): Promise<number> {
    if (!(await this.available())) throw ocrUnavailableError(null);
    return this.inFolder(pdf, async (input) => (await this.pageSizes(input, limits)).length);
  }

  async recognize(pdf: Uint8Array, limits: ReadingLimits, progress?: OcrProgress): Promise<OcrResult> {
    const engine = await this.engine();
    if (engine === null) throw ocrUnavailableError(null);
    return this.inFolder(pdf, async (input, dir) => {
      const started = Date.now();
      const sizes = await this.pageSizes(input, limits);
      const pages: OcrPage[] = [];
      for (let n = 1; n <= sizes.length; n++) {
        const remaining = limits.ocrTimeMs - (Date.now() - started);
        if (remaining <= 0) throw documentLimitError('ocrTimeMs', limits.ocrTimeMs);
        const budget = Math.min(limits.ocrPageTimeMs, remaining);
        const overTime = (): ImrError => (budget < limits.ocrPageTimeMs ? documentLimitError('ocrTimeMs', limits.ocrTimeMs) : documentLimitError('ocrPageTimeMs', limits.ocrPageTimeMs));
        const pageStarted = Date.now();
        const base = path.join(dir, 'page');
        const raster = await this.run(limits, this.pdftoppm, ['-r', String(this.pageDpi(sizes[n - 1])), '-gray', '-png', '-f', String(n), '-l', String(n), '-singlefile', input, base], { timeMs: budget, maxOutputBytes: 1024 });
        if (raster.timedOut) throw overTime();
        if (raster.code !== 0) throw new ImrError('IMR_ERR_PDF_INVALID', `Page ${n} of the scanned PDF cannot be rendered for OCR (${brief(raster)}); get a fresh copy of the file.`);
        const left = budget - (Date.now() - pageStarted);
        if (left <= 0) throw overTime();
        // One thread per page: the machine's cores are shared with the service and the other readers.
        const ocr = await this.run(limits, this.tesseract, [`${base}.png`, 'stdout', '-l', this.language, 'tsv'], { timeMs: left, env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        await rm(`${base}.png`, { force: true });
        if (ocr.timedOut) throw overTime();
        if (ocr.code !== 0 || ocr.tooMuchOutput) throw new ImrError('IMR_ERR_OCR_FAILED', `OCR could not read page ${n} of the scanned PDF (${brief(ocr)}); check that the page is a readable image, or give the document as text.`);
        const page = parseTesseractTsv(ocr.stdout);
        pages.push({ page: n, text: page.text, confidence: page.confidence, words: page.words });
        progress?.(n, sizes.length);
      }
      return { pages, engine };
    });
  }

  /** Runs an OCR program on the untrusted file: its memory capped by prlimit where it exists (a page built to exhaust memory fails alone). */
  private run(limits: ReadingLimits, command: string, args: string[], opts: RunOptions): Promise<ProgramRun> {
    if (!this.prlimit) return runProgram(command, args, opts);
    return runProgram('prlimit', [`--as=${limits.ocrMemoryMb * 1024 * 1024}`, '--', command, ...args], opts);
  }

  /** Runs `work` with the PDF written into a fresh private folder, removed afterwards whatever happens. */
  private async inFolder<T>(pdf: Uint8Array, work: (input: string, dir: string) => Promise<T>): Promise<T> {
    // mkdtemp makes the folder readable by this user only (0700).
    const dir = await mkdtemp(path.join(this.tmpRoot ?? tmpdir(), 'imr-ocr-'));
    try {
      const input = path.join(dir, 'scan.pdf');
      await writeFile(input, pdf, { mode: 0o600 });
      return await work(input, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Each page's size in points, from pdfinfo; checks the page limits before any page is rendered. */
  private async pageSizes(input: string, limits: ReadingLimits): Promise<Array<{ w: number; h: number }>> {
    const info = await this.run(limits, this.pdfinfo, ['-f', '1', '-l', String(limits.pages + 1), input], { timeMs: Math.min(limits.ocrPageTimeMs, PROBE_MS * 4), maxOutputBytes: 4 * 1024 * 1024 });
    if (info.timedOut) throw documentLimitError('ocrPageTimeMs', limits.ocrPageTimeMs);
    if (info.code !== 0) throw new ImrError('IMR_ERR_PDF_INVALID', `The scanned PDF cannot be opened for OCR (${brief(info)}); get a fresh copy of the file.`);
    const count = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1] ?? NaN);
    if (!Number.isInteger(count) || count < 1) throw new ImrError('IMR_ERR_PDF_INVALID', 'The scanned PDF has no pages; get a fresh copy of the file.');
    if (count > limits.pages) throw documentLimitError('pages', limits.pages);
    if (count > limits.ocrPages) throw documentLimitError('ocrPages', limits.ocrPages);
    const sizes = Array.from({ length: count }, () => ({ w: 612, h: 792 }));
    for (const m of info.stdout.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
      const k = Number(m[1]) - 1;
      if (k >= 0 && k < count) sizes[k] = { w: Number(m[2]), h: Number(m[3]) };
    }
    return sizes;
  }

  /** The page's resolution: `dpi`, lowered for a page so large that its image would pass MAX_PAGE_PIXELS. */
  private pageDpi(size: { w: number; h: number }): number {
    const squareInches = Math.max(1, (size.w / 72) * (size.h / 72));
    return Math.max(36, Math.min(this.dpi, Math.floor(Math.sqrt(MAX_PAGE_PIXELS / squareInches))));
  }
}

/** A failed program's exit, for the message: the code and poppler's or Tesseract's first line (diagnostics, not content). */
function brief(r: ProgramRun): string {
  const first = r.stderr.split(/\r?\n/).find((l) => l.trim() !== '')?.trim().slice(0, 160);
  return `exit ${r.code ?? 'killed'}${first ? `: ${first}` : ''}`;
}
