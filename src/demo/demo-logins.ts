import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DemoLogin } from './demo-data.js';

const DEMO_LOGINS_FILE = 'demo-logins.txt';

export interface DemoLoginsOutput {
  /** Where the passwords went, said in the (loggable) start-up message; never a password. */
  notice: string[];
}

/**
 * Hands the demo users' passwords to the operator without putting them in the log: to `secrets`
 * (the terminal, when there is one), else into `<dir>/demo-logins.txt`, created readable and
 * writable by the owner only (0600). The start-up message says which, never the passwords.
 * With IMR_DEMO_PASSWORD the operator chose the password, so it is not repeated anywhere.
 */
export function handOverDemoLogins(logins: DemoLogin[], opts: { secrets: ((line: string) => void) | null; dir: string; fromEnv: boolean }): DemoLoginsOutput {
  const table = logins.map((l) => `  ${l.role.padEnd(9)} ${l.username.padEnd(16)} password ${opts.fromEnv ? '(IMR_DEMO_PASSWORD)' : l.password}`);
  const names = logins.map((l) => `${l.username} (${l.role})`).join(', ');
  if (opts.fromEnv) return { notice: ['Log in with one of these users; their password is the value of IMR_DEMO_PASSWORD:', ...table] };
  if (opts.secrets) {
    opts.secrets('Demo logins (shown only on this terminal, only now; add users with `imr user add`):');
    for (const line of table) opts.secrets(line);
    return { notice: [`Demo users: ${names}. Their passwords were shown on the terminal only (never in this log).`] };
  }
  mkdirSync(opts.dir, { recursive: true });
  const file = path.resolve(opts.dir, DEMO_LOGINS_FILE);
  // mode applies when the file is created; chmod covers a file left from an earlier database.
  writeFileSync(file, ['Demo logins of the IMR review service (delete this file once you have them):', ...table, ''].join('\n'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return { notice: [`Demo users: ${names}. Their passwords are in ${file} (readable only by this account), not in this log.`] };
}
