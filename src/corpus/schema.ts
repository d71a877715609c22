import type { StoredText } from './stored-text.js';

/**
 * The corpus tables. Dates are YYYY-MM-DD text on both dialects; booleans are 0/1 integers;
 * lists are JSON text. Column names are snake_case, as in the migrations (0200–0299). The long
 * texts (StoredText) are compressed BLOBs on SQLite (migration 0221): read them with unpackText.
 */
interface CorpusLetterTable {
  id: number;
  content_hash: string;
  file_name: string;
  layout: string;
  case_number: string | null;
  decision_date: string | null;
  year: number | null;
  month: number | null;
  priority: string | null;
  reviewer_specialty: string | null;
  reviewer_subspecialty: string | null;
  reviewer_licensure: string;
  worker_age: number | null;
  worker_sex: string | null;
  injury_date: string | null;
  /** The date the IMR application was received (migration 0215; null for letters imported before). */
  received_date: string | null;
  clinical_summary: StoredText;
  item_count: number;
  upheld: number;
  overturned: number;
  warnings: string;
  /** The letter's text; on SQLite compressed with the clinical summary as dictionary (unpackText(raw_text, clinical_summary)). */
  raw_text: StoredText;
  imported_at: string;
}

interface CorpusItemTable {
  id: number;
  letter_id: number;
  position: number;
  request: string;
  decision: string;
  category: string | null;
  ca_source: string;
  ca_name: string | null;
  ca_topic: string | null;
  ca_raw: string;
  ca_cited_evidence: number;
  citation_family: string;
  citation_name: string | null;
  citation_topic: string | null;
  citation_section: string | null;
  citation_sections: string;
  citation_raw: string;
  rationale: StoredText;
  year: number | null;
  month: number | null;
  priority: string | null;
  reviewer_specialty: string | null;
}

interface CorpusGapTable {
  item_id: number;
  phrase: string;
}

export interface CorpusTables {
  corpus_letters: CorpusLetterTable;
  corpus_items: CorpusItemTable;
  corpus_gaps: CorpusGapTable;
}
