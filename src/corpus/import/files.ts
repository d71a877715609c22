import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Files a folder import picks up: PDFs and text letters. Files named explicitly are always taken. */
const LETTER_EXTENSIONS = ['.pdf', '.txt'];

export interface FileListing {
  files: string[];
  /** Paths given that do not exist or cannot be read. */
  missing: Array<{ file: string; reason: string }>;
}

/** The letter files under the given paths (files, and folders recursively), sorted, each once. */
export async function collectLetterFiles(paths: string[]): Promise<FileListing> {
  const files = new Set<string>();
  const missing: FileListing['missing'] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && LETTER_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) files.add(full);
    }
  }
  for (const p of paths) {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      missing.push({ file: p, reason: code === 'ENOENT' ? 'no such file or folder' : 'cannot be read' });
      continue;
    }
    if (stat.isDirectory()) {
      try {
        await walk(p);
      } catch {
        missing.push({ file: p, reason: 'the folder cannot be read' });
      }
    } else files.add(p);
  }
  return { files: [...files], missing };
}
