import type { Command } from 'commander';
import { ImrError } from '../../errors/imr-error.js';
import { API_TOKEN_DAYS, MAX_API_TOKEN_DAYS, ROLES, roleSchema } from '../../service/store/users.store.js';
import { checkUsername } from '../../service/store/usernames.js';
import { action, commandGroup, type CliContext } from '../context.js';
import { withServices } from '../../service/use-cases/open-services.js';
import { disableUser, enableUser, generatePassword, resetPassword } from '../../service/use-cases/users.use-case.js';
import type { Services } from '../../service/use-cases/services.js';
import { DATA_DIR_HELP, serviceListCommand } from '../service-list.js';

/** The user named on the command line, or IMR_ERR_NOT_FOUND. */
async function namedUser(s: Services, username: string) {
  const name = checkUsername(username);
  const u = await s.users.byUsername(name);
  if (!u) throw new ImrError('IMR_ERR_NOT_FOUND', `No user is named "${name}"; list them with \`imr user list\`.`);
  return u;
}

/** `imr user add|list|token|passwd|disable|enable`: operator user management. */
export function registerUserCommands(program: Command, ctx: CliContext): void {
  const user = commandGroup(program, 'user', 'Users of the review service (roles: admin, intake, reviewer, party)');
  user
    .command('add <username>')
    .description('Create a user; prints a generated password unless --password is given')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--password <password>', 'the password (at least 8 characters); prefer the generated one')
    .option('--name <displayName>', 'display name')
    .option('--reviewer <id>', 'for role reviewer: the reviewer registry id this user acts as')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (username: string, opts: { role: string; password?: string; name?: string; reviewer?: string; dataDir?: string; json?: boolean }) => {
        const role = roleSchema.safeParse(opts.role);
        if (!role.success) throw new ImrError('IMR_ERR_USAGE', `--role ${opts.role} is not a role; use one of ${ROLES.join(', ')}.`);
        if (role.data === 'reviewer' && !opts.reviewer) throw new ImrError('IMR_ERR_USAGE', 'A reviewer user needs --reviewer <registry id>; import reviewers with `imr reviewer import`.');
        const password = opts.password ?? generatePassword();
        await withServices(opts, async (s) => {
          if (opts.reviewer && !(await s.reviewers.get(opts.reviewer))) throw new ImrError('IMR_ERR_NOT_FOUND', `No reviewer has id "${opts.reviewer}"; list them with \`imr reviewer list\`.`);
          const u = await s.users.create({ username, role: role.data, password, displayName: opts.name, reviewerId: role.data === 'reviewer' ? opts.reviewer : null }, s.now());
          await s.audit.record(null, 'user.create', null, { userId: u.id, role: u.role, via: 'cli' }, s.now());
          if (opts.json) ctx.io.out(JSON.stringify({ user: u, ...(opts.password ? {} : { password }) }) + '\n');
          else ctx.io.out(`created ${u.role} ${u.username} (${u.id})${opts.password ? '' : `\npassword: ${password}  (shown only now)`}\n`);
        });
      }),
    );
  serviceListCommand(user, ctx, 'List users', (s) => s.users.list(), (u) => `${u.username.padEnd(20)} ${u.role.padEnd(9)} ${u.reviewerId ?? ''}`);
  user
    .command('token <username>')
    .description('Create an API token (Authorization: Bearer …) for an integration acting as this user; printed once')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--expires-days <n>', `days until the token expires (default ${API_TOKEN_DAYS}, at most ${MAX_API_TOKEN_DAYS})`)
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (username: string, opts: { name: string; expiresDays?: string; dataDir?: string; json?: boolean }) => {
        const days = opts.expiresDays === undefined ? API_TOKEN_DAYS : Number(opts.expiresDays);
        if (!Number.isInteger(days) || days < 1 || days > MAX_API_TOKEN_DAYS) throw new ImrError('IMR_ERR_USAGE', `--expires-days ${opts.expiresDays} is not a whole number of days from 1 to ${MAX_API_TOKEN_DAYS}.`);
        await withServices(opts, async (s) => {
          const u = await namedUser(s, username);
          const t = await s.users.createApiToken(u.id, opts.name, s.now(), days);
          await s.audit.record(null, 'auth.token_created', null, { tokenId: t.id, forUser: u.id, expiresAt: t.expiresAt, via: 'cli' }, s.now());
          if (opts.json) ctx.io.out(JSON.stringify(t) + '\n');
          else ctx.io.out(`token ${t.id} for ${u.username} (expires ${t.expiresAt}):\n${t.token}\n(shown only now)\n`);
        });
      }),
    );
  user
    .command('passwd <username>')
    .description("Give a user a new generated password (printed once) and end the user's sessions")
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (username: string, opts: { dataDir?: string; json?: boolean }) => {
        await withServices(opts, async (s) => {
          const r = await resetPassword(s, null, (await namedUser(s, username)).id, { via: 'cli' });
          if (opts.json) ctx.io.out(JSON.stringify({ user: r.user, password: r.password, sessionsEnded: r.sessionsEnded }) + '\n');
          else ctx.io.out(`new password for ${r.user.username}: ${r.password}  (shown only now; ${r.sessionsEnded} session(s) ended)\n`);
        });
      }),
    );
  user
    .command('disable <username>')
    .description('Disable a user: their sessions end, their API tokens are revoked, and logging in is refused')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (username: string, opts: { dataDir?: string; json?: boolean }) => {
        await withServices(opts, async (s) => {
          const r = await disableUser(s, null, (await namedUser(s, username)).id, { via: 'cli' });
          if (opts.json) ctx.io.out(JSON.stringify(r) + '\n');
          else ctx.io.out(`disabled ${r.user.username}: ${r.sessionsEnded} session(s) ended, ${r.tokensRevoked} API token(s) revoked\n`);
        });
      }),
    );
  user
    .command('enable <username>')
    .description('Enable a disabled user again (revoked API tokens stay revoked)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (username: string, opts: { dataDir?: string; json?: boolean }) => {
        await withServices(opts, async (s) => {
          const u = await enableUser(s, null, (await namedUser(s, username)).id, { via: 'cli' });
          if (opts.json) ctx.io.out(JSON.stringify({ user: u }) + '\n');
          else ctx.io.out(`enabled ${u.username}\n`);
        });
      }),
    );
}
