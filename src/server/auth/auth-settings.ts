import { ImrError } from '../../errors/imr-error.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../../service/store/users.store.js';

/** Login throttling: failures counted per username and per client address. */
export interface LoginLimits {
  /** Wrong passwords for one username within `windowMs` before it is locked. */
  maxFailuresPerUser: number;
  /** Wrong passwords from one address within `windowMs` before it is locked (higher: offices share an address). */
  maxFailuresPerIp: number;
  windowMs: number;
  /** How long a lock lasts; a right password is refused meanwhile. */
  lockMs: number;
  /** Login requests of any outcome from one address per minute (argon2 is costly; this caps the CPU an address can take). */
  maxRequestsPerIpPerMinute: number;
}

export interface AuthSettings {
  session: SessionPolicy;
  login: LoginLimits;
}

const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailuresPerUser: 10,
  maxFailuresPerIp: 30,
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
  maxRequestsPerIpPerMinute: 60,
};

export const DEFAULT_AUTH_SETTINGS: AuthSettings = { session: DEFAULT_SESSION_POLICY, login: DEFAULT_LOGIN_LIMITS };

/** `over` on top of the defaults, one level deep. */
export function authSettings(over: { session?: Partial<SessionPolicy>; login?: Partial<LoginLimits> } = {}): AuthSettings {
  return { session: { ...DEFAULT_SESSION_POLICY, ...over.session }, login: { ...DEFAULT_LOGIN_LIMITS, ...over.login } };
}

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new ImrError('IMR_ERR_USAGE', `${name}=${value.slice(0, 20)} is not a positive number.`);
  return n;
}

/**
 * The session lifetimes from the environment: IMR_SESSION_IDLE_MINUTES (default 30) and
 * IMR_SESSION_MAX_HOURS (default 12); a usage error when one is not a positive number.
 */
export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const idle = positiveNumber('IMR_SESSION_IDLE_MINUTES', env.IMR_SESSION_IDLE_MINUTES);
  const max = positiveNumber('IMR_SESSION_MAX_HOURS', env.IMR_SESSION_MAX_HOURS);
  return authSettings({ session: { ...(idle ? { idleMs: idle * 60_000 } : {}), ...(max ? { maxMs: max * 3_600_000 } : {}) } });
}
