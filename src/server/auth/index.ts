export { requireUser, requireRole, assertCaseAccess, SESSION_COOKIE, type CaseAccessSubject } from './auth.js';
export { resolveUser } from './resolve-user.js';
