import type { FastifyRequest } from 'fastify';
import type { User } from '../service/store/users.store.js';
import type { RouteAccessConfig } from './app.js';
import { requireRole, requireUser } from './auth/auth.js';

/**
 * Who may call a route is declared once, in its `config` (`roles: [...]`, or `public: true`;
 * neither means any logged-in user). app.ts checks it in a preValidation hook, so a refused
 * caller gets 401/403 whatever the body holds; handlers take the user from `routeUser`, which
 * applies the same declaration (never a second list of roles that could drift from it).
 */
export function routeUser(request: FastifyRequest): User {
  const config = request.routeOptions.config as RouteAccessConfig | undefined;
  return config?.roles ? requireRole(request, ...config.roles) : requireUser(request);
}

/** The preValidation check: API routes only, public routes skipped, 404s left to the not-found handler. */
export function checkRouteAccess(request: FastifyRequest): void {
  const config = request.routeOptions.config as RouteAccessConfig | undefined;
  if (!request.url.startsWith('/api/') || request.is404 || config?.public) return;
  routeUser(request);
}
