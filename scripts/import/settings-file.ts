// The old site's tag pages into the site settings (`oldTagPages` in src/settings.ts), so that
// each answers with a redirect page to the tag's page here. Only that one line is edited;
// patterns already there are kept.

const LINE = /^(\s*oldTagPages:\s*)\[([^\]\n]*)\](\s*as string\[\],?[^\n]*)$/m;

/** The settings file with the patterns added, or undefined when it has no `oldTagPages` line to edit. */
export function withOldTagPages(settings: string, patterns: string[]): string | undefined {
  const match = LINE.exec(settings);
  if (!match) return undefined;
  const existing = [...match[2]!.matchAll(/'([^'\\]*)'|"([^"\\]*)"/g)].map((found) => found[1] ?? found[2]!);
  const all = [...new Set([...existing, ...patterns])];
  const list = all.map((pattern) => `'${pattern}'`).join(', ');
  return settings.replace(LINE, `$1[${list}]$3`);
}

/** The old tag page addresses that are not ours already (`/tags/<tag>/`, which the site answers itself). */
export function tagPagesToRedirect(patterns: string[]): string[] {
  return patterns.filter((pattern) => !/^\/tags\/\{tag\}\/?$/.test(pattern));
}
