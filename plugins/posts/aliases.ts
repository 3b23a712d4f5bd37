// Each published post's old addresses (`aliases`): answered by redirect pages
// (plugins/redirects.ts), so none may be an address the site already answers (a page, a
// file, the folders of its own files) or another post's alias. Each collision is a problem
// naming both.
import { whatIsAt, type LinkTargets } from '../links.ts';
import type { Problem } from '../problems.ts';
import { aliasFile, type Redirect } from '../redirects.ts';
import type { Post } from '../../src/content.ts';
import { routePath } from '../../src/routes.ts';
import { SETTINGS } from '../../src/settings.ts';

/** An alias as a post gives it (or the `oldTagPages` setting), with where it is written. */
export interface WrittenAlias extends Redirect {
  file: string;
  line?: number;
  cell?: number;
  /** The field or setting that gave it; `aliases` unless said. */
  field?: string;
}

/** The old addresses of the published tags' pages, from the `oldTagPages` setting. */
export function oldTagPages(posts: Pick<Post, 'tags'>[], patterns: string[] = SETTINGS.oldTagPages): WrittenAlias[] {
  const tags = new Map(posts.flatMap((post) => post.tags.map((tag) => [tag.slug, tag.name] as const)));
  return patterns.flatMap((pattern) =>
    [...tags].sort().map(([slug, name]) => ({
      from: pattern.replaceAll('{tag}', slug),
      to: routePath('tag', { tag: slug }),
      title: name,
      kind: 'tag' as const,
      file: 'src/settings.ts',
      field: 'oldTagPages',
    })),
  );
}

/** The folders the build writes its own files into. */
const RESERVED = ['assets/', 'pagefind/', '404.html'];

export function checkAliases(aliases: WrittenAlias[], targets: LinkTargets): { redirects: Redirect[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const redirects: Redirect[] = [];
  const claimed = new Map<string, WrittenAlias>();
  for (const alias of aliases) {
    const place = { file: alias.file, line: alias.line, ...(alias.cell ? { cell: alias.cell } : {}), field: alias.field ?? 'aliases' };
    const file = aliasFile(alias.from);
    // The page a folder's index.html is, or the file itself.
    const route = file.endsWith('index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
    const taken = RESERVED.some((prefix) => file.startsWith(prefix))
      ? `an address the build keeps for its own files`
      : (whatIsAt(decodeURI(alias.from), targets) ?? whatIsAt(route, targets));
    const earlier = claimed.get(file);
    if (taken) {
      problems.push({ ...place, message: `${alias.from} is ${taken}; an alias must be an address the site does not have` });
    } else if (earlier) {
      const which = earlier.file === alias.file && earlier.kind === alias.kind ? 'this post' : earlier.file;
      problems.push({ ...place, message: `${alias.from} is also an alias of ${which}; an old address can lead to one post` });
    } else {
      claimed.set(file, alias);
      redirects.push({ from: alias.from, to: alias.to, title: alias.title, kind: alias.kind });
    }
  }
  return { redirects, problems };
}
