import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/**
 * A query of fixed shape, built and compiled by Kysely once per database handle and then run with
 * new parameter values. Kysely builds and compiles a query each time it runs (immutable builder
 * nodes, then a visit of the tree to SQL); for the case read's eight small queries that was more CPU
 * than SQLite spent answering them. Parameters are bound at each run, as Kysely binds them.
 *
 * `build` receives one placeholder per parameter and must pass each where the value goes (a
 * comparison's right-hand side); the placeholders are found in the compiled parameters and
 * replaced by the values of the call. Values the query fixes itself (a limit) stay as compiled.
 */
export interface FixedQuery<P extends string[], O> {
  rows(db: Kysely<any>, ...params: P): Promise<O[]>; // eslint-disable-line @typescript-eslint/no-explicit-any -- any database handle of the right tables; the query was typed where it was built
}

const PLACEHOLDER = '\u0000fixed-query-parameter-';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see FixedQuery
export function fixedQuery<P extends string[], O, DB = any>(arity: P['length'], build: (db: Kysely<DB>, ...params: P) => Compilable<O>): FixedQuery<P, O> {
  const placeholders = Array.from({ length: arity }, (_, k) => `${PLACEHOLDER}${k}\u0000`) as P;
  // One compiled form per handle: a transaction is a handle of its own, compiled for the same dialect.
  const compiled = new WeakMap<object, { query: CompiledQuery<O>; slots: Array<number | null> }>();
  const compile = (db: Kysely<DB>) => {
    const query = build(db, ...placeholders).compile();
    const slots = query.parameters.map((p) => (typeof p === 'string' ? placeholders.indexOf(p) : -1)).map((k) => (k >= 0 ? k : null));
    const found = new Set(slots.filter((k) => k !== null));
    if (found.size !== arity) throw new Error(`fixedQuery: ${arity - found.size} of ${arity} parameter(s) not found in the compiled query (${query.sql})`);
    const entry = { query, slots };
    compiled.set(db, entry);
    return entry;
  };
  return {
    async rows(db, ...params) {
      const { query, slots } = compiled.get(db) ?? compile(db as Kysely<DB>);
      const parameters = slots.map((k, i) => (k === null ? query.parameters[i] : params[k]));
      const result = await db.executeQuery<O>({ ...query, parameters });
      return result.rows;
    },
  };
}
