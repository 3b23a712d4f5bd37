// Markdown to HTML, once per post, at build time: react-markdown with one small plugin
// per concern. Each plugin reads the post's context from `file.data.post`, leaves its
// results in `file.data` and reports problems as vfile messages with their line. To add a
// markdown feature, add a file beside this one and a line to PIPELINE; walk the tree with
// walk.ts (unist-util-visit costs a fifth of a post's render time over fifteen walks).
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { VFileMessage } from 'vfile-message';
import type { Finding } from '../problems.ts';
import { anchors } from './anchors.ts';
import { constructPlugins } from './unused-constructs.ts';
import { displayParagraphs } from './display-math.ts';
import { crossrefs } from './crossrefs.ts';
import { dollarMath } from './dollars.ts';
import { charts } from './charts.ts';
import { citations } from './citations.ts';
import { code } from './code.ts';
import { excerpt } from './excerpt.ts';
import { figures } from './figures.ts';
import type { PostContext } from './file-data.ts';
import { headingAnchors } from './heading-anchors.ts';
import { headingIds } from './heading-ids.ts';
import { images } from './images.ts';
import { inlineNotes } from './inline-notes.ts';
import { MAX_NESTING, checkSource, limitHtmlNesting, limitMarkdownNesting } from './limits.ts';
import { math } from './math.ts';
import { rawHtml } from './raw-html.ts';
import { renderWithReactMarkdown, type Pipeline } from './react-markdown.ts';
import { failedRendering, type RenderedMarkdown } from './rendering.ts';
import { sanitize } from './sanitize.ts';
import { tables } from './tables.ts';
import { tableOfContents } from './toc.ts';
import { typography } from './typography.ts';
import { taskListLabels } from './task-lists.ts';
import { resolveUrls } from './urls.ts';
import { videoFrames, videos } from './videos.ts';

const PIPELINE: Pipeline = {
  remarkPlugins: [
    remarkFrontmatter, // the front matter is read by plugins/posts/, not rendered
    remarkGfm, // tables, task lists, strikethrough, footnotes, autolinks
    // (constructPlugins(source) go here: no email autolink or table construct where the post cannot hold one)
    dollarMath, // $…$ and $$…$$, dollars read as pandoc reads them (prices stay text)
    displayParagraphs, // a paragraph of nothing but $$…$$ is display math
    limitMarkdownNesting, // before anything recursive walks the tree
    inlineNotes, // pandoc's ^[inline footnotes]
    typography, // curly quotes, dashes and ellipses in prose (the `typography` setting)
  ],
  // Footnote ids get their `user-content-` prefix from the sanitiser, like raw ids.
  remarkRehypeOptions: { clobberPrefix: '' },
  rehypePlugins: [
    rawHtml, // raw HTML parsed into the tree
    limitHtmlNesting, // raw HTML can nest deeper than markdown
    anchors, // <a id="x"> and <a name="x"> keep their name: links from anywhere reach them
    videoFrames, // a YouTube or Vimeo <iframe> becomes a link to the video (the sanitiser removes iframes)
    sanitize, // the allow-list, warning about each removal
    math, // Temml to MathML Core; bad TeX is a problem with its line
    charts, // ```chart: an SVG chart, a table and a download link from a data file
    code, // Shiki: highlighted code, a title bar, marked lines
    headingIds, // ids for headings
    tableOfContents, // file.data.toc: the section headings
    citations, // [@key]: numbered links to a References section from the post's BibTeX file
    videos, // lone YouTube and Vimeo links become click-to-load previews; images of video files play
    figures, // a lone image is a numbered figure with a caption
    crossrefs, // @fig-label, @eq-label, @sec-label: links reading "Figure N", "Equation N", the section
    tables, // each table scrolls in its own box; align as classes, not styles
    taskListLabels, // checkboxes named by their item
    resolveUrls, // file.data.links, .ids, .assets, .dependencies
    images, // alt text required; width and height from the file
    headingAnchors, // a link to each section beside its heading
    excerpt, // file.data.excerpt, .words: the first paragraph's text as the page shows it
  ],
};

export async function renderMarkdown(source: string, context: PostContext): Promise<RenderedMarkdown> {
  const beyondLimits = checkSource(source);
  if (beyondLimits) return failedRendering([beyondLimits]);
  const { html, error, file } = await renderWithReactMarkdown(source, pipelineFor(source), context);
  const findings = (fatal: boolean) => file.messages.filter((message) => !!message.fatal === fatal).map(toFinding);
  const problems = findings(true);
  if (html === undefined) {
    // A plugin's own `file.fail` is already among the messages; anything else is named here.
    if (!isFailMessage(error)) problems.push({ message: describeFailure(error) });
    return { ...failedRendering(problems), warnings: findings(false) };
  }
  const { data } = file;
  return {
    html,
    excerpt: data.excerpt ?? '',
    words: data.words ?? 0,
    problems,
    warnings: findings(false),
    assets: data.assets ?? [],
    ids: data.ids ?? [],
    links: data.links ?? [],
    dependencies: data.dependencies ?? { files: {}, slugs: {} },
    toc: data.toc ?? [],
    mathStyles: data.mathStyles ?? {},
    frames: data.frames ?? [],
  };
}

function pipelineFor(source: string): Pipeline {
  const [frontmatter, gfm, ...rest] = PIPELINE.remarkPlugins ?? [];
  return { ...PIPELINE, remarkPlugins: [frontmatter!, gfm!, ...constructPlugins(source), ...rest] };
}

function toFinding(message: VFileMessage): Finding {
  return { line: message.line ?? undefined, message: message.reason };
}

/** What `file.fail` throws (and has already added to the file's messages). */
function isFailMessage(error: unknown): boolean {
  return error instanceof Error && 'fatal' in error && error.fatal === true;
}

function describeFailure(error: unknown): string {
  // A tree deeper than the limit that a parser met before limitNesting could (raw HTML, say).
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return `nested too deeply to render; the limit is ${MAX_NESTING} levels`;
  }
  return `could not be rendered: ${error instanceof Error ? error.message : String(error)}`;
}
