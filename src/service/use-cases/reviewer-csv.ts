import { ImrError, type FieldProblem } from '../../errors/imr-error.js';
import { AFFILIATION_KINDS, reviewerSchema, type Reviewer } from '../domain/index.js';

/** Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, CRLF or LF), with line numbers. */
function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) rows.push({ line: startLine, fields });
      fields = []; field = ''; line++; startLine = line;
    } else field += ch;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) rows.push({ line: startLine, fields });
  if (quoted) throw new ImrError('IMR_ERR_VALIDATION', `The CSV has an unclosed quote starting on line ${startLine}; close it.`, { details: [{ path: `line ${startLine}`, message: 'unclosed quote' }] });
  return rows;
}

export const REVIEWER_CSV_COLUMNS = ['id', 'name', 'licensure_states', 'specialty', 'subspecialty', 'board_certified', 'years_in_active_practice', 'weekly_hours', 'affiliations', 'capacity', 'active'] as const;
const REQUIRED = ['id', 'name', 'licensure_states', 'specialty', 'years_in_active_practice', 'weekly_hours', 'capacity'];

function bool(v: string | undefined, dflt: boolean): boolean | string {
  const s = (v ?? '').trim().toLowerCase();
  if (s === '') return dflt;
  if (['yes', 'y', 'true', '1'].includes(s)) return true;
  if (['no', 'n', 'false', '0'].includes(s)) return false;
  return v as string;
}

function num(v: string | undefined): number | string {
  const s = (v ?? '').trim();
  return s !== '' && Number.isFinite(Number(s)) ? Number(s) : s;
}

/**
 * Reads a reviewer CSV (header row with the columns of REVIEWER_CSV_COLUMNS; lists separated by
 * ";"; affiliations as "kind:name"). Every bad row is reported with its line number; nothing is
 * returned unless every row is valid.
 */
export function parseReviewerCsv(text: string): Reviewer[] {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new ImrError('IMR_ERR_VALIDATION', 'The CSV is empty; give a header row and one row per reviewer.');
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new ImrError('IMR_ERR_VALIDATION', `The CSV header lacks column(s) ${missing.join(', ')}; the columns are: ${REVIEWER_CSV_COLUMNS.join(',')}.`, { details: missing.map((m) => ({ path: 'line 1', message: `missing column ${m}` })) });
  const problems: FieldProblem[] = [];
  const out: Reviewer[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows.slice(1)) {
    const get = (c: string) => { const i = header.indexOf(c); return i < 0 ? undefined : fields[i]?.trim(); };
    if (fields.length > header.length) problems.push({ path: `line ${line}`, message: `${fields.length} fields, the header has ${header.length}` });
    const affiliations: unknown[] = [];
    for (const a of (get('affiliations') ?? '').split(';').map((x) => x.trim()).filter(Boolean)) {
      const at = a.indexOf(':');
      const kind = at > 0 ? a.slice(0, at).trim() : '';
      if (!(AFFILIATION_KINDS as readonly string[]).includes(kind)) problems.push({ path: `line ${line}: affiliations`, message: `"${a}" is not kind:name with kind one of ${AFFILIATION_KINDS.join(', ')}` });
      else affiliations.push({ kind, name: a.slice(at + 1).trim() });
    }
    const candidate = {
      id: get('id') ?? '',
      name: get('name') ?? '',
      licensureStates: (get('licensure_states') ?? '').split(';').map((x) => x.trim()).filter(Boolean),
      specialty: get('specialty') ?? '',
      subspecialty: get('subspecialty') || null,
      boardCertified: bool(get('board_certified'), false),
      yearsInActivePractice: num(get('years_in_active_practice')),
      weeklyHours: num(get('weekly_hours')),
      affiliations,
      capacity: num(get('capacity')),
      active: bool(get('active'), true),
    };
    const r = reviewerSchema.safeParse(candidate);
    if (!r.success) {
      for (const i of r.error.issues) problems.push({ path: `line ${line}: ${i.path.map(String).join('.') || '(row)'}`, message: i.message });
      continue;
    }
    const dup = seen.get(r.data.id);
    if (dup) problems.push({ path: `line ${line}: id`, message: `"${r.data.id}" repeats line ${dup}` });
    seen.set(r.data.id, line);
    out.push(r.data);
  }
  if (problems.length) {
    const lines = [...new Set(problems.map((p) => p.path.split(':')[0]))];
    throw new ImrError('IMR_ERR_VALIDATION', `${lines.length} row(s) are invalid (${lines.slice(0, 10).join(', ')}); nothing was imported. Fix them and import again.`, { details: problems });
  }
  return out;
}
