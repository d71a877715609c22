/**
 * The precedent corpus: published IMR letters imported in bulk, searched, mined for precedents
 * and summarised. Stable API for the CLI, the HTTP routes and the workbench.
 */
export { CorpusStore, type InsertOutcome } from './store.js';
export { toCorpusRecord, letterDate, type Categorise, type CorpusLetterRecord, type CorpusItemRecord } from './records.js';
export { categoriseRequest } from './category.js';
export { extractDocumentationGaps } from './gaps.js';
export { parseQuery, toFts5, termGroups } from './fts-query.js';
export { parseFilters, type RawFilters } from './filters.js';
export { readCorpusLetter, type CorpusLetterView, type CorpusLetterItemView } from './letter-view.js';
export { createSearchIndex } from './search/index.js';
export type * from './search/port.js';
export { findPrecedents, rankPrecedents, type Precedent, type PrecedentQuery, type PrecedentResult } from './precedents.js';
export { corpusStats, csvField, parseDimensions, statsToCsv, STAT_DIMENSIONS, type CorpusStats, type StatDimension, type StatRow, type GapRow, type MonthRow, type PharmacyRow } from './stats.js';
export { reportTables, REPORT_TABLE_IDS, type ReportTable } from './report-tables.js';
export { wilsonInterval, isSmallSample, formatRateWithInterval, SMALL_SAMPLE, type RateInterval } from './rate-interval.js';
export { parseLetterFilters, type LetterFilters, type RawLetterFilters } from './letter-filters.js';
export { importLetterPaths, importSources, formatProgress, sha256, type ImportSummary, type ImportProgress, type ImportFailure, type ImportSource } from './import/importer.js';
export { ImportJobStore, INTERRUPTED_MESSAGE, type ImportJob, type ImportJobView, type ImportJobStatus, type ImportJobProgress, type ProgressWriter } from './import-jobs.js';
