import { ImrError } from '../../errors/imr-error.js';
import type { Reviewer } from '../domain/reviewer.js';
import type { ReviewerRow, ServiceDb } from './tables.js';

function toReviewer(r: ReviewerRow): Reviewer {
  return { ...(JSON.parse(r.profile) as Omit<Reviewer, 'id' | 'name' | 'active'>), id: r.id, name: r.name, active: r.active === 1 };
}

/** The reviewer registry. The whole domain record is kept as JSON; id, name and active as columns. */
export class ReviewersStore {
  constructor(private readonly db: ServiceDb) {}

  async insert(reviewer: Reviewer, now: Date): Promise<void> {
    if (await this.get(reviewer.id)) throw new ImrError('IMR_ERR_DUPLICATE', `A reviewer with id "${reviewer.id}" already exists; use another id or update it.`, { subject: reviewer.id });
    const { id, name, active, ...profile } = reviewer;
    await this.db.insertInto('svc_reviewers').values({ id, code: id, name, profile: JSON.stringify(profile), active: active ? 1 : 0, created_at: now.toISOString() }).execute();
  }

  async update(reviewer: Reviewer): Promise<void> {
    const { id, name, active, ...profile } = reviewer;
    const r = await this.db.updateTable('svc_reviewers').set({ name, profile: JSON.stringify(profile), active: active ? 1 : 0 }).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new ImrError('IMR_ERR_NOT_FOUND', 'No reviewer has this id; list reviewers with GET /api/reviewers.', { subject: id });
  }

  async get(id: string): Promise<Reviewer | undefined> {
    const r = await this.db.selectFrom('svc_reviewers').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toReviewer(r) : undefined;
  }

  async getOrThrow(id: string): Promise<Reviewer> {
    const r = await this.get(id);
    if (!r) throw new ImrError('IMR_ERR_NOT_FOUND', 'No reviewer has this id; list reviewers with GET /api/reviewers.', { subject: id });
    return r;
  }

  async list(): Promise<Reviewer[]> {
    const rows = await this.db.selectFrom('svc_reviewers').selectAll().orderBy('id').execute();
    return rows.map(toReviewer);
  }

  async count(): Promise<number> {
    return Number((await this.db.selectFrom('svc_reviewers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }
}
