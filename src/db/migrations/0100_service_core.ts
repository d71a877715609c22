import type { Kysely } from 'kysely';

/**
 * The review service's tables: users, sessions, API tokens, reviewers, cases with their items,
 * eligibility records, assignments, issued letters and the audit log.
 * Portable across SQLite and PostgreSQL: ids are text (UUIDs), timestamps are ISO-8601 text,
 * legal dates are YYYY-MM-DD text, structured values are JSON text, booleans are 0/1 integers,
 * PDF bytes are base64 text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('svc_users')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('reviewer_id', 'varchar(40)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('svc_sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey()) // sha256 of the cookie value
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('svc_users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('svc_api_tokens')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('svc_users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('svc_reviewers')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull()) // JSON: the domain's reviewer profile
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('svc_cases')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('case_number', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('status', 'varchar(30)', (c) => c.notNull())
    .addColumn('priority', 'varchar(20)', (c) => c.notNull())
    .addColumn('application', 'text', (c) => c.notNull()) // JSON
    .addColumn('worker_key', 'varchar(300)', (c) => c.notNull()) // the domain's workerKey, for duplicate checks
    .addColumn('worker_sex', 'varchar(10)')
    .addColumn('received_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('reviewer_id', 'varchar(40)', (c) => c.references('svc_reviewers.id'))
    .addColumn('eligible_on', 'varchar(10)')
    .addColumn('assigned_on', 'varchar(10)')
    .addColumn('records_received_on', 'varchar(10)')
    .addColumn('decided_on', 'varchar(10)')
    .addColumn('deadlines', 'text') // JSON
    .addColumn('clinical_summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('documents_reviewed', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'varchar(40)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('svc_cases_status').on('svc_cases').column('status').execute();
  await db.schema.createIndex('svc_cases_worker').on('svc_cases').column('worker_key').execute();
  await db.schema.createIndex('svc_cases_reviewer').on('svc_cases').column('reviewer_id').execute();

  await db.schema
    .createTable('svc_case_parties')
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('svc_users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('svc_case_parties_pk', ['case_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('svc_case_items')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('ur_decision', 'varchar(20)', (c) => c.notNull())
    .addColumn('ur_guideline', 'text') // JSON Citation cited by the claims administrator
    .addColumn('draft', 'text') // JSON: the engine's draft
    .addColumn('decision', 'varchar(20)')
    .addColumn('citation', 'text') // JSON Citation chosen by the reviewer
    .addColumn('rationale', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(40)')
    .execute();
  await db.schema.createIndex('svc_case_items_case').on('svc_case_items').column('case_id').execute();

  await db.schema
    .createTable('svc_eligibility')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull()) // JSON
    .addColumn('checked_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('checked_by', 'varchar(40)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('svc_eligibility_case').on('svc_eligibility').column('case_id').execute();

  await db.schema
    .createTable('svc_assignments')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'varchar(40)', (c) => c.notNull().references('svc_reviewers.id'))
    .addColumn('assigned_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('screening', 'text', (c) => c.notNull()) // JSON: qualification and conflict reasons per candidate
    .addColumn('ended_at', 'varchar(30)')
    .addColumn('end_reason', 'text')
    .addColumn('created_by', 'varchar(40)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('svc_assignments_case').on('svc_assignments').column('case_id').execute();

  await db.schema
    .createTable('svc_letters')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('supersedes_id', 'varchar(40)')
    .addColumn('correction_reason', 'text')
    .addColumn('letter', 'text', (c) => c.notNull()) // JSON Letter
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('pdf_base64', 'text', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull()) // of the PDF bytes
    .addColumn('text_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('html_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('issued_by', 'varchar(40)')
    .addUniqueConstraint('svc_letters_case_version', ['case_id', 'version'])
    .execute();

  await db.schema
    .createTable('svc_audit')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(40)')
    .addColumn('username', 'varchar(100)')
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('case_id', 'varchar(40)')
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}')) // JSON: what changed
    .execute();
  await db.schema.createIndex('svc_audit_case').on('svc_audit').columns(['case_id', 'at']).execute();
  await db.schema.createIndex('svc_audit_at').on('svc_audit').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['svc_audit', 'svc_letters', 'svc_assignments', 'svc_eligibility', 'svc_case_items', 'svc_case_parties', 'svc_cases', 'svc_reviewers', 'svc_api_tokens', 'svc_sessions', 'svc_users']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
