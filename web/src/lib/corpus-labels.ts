/**
 * Axis labels that fit: a category or specialty name is wrapped onto up to `maxLines` lines of
 * `maxChars`, at spaces (or inside a word longer than a line). Only a name that still does not fit
 * is shortened, with "…", and `truncated` says so, so the caller puts the full name in a tooltip
 * (an SVG <title>) — never cut silently. Pure.
 */
export function wrapLabel(text: string, maxChars = 26, maxLines = 2): { lines: string[]; truncated: boolean } {
  const words = text.replace(/_/g, ' ').trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const pushWord = (w: string) => {
    while (w.length > maxChars) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(w.slice(0, maxChars - 1) + '-');
      w = w.slice(maxChars - 1);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= maxChars) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  };
  for (const w of words) pushWord(w);
  if (line) lines.push(line);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1].replace(/-$/, '');
  kept[maxLines - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1) : last}…`;
  return { lines: kept, truncated: true };
}
