/**
 * The process-level guard against promise rejections nothing handles. pdf.js can leave such a
 * rejection behind after a damaged file has already been answered, and Node's default is to exit:
 * one bad upload would take the server (or a CLI batch) down. The guard logs the error's class and
 * code only (its message may quote the document) and lets the process go on.
 */

let installed = false;

/** The error's class and code, never its message: enough to recognise it, nothing from the input. */
export function describeRejection(reason: unknown): string {
  if (reason instanceof Error) {
    const code = (reason as { code?: unknown }).code;
    return `${reason.constructor?.name || reason.name}${typeof code === 'string' || typeof code === 'number' ? ` (${code})` : ''}`;
  }
  return reason === null ? 'null' : typeof reason;
}

/** Installs the guard once per process (or worker thread); `log` receives one line per rejection. */
export function guardUnhandledRejections(log: (line: string) => void): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    try {
      log(`imr: ignored a promise rejection nothing handled: ${describeRejection(reason)}`);
    } catch {
      // Logging must never be what kills the process.
    }
  });
}
