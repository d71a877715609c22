/**
 * The precedent corpus: published IMR letters imported in bulk, searched, mined for precedents
 * and summarised. Stable API for the CLI, the HTTP routes and the workbench.
 */
export { CorpusStore } from './store.js';
export { categoriseRequest } from './category.js';
export { parseFilters, type RawFilters } from './filters.js';
export { readCorpusLetter } from './letter-view.js';
export { createSearchIndex } from './search/index.js';
export type * from './search/port.js';
export { findPrecedents } from './precedents.js';
export { corpusStats, csvField, parseDimensions, statsToCsv, STAT_DIMENSIONS, type CorpusStats } from './stats.js';
export { reportTables, REPORT_TABLE_IDS } from './report-tables.js';
export { SMALL_SAMPLE } from './rate-interval.js';
export { importLetterPaths, importSources, formatProgress, type ImportSummary, type ImportProgress, type ImportSource } from './import/importer.js';
export { ImportJobStore, INTERRUPTED_MESSAGE, type ImportJob, type ImportJobProgress } from './import-jobs.js';
