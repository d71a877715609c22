import type { Kysely } from 'kysely';

/**
 * DWC's public IMR search filters by case number and by injury, received and decision date. The
 * letters gain the date the IMR application was received (null for letters imported before: they
 * were stored without it; import them again to fill it), and indexes for those lookups, so a case
 * number or a date range reads a few index entries rather than every letter row (rows that hold
 * each letter's whole text).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('corpus_letters').addColumn('received_date', 'varchar(10)').execute();
  await db.schema.createIndex('corpus_letters_case_number').on('corpus_letters').column('case_number').execute();
  await db.schema.createIndex('corpus_letters_decision_date').on('corpus_letters').column('decision_date').execute();
  await db.schema.createIndex('corpus_letters_injury_date').on('corpus_letters').column('injury_date').execute();
  await db.schema.createIndex('corpus_letters_received_date').on('corpus_letters').column('received_date').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['corpus_letters_received_date', 'corpus_letters_injury_date', 'corpus_letters_decision_date', 'corpus_letters_case_number']) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.alterTable('corpus_letters').dropColumn('received_date').execute();
}
