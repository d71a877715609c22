import { PostgresAdapter, type Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The precedent corpus: one row per published letter, one per disputed item, and the documentation gaps named in each rationale. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgresDb(db);
  await db.schema
    .createTable('corpus_letters')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('layout', 'varchar(20)', (c) => c.notNull())
    .addColumn('case_number', 'varchar(40)')
    .addColumn('decision_date', 'varchar(10)')
    .addColumn('year', 'integer')
    .addColumn('month', 'integer')
    .addColumn('priority', 'varchar(20)')
    .addColumn('reviewer_specialty', 'text')
    .addColumn('reviewer_subspecialty', 'text')
    .addColumn('reviewer_licensure', 'text', (c) => c.notNull())
    .addColumn('worker_age', 'integer')
    .addColumn('worker_sex', 'varchar(10)')
    .addColumn('injury_date', 'varchar(10)')
    .addColumn('clinical_summary', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('upheld', 'integer', (c) => c.notNull())
    .addColumn('overturned', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('raw_text', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('corpus_items')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('letter_id', 'integer', (c) => c.notNull().references('corpus_letters.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('decision', 'varchar(12)', (c) => c.notNull())
    .addColumn('category', 'varchar(60)')
    .addColumn('ca_source', 'varchar(20)', (c) => c.notNull())
    .addColumn('ca_name', 'text')
    .addColumn('ca_topic', 'text')
    .addColumn('ca_raw', 'text', (c) => c.notNull())
    .addColumn('ca_cited_evidence', 'integer', (c) => c.notNull())
    .addColumn('citation_family', 'varchar(20)', (c) => c.notNull())
    .addColumn('citation_name', 'text')
    .addColumn('citation_topic', 'text')
    .addColumn('citation_section', 'text')
    .addColumn('citation_sections', 'text', (c) => c.notNull())
    .addColumn('citation_raw', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('month', 'integer')
    .addColumn('priority', 'varchar(20)')
    .addColumn('reviewer_specialty', 'text')
    .execute();
  await db.schema.createIndex('corpus_items_letter').on('corpus_items').column('letter_id').execute();
  await db.schema.createIndex('corpus_items_category_family').on('corpus_items').columns(['category', 'citation_family']).execute();
  await db.schema.createIndex('corpus_items_family_section').on('corpus_items').columns(['citation_family', 'citation_section']).execute();
  await db.schema.createIndex('corpus_items_year_month').on('corpus_items').columns(['year', 'month']).execute();
  await db.schema.createIndex('corpus_items_specialty').on('corpus_items').column('reviewer_specialty').execute();

  await db.schema
    .createTable('corpus_gaps')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('corpus_items.id').onDelete('cascade'))
    .addColumn('phrase', 'varchar(200)', (c) => c.notNull())
    .addPrimaryKeyConstraint('corpus_gaps_pk', ['item_id', 'phrase'])
    .execute();
  await db.schema.createIndex('corpus_gaps_phrase').on('corpus_gaps').column('phrase').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('corpus_gaps').execute();
  await db.schema.dropTable('corpus_items').execute();
  await db.schema.dropTable('corpus_letters').execute();
}
