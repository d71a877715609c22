import type { Kysely } from 'kysely';

/**
 * Intake may override the automatic choice of reviewer with a reason. The reason is free text
 * (it may name people), so it lives on the assignment it explains and the audit row only points
 * at it. NULL: the assignment was chosen automatically (or by a recusal).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_assignments').addColumn('override_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_assignments').dropColumn('override_reason').execute();
}
