/**
 * The corpus tables. Dates are YYYY-MM-DD text on both dialects; booleans are 0/1 integers;
 * lists are JSON text. Column names are snake_case, as in the migrations (0200–0299).
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
  clinical_summary: string;
  item_count: number;
  upheld: number;
  overturned: number;
  warnings: string;
  raw_text: string;
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
  rationale: string;
  year: number | null;
  month: number | null;
  priority: string | null;
  reviewer_specialty: string | null;
  /** SQLite only: the filter tokens the item is indexed with (see migration 0206). */
  search_tags?: string;
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
