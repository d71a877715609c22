import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { categoriseRequest, CorpusStore, importLetterPaths } from '../corpus/index.js';
import { collectLetterFiles } from '../corpus/import/files.js';
import { DEFAULT_SEEDS_DIR, REPO_ROOT } from './demo-data.js';

/** The public letters the demo imports into the precedent corpus (never copied into the repository). */
const DEFAULT_CORPUS_DIRS = [DEFAULT_SEEDS_DIR, path.resolve(REPO_ROOT, '../shared/letters/dwc-2016-2017')];
/** Settings key written once the demo corpus import has finished (its value: the counts, JSON). */
const DEMO_CORPUS_FLAG = 'corpus.demo_imported';
/** Files imported between checks for a stop request (so a server can shut down mid-import). */
const CHUNK = 8;

export type DemoCorpusResult =
  | { status: 'disabled' | 'already-done' | 'no-folders' | 'stopped' }
  | { status: 'done'; files: number; imported: number; present: number; failed: number; items: number; elapsedMs: number }
  | { status: 'error'; message: string };

export interface DemoCorpusImport {
  /** Settles when the background import has finished, was skipped or stopped; never rejects. */
  done: Promise<DemoCorpusResult>;
  /** Asks the import to stop after the files in hand and waits for it (call before closing the database). */
  stop(): Promise<DemoCorpusResult>;
}

export interface DemoCorpusOptions {
  /** Folders to import (default: ../shared/seeds and ../shared/letters/dwc-2016-2017); missing ones are ignored. */
  dirs?: string[];
  /** Default: env IMR_DEMO_CORPUS, where "0" disables the import. */
  enabled?: boolean;
  print?: (line: string) => void;
}

type SettingsDb = Kysely<{ settings: { key: string; value: string } }>;

/** Whether the demo corpus import has already completed on this database. */
async function demoCorpusDone(database: Database): Promise<boolean> {
  const db = database.db as unknown as SettingsDb;
  return (await db.selectFrom('settings').select('value').where('key', '=', DEMO_CORPUS_FLAG).executeTakeFirst()) !== undefined;
}

function relative(dir: string): string {
  const r = path.relative(REPO_ROOT, dir);
  return r && !path.isAbsolute(r) ? r : dir;
}

/**
 * Starts importing the public letters into the precedent corpus in the background (the caller does
 * not wait): once per database (a settings flag records completion; the import also skips files whose
 * hash is already stored, so an interrupted run simply resumes). Prints one line when it starts and
 * one when done, with counts only.
 */
export function startDemoCorpusImport(database: Database, opts: DemoCorpusOptions = {}): DemoCorpusImport {
  const print = opts.print ?? ((l: string) => console.log(l));
  let stopping = false;
  const run = async (): Promise<DemoCorpusResult> => {
    if (opts.enabled === false || (opts.enabled === undefined && process.env.IMR_DEMO_CORPUS === '0')) return { status: 'disabled' };
    if (await demoCorpusDone(database)) return { status: 'already-done' };
    const wanted = opts.dirs ?? DEFAULT_CORPUS_DIRS;
    const dirs = wanted.filter((d) => existsSync(d));
    if (dirs.length === 0) {
      print(`Demo corpus: no letter folders found (${wanted.map(relative).join(', ')}); skipping the corpus import.`);
      return { status: 'no-folders' };
    }
    const { files } = await collectLetterFiles(dirs);
    print(`Demo corpus: importing ${files.length} published letter file(s) from ${dirs.map(relative).join(', ')} in the background…`);
    const store = new CorpusStore(database);
    const total = { files: files.length, imported: 0, present: 0, failed: 0, items: 0 };
    const started = Date.now();
    for (let i = 0; i < files.length; i += CHUNK) {
      if (stopping) return { status: 'stopped' };
      const s = await importLetterPaths(files.slice(i, i + CHUNK), { store, categorise: categoriseRequest, jobs: 1 });
      total.imported += s.imported;
      total.present += s.present;
      total.failed += s.failed.length;
      total.items += s.items;
    }
    const elapsedMs = Date.now() - started;
    const db = database.db as unknown as SettingsDb;
    // Another instance on the same database may have finished first: its flag stands.
    await db.insertInto('settings').values({ key: DEMO_CORPUS_FLAG, value: JSON.stringify({ ...total, at: new Date().toISOString() }) }).execute().catch(() => undefined);
    print(`Demo corpus: done in ${(elapsedMs / 1000).toFixed(1)}s: ${total.imported} letter(s) imported (${total.items} item(s)), ${total.present} already present, ${total.failed} failed.`);
    return { status: 'done', ...total, elapsedMs };
  };
  const done = run().catch((e: unknown): DemoCorpusResult => {
    if (stopping) return { status: 'stopped' };
    const message = (e as { code?: string })?.code ?? 'unexpected error';
    print(`Demo corpus: import stopped (${message}); it resumes on the next start, or run \`imr corpus import\`.`);
    return { status: 'error', message };
  });
  return {
    done,
    stop: () => {
      stopping = true;
      return done;
    },
  };
}
