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

/** A path with `{tag}` and nothing that could end the quoted string it is written into. */
const SAFE = /^\/[\w\-./~%]*\{tag\}[\w\-./~%]*$/;

/**
 * The old tag page addresses to redirect: not ours already (`/tags/<tag>/`, which the site
 * answers itself), and only plain paths (they are written into src/settings.ts, which runs).
 */
export function tagPagesToRedirect(patterns: string[]): { redirect: string[]; refused: string[] } {
  const wanted = patterns.filter((pattern) => !/^\/tags\/\{tag\}\/?$/.test(pattern));
  return {
    redirect: wanted.filter((pattern) => SAFE.test(pattern)),
    refused: wanted.filter((pattern) => !SAFE.test(pattern)),
  };
}
