/**
 * The one HTTP client of the workbench. Every call goes through `request` (JSON) or `upload`
 * (multipart with progress), so errors always arrive as an `ApiError` carrying the catalogue code,
 * the server's message, and the per-field problems of a validation error.
 */

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];
  constructor(status: number, code: string, message: string, details: FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** What the person should do next, in words, for each kind of failure. */
export function nextStep(e: unknown): string {
  if (!(e instanceof ApiError)) return 'Check your network connection and try again. If it keeps failing, tell your administrator.';
  switch (e.status) {
    case 0:
      return 'The server cannot be reached. Check that it is running and your network is up, then try again.';
    case 400:
      return 'Correct the highlighted fields and submit again.';
    case 401:
      return 'Your session has ended. Log in again to continue.';
    case 403:
      return 'Your role does not allow this. Ask an administrator if you need access.';
    case 404:
      return 'This record does not exist or is not yours to see. Go back to the queue and pick another one.';
    case 409:
      if (e.code === 'IMR_ERR_DUPLICATE') return 'A record with this name or id already exists. Choose another, or edit the existing one.';
      return e.code === 'IMR_ERR_CONFLICT'
        ? 'Someone else saved a change first. Reload to see their version, then re-apply your edit.'
        : 'The case is not in a state that allows this. Reload the case to see its current status.';
    case 413:
      return 'The file is too large. Split it or compress it below the stated limit and upload again.';
    case 415:
      return 'Only PDF and plain-text files are accepted. Convert the file and upload again.';
    case 422:
      return 'The file could not be read. Check that it is a text PDF (not a scan) or a text file.';
    case 503:
      return 'The database is unavailable. Wait a minute and try again; tell your administrator if it persists.';
    default:
      return 'Something went wrong on the server. Try again; if it fails again, tell your administrator the time it happened.';
  }
}

type Json = Record<string, unknown> | unknown[];

function toApiError(status: number, body: unknown): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as { code?: unknown; message?: unknown; details?: unknown; error?: unknown };
  // The server nests the error as { error: { code, message, details } } or returns it flat.
  const e = (b.error && typeof b.error === 'object' ? b.error : b) as { code?: unknown; message?: unknown; details?: unknown };
  const code = typeof e.code === 'string' ? e.code : `HTTP_${status}`;
  const message = typeof e.message === 'string' ? e.message : `The server answered ${status}.`;
  const details = Array.isArray(e.details)
    ? e.details.filter((d): d is FieldProblem => !!d && typeof d === 'object' && typeof (d as FieldProblem).message === 'string')
    : [];
  return new ApiError(status, code, message, details);
}

/** Listeners told when any call answers 401, so the shell can return to the login screen. */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(fn: () => void): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

export async function request<T>(method: string, path: string, body?: Json, opts: { signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached.');
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!res.ok) {
    const err = toApiError(res.status, parsed);
    if (res.status === 401 && !path.endsWith('/auth/login')) for (const fn of unauthenticatedListeners) fn();
    throw err;
  }
  return parsed as T;
}

/** Fetches a non-JSON resource (letter HTML or text) as a string. */
export async function requestText(path: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached.');
  }
  const text = await res.text();
  if (!res.ok) {
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    throw toApiError(res.status, parsed);
  }
  return text;
}

/**
 * Sends a multipart form with upload progress (fetch cannot report upload progress).
 * `onProgress` receives a fraction 0..1.
 */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress(ev.loaded / ev.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload was interrupted.'));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(parsed as T);
      } else reject(toApiError(xhr.status, parsed));
    };
    xhr.send(form);
  });
}

/** Builds a query string from defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
