import { z } from 'zod';
import { ROLES } from '../service/store/users.store.js';

/** Schemas shared by route modules (and visible in /openapi.json). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
    subject: z.string().optional(),
    errorId: z.string().optional(),
  }),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  reviewerId: z.string().nullable(),
  active: z.boolean(),
});

export const idParamSchema = z.object({ id: z.string().min(1).max(80) });

/** The usual error responses of an authenticated route, for the OpenAPI document. */
export const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
} as const;
