// The planned posts onto disk, as `posts/<slug>/index.md` with their files beside them. A post
// that is there already is never overwritten: if it is this import's own (the same bytes),
// importing again changes nothing; if it is another, it is kept and the old post is not
// imported. `dryRun` says what would happen and writes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlannedPost } from './plan.ts';

export type Outcome = 'written' | 'unchanged' | 'kept';

export interface Written {
  post: PlannedPost;
  outcome: Outcome;
  /** When kept: the post already there (relative to the posts folder). */
  existing?: string;
  /** Files beside the post already there with other bytes: not replaced. */
  clashes: string[];
}

export async function writePosts(posts: PlannedPost[], postsDir: string, dryRun: boolean): Promise<Written[]> {
  const results: Written[] = [];
  for (const post of posts) {
    const folder = path.join(postsDir, post.slug);
    const target = path.join(folder, 'index.md');
    const existing = [
      `${post.slug}.md`,
      `${post.slug}.ipynb`,
      `${post.slug}/index.md`,
      `${post.slug}/index.ipynb`,
    ].find((name) => existsSync(path.join(postsDir, name)));
    const ours = existing === `${post.slug}/index.md` && readFileSync(target, 'utf8') === post.text;
    if (existing && !ours) {
      results.push({ post, outcome: 'kept', existing, clashes: [] });
      continue;
    }
    const clashes: string[] = [];
    let changed = !ours;
    for (const copy of post.copies) {
      const destination = path.join(folder, copy.name);
      if (existsSync(destination)) {
        if (!readFileSync(destination).equals(readFileSync(copy.from))) clashes.push(copy.name);
        continue;
      }
      changed = true;
      if (dryRun) continue;
      await mkdir(folder, { recursive: true });
      await copyFile(copy.from, destination);
    }
    if (!ours && !dryRun) {
      await mkdir(folder, { recursive: true });
      await writeFile(target, post.text);
    }
    results.push({ post, outcome: changed ? 'written' : 'unchanged', clashes });
  }
  return results;
}
