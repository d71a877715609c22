import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import graph keeps the layers apart: the guideline data does not depend on the engine that
 * reads it; a migration never changes because the application's code did (it is replayed years
 * later on old databases); a route does not reach into another route (what routes share lives
 * beside them, in src/server). Every import form counts: static, re-export, dynamic and `import()`
 * types; `import type` too, except where a rule says otherwise.
 */

const SRC = path.dirname(fileURLToPath(import.meta.url));

interface Import {
  /** The specifier as written. */
  spec: string;
  /** Where a relative specifier leads, from src/, without extension ("engine/index"); null for a package. */
  target: string | null;
  /** `import type` / `export type`, or every named binding marked `type`. */
  typeOnly: boolean;
}

interface SourceFile {
  /** Path from src/, with "/" ("server/routes/cases.route.ts"). */
  file: string;
  text: string;
}

function importsOf(src: SourceFile): Import[] {
  const sf = ts.createSourceFile(src.file, src.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const target = spec.startsWith('.') ? path.posix.join(path.posix.dirname(src.file), spec).replace(/\.(js|ts|mjs|cjs)$/, '') : null;
    out.push({ spec, target, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      add(node.moduleSpecifier.text, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** A rule broken: which file, which import, which rule. */
interface Violation {
  file: string;
  spec: string;
  rule: string;
}

const isUnder = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
const ROUTE_FILE = /^server\/routes\/([^/]+)\.route$/;

/** The import rules, checked over a set of source files (paths from src/). */
function violations(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const f of files) {
    const self = f.file.replace(/\.ts$/, '');
    for (const imp of importsOf(f)) {
      const flag = (rule: string) => out.push({ file: f.file, spec: imp.spec, rule });
      // 1. the guideline data, schema and loader know nothing of the engine
      if (isUnder(f.file, 'guidelines') && imp.target !== null && isUnder(imp.target, 'engine')) flag('guidelines/ imports nothing from engine/');
      // 2. a migration is self-contained: the database library and Node's own modules only
      if (isUnder(f.file, 'db/migrations') && !f.file.includes('.test.')) {
        const inside = imp.target !== null && isUnder(imp.target, 'db/migrations');
        const library = imp.target === null && (imp.spec === 'kysely' || imp.spec.startsWith('node:'));
        if (!inside && !library) flag('a migration imports nothing from the application (kysely and node: only)');
      }
      // 3. no route file imports another route file (its own test may import it; index.ts registers them all)
      if (isUnder(f.file, 'server/routes') && !f.file.endsWith('/index.ts') && imp.target !== null && ROUTE_FILE.test(imp.target)) {
        const subject = self.replace(/\.test$/, '');
        if (imp.target !== subject) flag('a route file imports no other route file (shared helpers live in src/server)');
      }
    }
  }
  return out;
}

function sourceFiles(dir: string, rel = ''): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...sourceFiles(path.join(dir, entry.name), r));
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push({ file: r, text: readFileSync(path.join(dir, entry.name), 'utf8') });
  }
  return out;
}

/** The folders the rules speak of (the other files of src/ can break none of them). */
const CHECKED = ['guidelines', 'db/migrations', 'server/routes'];

describe('the import graph of src/', () => {
  const files = CHECKED.flatMap((dir) => sourceFiles(path.join(SRC, dir), dir));

  it('keeps guidelines/ off the engine, migrations self-contained and route files apart', () => {
    const found = violations(files).map((v) => `${v.file}: "${v.spec}" (${v.rule})`);
    expect(found).toEqual([]);
  });

  it('reads the imports it checks (the scan is not vacuous)', () => {
    const byFile = new Map(files.map((f) => [f.file, importsOf(f)]));
    expect(byFile.get('server/routes/index.ts')?.some((i) => i.target !== null && ROUTE_FILE.test(i.target))).toBe(true);
    expect(byFile.get('guidelines/schema.ts')?.some((i) => i.target !== null && isUnder(i.target, 'shared'))).toBe(true);
    expect(byFile.get('server/routes/cases.route.ts')?.some((i) => i.spec === '../case-access.js')).toBe(true);
    expect(files.filter((f) => isUnder(f.file, 'db/migrations')).length).toBeGreaterThan(10);
    expect(files.filter((f) => isUnder(f.file, 'guidelines')).length).toBeGreaterThan(3);
  });

  it('flags each rule broken, in every import form', () => {
    const found = violations([
      { file: 'guidelines/schema.ts', text: "import { EVIDENCE_KINDS } from '../engine/evidence-kind.js';" },
      { file: 'guidelines/select.ts', text: "import type { NormalisedRequest } from '../engine/request/normalised-request.js';" },
      { file: 'guidelines/load.ts', text: "export { loadKnowledgeBase } from '../engine/index.js';\nconst m = await import('../engine/index.js');" },
      { file: 'guidelines/types.ts', text: "export type Kb = import('../engine/index.js').KnowledgeBase;" },
      { file: 'db/migrations/0200_corpus_tables.ts', text: "import { isPostgresDb } from '../../corpus/schema.js';\nimport { z } from 'zod';" },
      { file: 'server/routes/letters.route.ts', text: "import { caseUser } from './cases.route.js';" },
      { file: 'server/routes/corpus.route.test.ts', text: "import { x } from './cases.route.js';" },
    ]).map((v) => `${v.file} ${v.spec}`);
    expect(found).toEqual([
      'guidelines/schema.ts ../engine/evidence-kind.js',
      'guidelines/select.ts ../engine/request/normalised-request.js',
      'guidelines/load.ts ../engine/index.js',
      'guidelines/load.ts ../engine/index.js',
      'guidelines/types.ts ../engine/index.js',
      'db/migrations/0200_corpus_tables.ts ../../corpus/schema.js',
      'db/migrations/0200_corpus_tables.ts zod',
      'server/routes/letters.route.ts ./cases.route.js',
      'server/routes/corpus.route.test.ts ./cases.route.js',
    ]);
  });

  it('allows what the rules allow', () => {
    expect(
      violations([
        { file: 'guidelines/schema.ts', text: "import { EVIDENCE_KINDS } from '../shared/evidence-kind.js';" },
        { file: 'engine/knowledge-base/knowledge-base.ts', text: "import type { Topic } from '../../guidelines/schema.js';" },
        { file: 'db/migrations/0130_service_new.ts', text: "import { sql, type Kysely } from 'kysely';\nimport { helper } from './_support.js';\nimport { createHash } from 'node:crypto';" },
        { file: 'db/migrations/0103_service_auth_expiry.test.ts', text: "import { openTestDatabase } from '../test-support/dialects.js';" },
        { file: 'server/routes/index.ts', text: "import { caseRoutes } from './cases.route.js';" },
        { file: 'server/routes/cases.route.ts', text: "import { caseUser } from '../case-access.js';" },
        { file: 'server/routes/corpus.route.test.ts', text: "import { corpusRoutes } from './corpus.route.js';" },
      ]),
    ).toEqual([]);
  });
});
