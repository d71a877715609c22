import { z } from 'zod';
import { letterSchema } from './model.js';

/** The letter model as JSON Schema (draft 2020-12), for integrators. */
export function letterJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(letterSchema, { io: 'output' }) as Record<string, unknown>;
}
