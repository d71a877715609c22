import { spawn } from 'node:child_process';

/** How a program run ended. */
export interface ProgramRun {
  /** Exit code (null when killed). */
  code: number | null;
  stdout: string;
  /** The first KiB of standard error, for the operator's log (never a document's text: the OCR programs print only diagnostics there). */
  stderr: string;
  /** Killed at the time limit. */
  timedOut: boolean;
  /** Killed because its output passed `maxOutputBytes`. */
  tooMuchOutput: boolean;
  /** The program could not be started (not installed: ENOENT). */
  missing: boolean;
}

export interface RunOptions {
  timeMs: number;
  /** Standard output kept at most (the program is killed past it). */
  maxOutputBytes?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a program without a shell (arguments are never parsed, so a file name cannot inject a
 * command), with a wall-time limit after which it is killed (SIGKILL: a stuck renderer does not get
 * to ignore it), and a cap on what it may print. Never rejects: the caller words the failure.
 */
export function runProgram(command: string, args: readonly string[], opts: RunOptions): Promise<ProgramRun> {
  const maxOut = opts.maxOutputBytes ?? 16 * 1024 * 1024;
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let timedOut = false;
    let tooMuchOutput = false;
    let settled = false;
    const done = (r: Omit<ProgramRun, 'stdout' | 'stderr' | 'timedOut' | 'tooMuchOutput'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, stdout: Buffer.concat(out).toString('utf8'), stderr: err, timedOut, tooMuchOutput });
    };
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeMs);
    child.stdout.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes > maxOut) {
        tooMuchOutput = true;
        child.kill('SIGKILL');
        return;
      }
      out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 1024) err += b.toString('utf8').slice(0, 1024 - err.length);
    });
    child.on('error', (e: NodeJS.ErrnoException) => done({ code: null, missing: e.code === 'ENOENT' }));
    child.on('close', (code) => done({ code, missing: false }));
  });
}
