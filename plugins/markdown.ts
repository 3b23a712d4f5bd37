// Markdown to HTML, once, at build time: react-markdown on the build side, with GFM, a
// small allow-list of raw HTML (sanitised), heading ids, and every URL resolved: files
// beside the post become hashed assets, links to other posts' files become their routes,
// root-relative links stay under the base path.
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Properties, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { toString as hastToString } from 'hast-util-to-string';
import { toString } from 'mdast-util-to-string';
import { renderToStaticMarkup } from 'react-dom/server';
import { MarkdownAsync } from 'react-markdown';
import rehypeKatex from 'rehype-katex';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { find, html as htmlSchema } from 'property-information';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** A problem or warning inside one post: its line and what is wrong. */
export interface Finding {
  line?: number;
  field?: string;
  message: string;
}

/** A file referenced by a post, copied into the site under `fileName`. */
export interface Asset {
  source: string;
  fileName: string;
}

/** A link or image source as the page will carry it, for the build's link check. */
export interface OutgoingLink {
  href: string;
  line?: number;
  /** An image's source rather than a link's target. */
  image?: boolean;
}

export interface RenderContext {
  /** Absolute path of the markdown file. */
  file: string;
  slug: string;
  postsDir: string;
  base: string;
  /** Every post's slug by the absolute path of its source (its `.md` file, or its folder). */
  slugs: Record<string, string>;
}

/**
 * What a rendering read besides the post's own text: files (by content hash, `null` when
 * missing) and which paths were posts. A cached rendering is reused only while these hold.
 */
export interface RenderDependencies {
  files: Record<string, string | null>;
  slugs: Record<string, string | null>;
}

/** `My_Post` -> `my-post`: for a badly named post's suggested slug, tag addresses and file names. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function fileHash(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export interface RenderedMarkdown {
  html: string;
  excerpt: string;
  words: number;
  problems: Finding[];
  warnings: Finding[];
  assets: Asset[];
  /** Every `id` in the post, for anchors into it. */
  ids: string[];
  links: OutgoingLink[];
  dependencies: RenderDependencies;
}

/**
 * The raw HTML a post may use: GitHub's allow-list (`<details>`, `<kbd>`, `<sup>`,
 * tables, images...) plus a few semantic tags. No scripts, styles, frames, forms, event
 * handlers or `style` attributes; links only to http(s), mailto and the like; raw `id`
 * and `name` values get a `user-content-` prefix so they cannot clobber the app's.
 */
export const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    // remark-math's classes, which rehype-katex (after the sanitiser) turns into MathML.
    code: [['className', /^language-./, 'math-inline', 'math-display']],
  },
  tagNames: [...(defaultSchema.tagNames ?? []), 'abbr', 'mark', 'figure', 'figcaption'],
  strip: ['script', 'style', 'template', 'title', 'textarea', 'noscript', 'noembed', 'noframes', 'xmp', 'iframe'],
};

/** Ids the app itself uses: a heading slug may not take them. */
const APP_IDS = new Set(['root', 'main']);

function isRelativeUrl(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !url.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

function allowedAttribute(tagName: string, property: string): boolean {
  const lists = [SANITIZE_SCHEMA.attributes?.[tagName] ?? [], SANITIZE_SCHEMA.attributes?.['*'] ?? []];
  return lists.some((list) => list.some((entry) => (Array.isArray(entry) ? entry[0] : entry) === property));
}

function allowedProtocol(property: string, value: string): boolean {
  const protocols = SANITIZE_SCHEMA.protocols?.[property];
  if (!protocols) return true;
  // Browsers ignore whitespace and control characters inside a scheme (`java\tscript:`).
  const trimmed = [...value].filter((char) => char.charCodeAt(0) > 0x20).join('');
  const colon = trimmed.indexOf(':');
  if (colon === -1 || /[/?#]/.test(trimmed.slice(0, colon))) return true;
  return protocols.includes(trimmed.slice(0, colon).toLowerCase());
}

/** rehype-raw re-parses the whole tree with parse5: only worth it when the post has raw HTML. */
function rawHtmlIfAny() {
  const transform = rehypeRaw();
  return (tree: HastRoot, file: VFile) => {
    let hasRaw = false;
    visit(tree, 'raw', () => {
      hasRaw = true;
      return false;
    });
    return hasRaw ? transform(tree, file) : tree;
  };
}

/** Says what the sanitiser will drop, with the line, so an author is not surprised. */
function reportUnsafeHtml(warnings: Finding[]) {
  const tags = new Set(SANITIZE_SCHEMA.tagNames);
  return () => (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      const line = node.position?.start.line;
      if (!tags.has(node.tagName)) {
        warnings.push({ line, message: `<${node.tagName}> is not allowed in posts and was removed` });
        return;
      }
      for (const [property, value] of Object.entries(node.properties)) {
        if (!allowedAttribute(node.tagName, property)) {
          const attribute = find(htmlSchema, property).attribute;
          warnings.push({
            line,
            message: `the ${attribute} attribute on <${node.tagName}> is not allowed and was removed`,
          });
        } else if (typeof value === 'string' && !allowedProtocol(property, value)) {
          warnings.push({ line, message: `the unsafe URL ${JSON.stringify(value)} on <${node.tagName}> was removed` });
        }
      }
    });
  };
}

export async function renderMarkdown(source: string, context: RenderContext): Promise<RenderedMarkdown> {
  const problems: Finding[] = [];
  const warnings: Finding[] = [];
  const assets = new Map<string, Asset>();
  const ids: string[] = [];
  const links: OutgoingLink[] = [];
  const unsafeFiles = new Set<string>();
  const dependencies: RenderDependencies = { files: {}, slugs: {} };
  let excerpt = '';
  let words = 0;
  const folder = path.dirname(context.file);

  /** A link written relative to the post's page (`../other-post/`), as the browser would read it. */
  const fromPageUrl = (url: string): string | undefined => {
    const resolved = new URL(url, `http://site/posts/${context.slug}/`);
    const route = resolved.pathname.slice(1);
    if (route !== '' && !/^(posts|tags)\/[^/]+\/?$/.test(route)) return undefined;
    return `${context.base}${route}${resolved.search}${resolved.hash}`;
  };

  /** A relative reference as a site URL: another post's route, or a copied file. */
  const resolveRelative = async (url: string, asPage: boolean): Promise<string | undefined> => {
    // A link to a markdown file names a post's source, never a page address.
    const fromPage = () => (asPage && !/\.md(?:[?#]|$)/i.test(url) ? fromPageUrl(url) : undefined);
    const [pathPart = '', suffix = ''] = url.split(/(?=[?#])/);
    let target: string;
    try {
      target = path.resolve(folder, decodeURIComponent(pathPart));
    } catch {
      return undefined;
    }
    if (target !== context.postsDir && !target.startsWith(context.postsDir + path.sep)) return fromPage();
    const slug = context.slugs[target];
    dependencies.slugs[target] = slug ?? null;
    if (slug) return `${context.base}posts/${slug}/${suffix.startsWith('#') ? suffix : ''}`;
    // A symbolic link may not reach outside posts/: a post could otherwise publish any file of the build machine.
    const real = await realpath(target).catch(() => undefined);
    const realPosts = await realpath(context.postsDir).catch(() => context.postsDir);
    const inside = real !== undefined && real.startsWith(realPosts + path.sep);
    const isFile =
      inside &&
      (await stat(target).then(
        (s) => s.isFile(),
        () => false,
      ));
    if (!isFile) {
      dependencies.files[target] = null;
      return fromPage();
    }
    const content = await readFile(target);
    const contentHash = fileHash(content);
    dependencies.files[target] = contentHash;
    // An SVG is a document that can carry script when opened directly: refuse the dangerous ones.
    if (/\.svg$/i.test(target) && /<script|\son[a-z]+\s*=|javascript:|<foreignObject/i.test(content.toString('utf8'))) {
      unsafeFiles.add(url);
    }
    const hash = contentHash.slice(0, 8);
    const { name, ext } = path.parse(target);
    const fileName = `assets/${slugify(name) || 'file'}-${hash}${ext.toLowerCase()}`;
    assets.set(fileName, { source: target, fileName });
    return `${context.base}${fileName}${suffix}`;
  };

  const measure = () => (tree: MdastRoot) => {
    const firstParagraph = tree.children.find((node) => node.type === 'paragraph');
    excerpt = firstParagraph ? toString(firstParagraph).replace(/\s+/g, ' ').trim() : '';
    words = toString(tree).split(/\s+/).filter(Boolean).length;
  };

  /** Heading ids stay clear of the app's own ids (`#root`, `#main`). */
  const keepIdsApart = () => (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id === 'string' && APP_IDS.has(id)) node.properties.id = `${id}-section`;
    });
  };

  /** A task list's checkbox is named by its item's text, so it is not an unlabelled control. */
  const labelTaskCheckboxes = () => (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'li') return;
      const box = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'input',
      );
      if (!box) return;
      const text = node.children
        .filter((child) => !(child.type === 'element' && ['input', 'ul', 'ol'].includes(child.tagName)))
        .map((child) => hastToString(child))
        .join('')
        .trim();
      box.properties.ariaLabel = text || 'task';
    });
  };

  /**
   * Table column alignment as classes: react-markdown would write `style="text-align:…"`,
   * which the site's Content-Security-Policy (no inline styles) refuses.
   */
  const alignWithClasses = () => (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      const { align } = node.properties;
      if ((node.tagName === 'td' || node.tagName === 'th') && typeof align === 'string') {
        delete node.properties.align;
        if (['left', 'center', 'right'].includes(align)) node.properties.className = [`align-${align}`];
      }
    });
  };

  /** TeX that KaTeX cannot read is a problem with its line, not a red message in the page. */
  const reportMathErrors = () => (_tree: HastRoot, file: VFile) => {
    for (const message of file.messages) {
      if (message.source !== 'rehype-katex') continue;
      const reason = message.cause instanceof Error ? message.cause.message : message.reason;
      problems.push({ line: message.line, message: `math: ${reason.replace(/^KaTeX parse error: /, '')}` });
    }
  };

  const resolveUrls = () => async (tree: HastRoot) => {
    const elements: { node: Element; property: 'href' | 'src' }[] = [];
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.push(node.properties.id);
      if (node.tagName === 'a' && typeof node.properties.href === 'string') elements.push({ node, property: 'href' });
      if (node.tagName === 'img' && typeof node.properties.src === 'string') elements.push({ node, property: 'src' });
    });
    const known = new Set(ids);
    for (const { node, property } of elements) {
      const properties: Properties = node.properties;
      let url = String(properties[property]);
      const line = node.position?.start.line;
      if (isRelativeUrl(url)) {
        const resolved = await resolveRelative(url, property === 'href');
        if (unsafeFiles.has(url)) {
          problems.push({
            line,
            message: `${url} is an SVG with scripts or event handlers; remove them or export it as PNG`,
          });
        }
        if (resolved) url = resolved;
        else if (property === 'src') {
          problems.push({ line, message: `image not found: ${url} (paths are relative to the post's file)` });
        } else {
          problems.push({ line, message: `broken link: ${url} is neither a file beside the post nor another post` });
        }
      } else if (url.startsWith('/') && !url.startsWith('//')) {
        // Root-relative links in posts mean "on this site": keep them under the base path.
        url = context.base + url.slice(1);
      } else if (url.startsWith('#')) {
        // Raw ids were prefixed by the sanitiser (footnotes too): follow them, as GitHub does.
        const id = decodeURIComponent(url.slice(1));
        if (!known.has(id) && known.has(`user-content-${id}`)) url = `#user-content-${id}`;
      } else if (/^https?:/i.test(url)) {
        if (!URL.canParse(url) || !new URL(url).hostname) problems.push({ line, message: `malformed URL: ${url}` });
        else if (property === 'src') {
          warnings.push({
            line,
            message: `the image ${url} is on another site, which the Content-Security-Policy blocks; save it beside the post`,
          });
        }
      }
      properties[property] = url;
      if (property === 'href') links.push({ href: url, line });
      else {
        // Checked like links: `/images/x.png` must be a file of the site (public/, say).
        if (url.startsWith(context.base)) links.push({ href: url, line, image: true });
        // Lazy images also keep React's renderer from adding a <link rel=preload> per image.
        properties.loading = 'lazy';
      }
    }
  };

  const html = renderToStaticMarkup(
    await MarkdownAsync({
      remarkPlugins: [remarkFrontmatter, remarkGfm, remarkMath, measure],
      // Footnote ids get their `user-content-` prefix from the sanitiser, like raw ids.
      remarkRehypeOptions: { clobberPrefix: '' },
      rehypePlugins: [
        rawHtmlIfAny,
        reportUnsafeHtml(warnings),
        [rehypeSanitize, SANITIZE_SCHEMA],
        // MathML only: KaTeX's HTML output needs inline styles, which the site's CSP refuses.
        [rehypeKatex, { output: 'mathml' }],
        reportMathErrors,
        rehypeSlug,
        keepIdsApart,
        alignWithClasses,
        labelTaskCheckboxes,
        resolveUrls,
      ],
      children: source,
    }),
  );
  return { html, excerpt, words, problems, warnings, assets: [...assets.values()], ids, links, dependencies };
}
