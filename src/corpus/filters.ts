import { ImrError } from '../errors/imr-error.js';
import { CITATION_SOURCES, DECISIONS, PRIORITIES } from '../letters/model.js';
import { parseLetterFilters, type RawLetterFilters } from './letter-filters.js';
import type { SearchFilters } from './search/port.js';

/**
 * Filters as they arrive from a command line or a query string: all optional text. With the letter
 * filters (case number, injury/received/decision date ranges) they are DWC's public IMR search
 * filters; outcome is `decision`, request category `category`, reviewer specialty `specialty`.
 */
export interface RawFilters extends RawLetterFilters {
  decision?: string;
  category?: string;
  citation?: string;
  section?: string;
  specialty?: string;
  year?: string | number;
  priority?: string;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw new ImrError('IMR_ERR_VALIDATION', `The ${name} filter must be one of ${allowed.join(', ')}; got "${value}".`);
  return found;
}

/**
 * Checks and normalises search and stats filters (decision and priority case-insensitive; dates
 * real YYYY-MM-DD days, ranges in order, else IMR_ERR_INVALID_DATE naming the filter). Pure.
 */
export function parseFilters(raw: RawFilters): SearchFilters {
  const f: SearchFilters = parseLetterFilters(raw);
  const text = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);
  if (text(raw.decision)) f.decision = oneOf('decision', raw.decision!, DECISIONS);
  if (text(raw.priority)) f.priority = oneOf('priority', raw.priority!, PRIORITIES);
  if (text(raw.citation)) f.citationFamily = oneOf('citation', raw.citation!, CITATION_SOURCES);
  if (text(raw.category)) f.category = text(raw.category)!.toLowerCase();
  if (text(raw.section)) f.section = text(raw.section);
  if (text(raw.specialty)) f.specialty = text(raw.specialty);
  if (raw.year !== undefined && String(raw.year).trim() !== '') {
    const y = Number(raw.year);
    if (!Number.isInteger(y) || y < 1990 || y > 2100) throw new ImrError('IMR_ERR_VALIDATION', `The year filter must be a four-digit year; got "${raw.year}".`);
    f.year = y;
  }
  return f;
}

/**
 * The raw (query-string) form of checked filters: the inverse of parseFilters, so a saved search
 * can be opened as an ordinary search address. Pure.
 */
export function rawFiltersOf(f: SearchFilters): RawFilters {
  const raw: RawFilters = {};
  if (f.decision) raw.decision = f.decision;
  if (f.priority) raw.priority = f.priority;
  if (f.citationFamily) raw.citation = f.citationFamily;
  if (f.category) raw.category = f.category;
  if (f.section) raw.section = f.section;
  if (f.specialty) raw.specialty = f.specialty;
  if (f.year !== undefined) raw.year = String(f.year);
  for (const k of ['caseNumber', 'injuryFrom', 'injuryTo', 'receivedFrom', 'receivedTo', 'decisionFrom', 'decisionTo'] as const) if (f[k]) raw[k] = f[k];
  return raw;
}
