// Which tool an old blog was written for, from the settings file each one keeps at its top.
import path from 'node:path';
import { readAstro, astroConfig } from './tools/astro.ts';
import { docusaurusConfig, readDocusaurus } from './tools/docusaurus.ts';
import { hugoConfig, readHugo } from './tools/hugo.ts';
import { jekyllConfig, readJekyll } from './tools/jekyll.ts';
import type { Blog, Tool } from './types.ts';

const TOOLS: { tool: Tool; config: (root: string) => string | undefined; read: (root: string) => Blog }[] = [
  { tool: 'docusaurus', config: docusaurusConfig, read: readDocusaurus },
  { tool: 'astro', config: astroConfig, read: readAstro },
  { tool: 'hugo', config: hugoConfig, read: readHugo },
  { tool: 'jekyll', config: jekyllConfig, read: readJekyll },
];

/** The old blog, read; or why it cannot be. */
export function readBlog(root: string, from?: Tool): Blog | { error: string } {
  if (from) {
    const chosen = TOOLS.find((entry) => entry.tool === from)!;
    if (!chosen.config(root)) return { error: `${root} has no ${from} settings file (${settingsFiles(from)})` };
    return chosen.read(root);
  }
  const found = TOOLS.filter((entry) => entry.config(root));
  if (found.length === 0)
    return {
      error: `${root} is not a Jekyll, Hugo, Astro or Docusaurus blog: none of ${TOOLS.map((entry) => settingsFiles(entry.tool)).join(', ')} is there (give the blog's top folder, or --from)`,
    };
  if (found.length > 1)
    return {
      error: `${root} has the settings of ${found.map((entry) => `${entry.tool} (${path.basename(entry.config(root)!)})`).join(' and ')}: say which with --from`,
    };
  return found[0]!.read(root);
}

function settingsFiles(tool: Tool): string {
  return {
    jekyll: '_config.yml',
    hugo: 'hugo.toml or config.toml',
    astro: 'astro.config.*',
    docusaurus: 'docusaurus.config.*',
  }[tool];
}
