import type { Kysely } from 'kysely';

/**
 * The peer group of a precedent search (items of one category and citation family) is counted by
 * decision: an index on (category, citation_family, decision) answers that from the index alone,
 * and replaces the (category, citation_family) index it extends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('corpus_items_peer').on('corpus_items').columns(['category', 'citation_family', 'decision']).execute();
  await db.schema.dropIndex('corpus_items_category_family').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('corpus_items_category_family').on('corpus_items').columns(['category', 'citation_family']).execute();
  await db.schema.dropIndex('corpus_items_peer').execute();
}
