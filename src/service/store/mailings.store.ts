import type { Kysely, Transaction } from 'kysely';
import type { ServiceDb } from './tables.js';

/** One mailed letter: the cover's data and the rendered mailed letter, beside its svc_letters row. */
export interface MailingRow {
  letter_id: string;
  case_id: string;
  /** JSON Mailing (letterhead, date, addressees, claim number, employer). */
  mailing: string;
  mailing_sha256: string;
  text: string;
  text_sha256: string;
  html: string;
  html_sha256: string;
  pdf_base64: string;
  /** Of the PDF bytes. */
  sha256: string;
  created_at: string;
}

interface MailingTables {
  svc_letter_mailings: MailingRow;
}

/** The mailed letters (table svc_letter_mailings, migration 0140). */
export class MailingsStore {
  private readonly db: Kysely<MailingTables> | Transaction<MailingTables>;
  constructor(db: ServiceDb) {
    this.db = db as unknown as Kysely<MailingTables>;
  }

  async insert(row: MailingRow): Promise<void> {
    await this.db.insertInto('svc_letter_mailings').values(row).execute();
  }

  async forLetter(letterId: string): Promise<MailingRow | undefined> {
    return this.db.selectFrom('svc_letter_mailings').selectAll().where('letter_id', '=', letterId).executeTakeFirst();
  }
}
