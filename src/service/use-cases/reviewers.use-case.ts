import { ImrError } from '../../errors/imr-error.js';
import { reviewerSchema, type Reviewer } from '../domain/index.js';
import type { User } from '../store/users.store.js';
import type { Services } from './services.js';

function parseReviewer(raw: unknown): Reviewer {
  const r = reviewerSchema.safeParse(raw);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  throw new ImrError('IMR_ERR_VALIDATION', `The reviewer is invalid: ${details.slice(0, 5).map((d) => `${d.path}: ${d.message}`).join('; ')}`, { details });
}

/** Adds reviewers to the registry in one transaction (all or none). */
export async function registerReviewers(services: Services, actor: User | null, raws: unknown[]): Promise<Reviewer[]> {
  const reviewers = raws.map(parseReviewer);
  const ids = new Set<string>();
  for (const r of reviewers) {
    if (ids.has(r.id)) throw new ImrError('IMR_ERR_DUPLICATE', `The reviewer id "${r.id}" appears twice; give each reviewer its own id.`, { subject: r.id });
    ids.add(r.id);
  }
  const now = services.now();
  await services.tx(async (stores) => {
    for (const r of reviewers) await stores.reviewers.insert(r, now);
    await stores.audit.record(actor, 'reviewer.register', null, { reviewerIds: reviewers.map((r) => r.id) }, now);
  });
  return reviewers;
}

/** Replaces a reviewer's record (same id). */
export async function updateReviewer(services: Services, actor: User, id: string, raw: unknown): Promise<Reviewer> {
  const reviewer = parseReviewer({ ...(raw as object), id });
  const now = services.now();
  await services.tx(async (stores) => {
    const before = await stores.reviewers.getOrThrow(id);
    await stores.reviewers.update(reviewer);
    const changed = Object.keys(reviewer).filter((k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((reviewer as Record<string, unknown>)[k]));
    await stores.audit.record(actor, 'reviewer.update', null, { reviewerId: id, fields: changed }, now);
  });
  return reviewer;
}
