import type { Kysely } from 'kysely';

/**
 * Pages and OCR of case documents.
 * Each document records its page count (a PDF's pages; null for a text file). A scanned PDF (no text
 * layer) is stored as uploaded with no text and read by OCR in the background: ocr_status goes
 * queued → reading → done (or failed, with the error code), ocr_pages_done counts the pages read so
 * far, and when done the text holds the OCR text (pages separated by form feeds, like a PDF's text
 * layer), ocr_confidences the mean word confidence of each page (JSON array, 0–100) and ocr_engine
 * the engine and version. Documents stored before this migration get their page count from their
 * text where it is a PDF's (one page more than the form feeds separating them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_case_documents').addColumn('page_count', 'integer').execute();
  await db.schema.alterTable('svc_case_documents').addColumn('ocr_status', 'varchar(10)').execute();
  await db.schema.alterTable('svc_case_documents').addColumn('ocr_pages_done', 'integer').execute();
  await db.schema.alterTable('svc_case_documents').addColumn('ocr_confidences', 'text').execute();
  await db.schema.alterTable('svc_case_documents').addColumn('ocr_engine', 'varchar(60)').execute();
  await db.schema.alterTable('svc_case_documents').addColumn('ocr_error', 'varchar(60)').execute();
  // Typed locally: a migration never imports the application's table types.
  const docs = db as unknown as Kysely<{ svc_case_documents: { id: string; media_type: string; text: string; page_count: number | null } }>;
  // One text at a time: the records of a large database do not all fit in memory at once.
  const ids = await docs.selectFrom('svc_case_documents').select('id').where('media_type', '=', 'application/pdf').execute();
  for (const { id } of ids) {
    const d = await docs.selectFrom('svc_case_documents').select(['id', 'text']).where('id', '=', id).executeTakeFirstOrThrow();
    if (d.text.trim() === '') continue;
    const pages = d.text.split('\f').length;
    await docs.updateTable('svc_case_documents').set({ page_count: pages }).where('id', '=', d.id).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of ['ocr_error', 'ocr_engine', 'ocr_confidences', 'ocr_pages_done', 'ocr_status', 'page_count']) {
    await db.schema.alterTable('svc_case_documents').dropColumn(c).execute();
  }
}
