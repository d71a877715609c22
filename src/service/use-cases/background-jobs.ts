import { toImrError } from '../../errors/imr-error.js';

/** A background job's failure as it is logged: the job, its key (a case id) and the error code; never case text. */
export interface BackgroundFailure {
  job: string;
  key: string;
  code: string;
}

/**
 * In-process follow-up work (e.g. redrafting a case after a record arrived), run after the request
 * that caused it has answered. Jobs of one key (a case) run one after another; a job scheduled while
 * another of the same key is still waiting to start is folded into it (a job reads the case's state
 * when it starts, so one run covers both). A failure is logged, never thrown at the caller. Pending
 * work is lost if the process stops: the case view shows what each draft read, so a draft older than
 * the record is visible, and a redraft can be asked for.
 */
export class BackgroundJobs {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private logger: (failure: BackgroundFailure) => void = (f) => {
    console.warn(`background job ${f.job} failed for ${f.key}: ${f.code}`);
  };

  /** Where failures are logged (the server's logger; the console by default). */
  setLogger(log: (failure: BackgroundFailure) => void): void {
    this.logger = log;
  }

  /** Logs a failure a job handled itself (e.g. drafting failed and was audited). */
  warn(failure: BackgroundFailure): void {
    try {
      this.logger(failure);
    } catch {
      // A broken logger must not break the job queue.
    }
  }

  /** Runs `job` after the key's earlier jobs; resolves when it has run (never rejects). */
  run(key: string, name: string, job: () => Promise<void>): Promise<void> {
    const id = `${name}\u0000${key}`;
    const folded = this.waiting.get(id);
    if (folded) return folded;
    const tail = this.tails.get(key);
    const next = (tail ?? Promise.resolve())
      .then(() => {
        this.waiting.delete(id);
        return job();
      })
      .catch((e: unknown) => this.warn({ job: name, key, code: toImrError(e).code }));
    this.waiting.set(id, next);
    this.tails.set(key, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves once every job scheduled so far (and any they scheduled) has run. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
