/**
 * What the reader had to guess or could not find while reading one letter (`--strict` turns them
 * into an error). One collector per letter, handed to the layout that reads it: the parts of the
 * reader add to it rather than each returning or threading its own list. Kept in the order added.
 */
export class Warnings {
  private readonly list: string[] = [];

  add(warning: string): void {
    this.list.push(warning);
  }

  addAll(warnings: Iterable<string>): void {
    for (const w of warnings) this.list.push(w);
  }

  /** The warnings so far, as a new array. */
  toArray(): string[] {
    return [...this.list];
  }
}
