// Which files in posts/ are posts, and their slugs: `<slug>.md` or `<slug>/index.md`, and
// notebooks, `<slug>.ipynb` or `<slug>/index.ipynb`.
// A name with capitals publishes at its lower-cased slug; names that are not slugs,
// duplicate slugs (capitals aside) and symbolic links are problems.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SLUG_PATTERN } from '../../src/content.ts';
import { displayPath, type Problem } from '../problems.ts';
import { slugify } from '../slugify.js';

export interface Source {
  slug: string;
  /** Absolute path of the markdown file. */
  file: string;
}

/**
 * The posts in `postsDir`; each problem goes to `problems`, and the name of each post
 * refused for its name to `refusedNames` (so that a link to it is not a second problem).
 */
export async function findSources(
  postsDir: string,
  root: string,
  problems: Problem[],
  refusedNames: string[] = [],
): Promise<Source[]> {
  const relative = (file: string) => displayPath(root, file);
  let entries;
  try {
    entries = await readdir(postsDir, { withFileTypes: true });
  } catch {
    problems.push({ file: relative(postsDir), message: 'the posts folder does not exist' });
    return [];
  }
  const sources: Source[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(postsDir, entry.name);
    if (entry.isSymbolicLink()) {
      // A post could otherwise publish any file of the build machine.
      problems.push({ file: relative(full), message: 'is a symbolic link; a post must be a real file or folder in posts/' });
    } else if (entry.isDirectory()) {
      const indexes = await existing([path.join(full, 'index.md'), path.join(full, 'index.ipynb')]);
      const [index] = indexes;
      if (indexes.length > 1) {
        problems.push({ file: `${relative(full)}/`, message: 'holds both index.md and index.ipynb; a post is one of them' });
      } else if (index) sources.push({ slug: entry.name, file: index });
      else {
        problems.push({
          file: `${relative(full)}/`,
          message: 'a post folder needs an index.md or index.ipynb (or move its files elsewhere)',
        });
      }
    } else if (entry.name.endsWith('.md') || entry.name.endsWith('.ipynb')) {
      sources.push({ slug: entry.name.replace(/\.(md|ipynb)$/, ''), file: full });
    } else if (/\.(markdown|mdx?|md)$/i.test(entry.name)) {
      problems.push({
        file: relative(full),
        message: `posts are read from .md files only: rename it to ${slugify(entry.name.replace(/\.[^.]+$/, ''))}.md`,
      });
    }
  }
  return withValidSlugs(sources, relative, problems, refusedNames);
}

/** Those of `files` that are regular files. */
async function existing(files: string[]): Promise<string[]> {
  const found = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (info) => info.isFile(),
        () => false,
      ),
    ),
  );
  return files.filter((_, i) => found[i]);
}

function withValidSlugs(
  sources: Source[],
  relative: (file: string) => string,
  problems: Problem[],
  refusedNames: string[],
): Source[] {
  const bySlug = new Map<string, Source>();
  const valid = sources.filter((s) => SLUG_PATTERN.test(s.slug.toLowerCase()));
  const validSlugs = new Map(valid.map((s) => [s.slug.toLowerCase(), s.file]));
  for (const source of sources) {
    const file = relative(source.file);
    // Capitals publish at the lower-cased slug, as Hugo does: `From-GAN.md` is /posts/from-gan/.
    const slug = source.slug.toLowerCase();
    if (!SLUG_PATTERN.test(slug)) {
      refusedNames.push(slug);
      const suggestion = slugify(source.slug) || 'my-post';
      const taken = validSlugs.get(suggestion);
      const rule = `"${source.slug}" must be letters, digits and single hyphens`;
      problems.push({
        file,
        field: 'slug',
        message: taken
          ? `${rule}, and "${suggestion}" is taken by ${relative(taken)}: give it another name`
          : `${rule}; rename it to "${suggestion}"`,
      });
      continue;
    }
    const other = bySlug.get(slug);
    if (other) {
      const both = other.slug === source.slug ? '' : ` (names that differ only in capitals publish at one address)`;
      problems.push({
        file,
        field: 'slug',
        message: `"${slug}" is also the slug of ${relative(other.file)}${both}; rename one of them`,
      });
      continue;
    }
    bySlug.set(slug, { ...source, slug });
  }
  return [...bySlug.values()];
}
