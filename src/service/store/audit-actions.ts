/**
 * Audit actions that record a refused attempt: a role or case check that said no (403), a request
 * without valid credentials (401), a failed or locked login. The audit-log screen offers them as
 * one filter, so an administrator finds refusals without knowing each action's name. No imports:
 * the workbench reads this list too.
 */
export const REFUSAL_ACTIONS = ['access.denied', 'case.access_denied', 'auth.unauthenticated', 'auth.login_failed', 'auth.login_locked'] as const;
