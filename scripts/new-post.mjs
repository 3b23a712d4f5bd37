// @ts-check
// `npm run new-post -- "Title"`: a new draft at posts/<slug>/index.md with today's date,
// ready to write in (and to put images beside). Refuses to overwrite anything.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { slugify } from '../plugins/slugify.js';

const root = path.resolve(import.meta.dirname, '..');
const postsDir = path.resolve(root, process.env.POSTS_DIR ?? 'posts');
const title = process.argv.slice(2).join(' ').trim();
const slug = slugify(title);
const fail = (/** @type {string} */ message) => {
  console.error(message);
  process.exit(1);
};
if (!title) fail('usage: npm run new-post -- "The post\'s title"');
if (!slug) fail(`"${title}" needs at least one letter or digit to make the post's address`);
const taken = [path.join(postsDir, slug), path.join(postsDir, `${slug}.md`)].find((file) => existsSync(file));
if (taken) fail(`${path.relative(root, taken)} already exists: choose another title, or edit that post`);

const now = new Date();
const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
const file = path.join(postsDir, slug, 'index.md');
await mkdir(path.dirname(file), { recursive: true });
await writeFile(
  file,
  `---
title: ${JSON.stringify(title)}
date: ${today}
# description: One sentence for the post list and search engines.
# tags: [pytorch, xla]
draft: true
---

Start writing here.

<!-- Images go beside this file: ![What it shows](./figure.png "Caption"). See docs/writing.md. -->
`,
);
console.log(`Created ${path.relative(root, file)}: a draft, shown by npm run dev; remove "draft: true" to publish it.`);
