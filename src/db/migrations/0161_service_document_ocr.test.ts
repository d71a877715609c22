import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../test-support/dialects.js';
import { down, up } from './0161_service_document_ocr.js';

describe.each(testDialects())('migration 0161 (document pages and OCR) on %s', (dialect) => {
  it('goes down and up again on a migrated database, counting the pages of PDFs stored before it', async () => {
    const database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    try {
      await down(db);
      // A case and three documents as stored before the migration: a 3-page PDF, a PDF with no text, a text file.
      await sql`insert into svc_cases (id, case_number, status, priority, received_on, application, worker_key, clinical_summary, documents_reviewed, version, created_at, updated_at) values ('c1', 'CM24-0000001', 'received', 'Standard', '2024-01-02', '{}', 'w', '', '[]', 1, '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z')`.execute(db);
      const doc = (id: string, media: string, text: string) =>
        sql`insert into svc_case_documents (id, case_id, kind, name, media_type, bytes, sha256, text, content_base64, uploaded_at) values (${id}, 'c1', 'medical_record', ${id}, ${media}, 1, ${id}, ${text}, '', '2024-01-02T00:00:00Z')`.execute(db);
      await doc('pdf3', 'application/pdf', 'one\n\f\ntwo\n\f\nthree');
      await doc('scan', 'application/pdf', '');
      await doc('txt', 'text/plain', 'a note');
      await up(db);
      const rows = await sql<{ id: string; page_count: number | null; ocr_status: string | null }>`select id, page_count, ocr_status from svc_case_documents order by id`.execute(db);
      expect(rows.rows.map((r) => [r.id, r.page_count === null ? null : Number(r.page_count), r.ocr_status])).toEqual([['pdf3', 3, null], ['scan', null, null], ['txt', null, null]]);
    } finally {
      await database.close();
    }
  });
});
