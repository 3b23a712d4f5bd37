// Markdown to HTML, once per post, at build time: react-markdown with one small plugin
// per concern. Each plugin reads the post's context from `file.data.post`, leaves its
// results in `file.data` and reports problems as vfile messages with their line. To add a
// markdown feature, add a file beside this one and a line to PIPELINE; walk the tree with
// walk.ts (unist-util-visit costs a fifth of a post's render time over fifteen walks).
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { DataMap } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { readNotebook } from '../posts/notebook.ts';
import type { Finding } from '../problems.ts';
import { anchors } from './anchors.ts';
import { constructPlugins } from './unused-constructs.ts';
import { displayParagraphs } from './display-math.ts';
import { crossrefs } from './crossrefs.ts';
import { dollarMath } from './dollars.ts';
import { charts } from './charts.ts';
import { citations } from './citations.ts';
import { code } from './code.ts';
import { excerpt, moreMarker } from './excerpt.ts';
import { figures } from './figures.ts';
import { fileHash, type Asset, type PostContext } from './file-data.ts';
import { headingAnchors } from './heading-anchors.ts';
import { headingIds } from './heading-ids.ts';
import { images } from './images.ts';
import { inlineNotes } from './inline-notes.ts';
import { MAX_NESTING, checkSource, limitHtmlNesting, limitMarkdownNesting } from './limits.ts';
import { math } from './math.ts';
import { notebookOutputs } from './notebook-outputs.ts';
import { notebookSource } from './notebook-source.ts';
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
    moreMarker, // file.data.moreLine: where a <!-- more --> ends the summary
  ],
  // Footnote ids get their `user-content-` prefix from the sanitiser, like raw ids.
  remarkRehypeOptions: { clobberPrefix: '' },
  rehypePlugins: [
    notebookOutputs, // a notebook's outputs where its cells put them (its HTML is sanitised with the rest)
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
    excerpt, // file.data.excerpt, .words: the first paragraph's (or the summary's) text as the page shows it
  ],
};

/** A post's HTML and what the build needs to know of it: from its markdown, or its notebook's cells. */
export async function renderMarkdown(source: string, context: PostContext): Promise<RenderedMarkdown> {
  return context.file.endsWith('.ipynb') ? renderNotebook(source, context) : renderText(source, context);
}

async function renderNotebook(source: string, context: PostContext): Promise<RenderedMarkdown> {
  const { notebook, problems } = readNotebook(source);
  if (!notebook) return failedRendering(problems);
  const cells = notebookSource(notebook, context.slug);
  const rendered = await renderText(cells.markdown, context, { notebook: cells, madeFiles: cells.files });
  // A line of the generated markdown is a cell and a line in it (or the cell alone).
  const inCell = <T extends { line?: number; cell?: number }>(item: T): T => {
    const place = item.line === undefined ? undefined : cells.places[item.line];
    if (!place) return item;
    const { line: _line, ...rest } = item;
    return { ...rest, cell: place.cell, ...(place.line === undefined ? {} : { line: place.line }) } as T;
  };
  const download: Asset = {
    fileName: `assets/${context.slug}-${fileHash(Buffer.from(source)).slice(0, 8)}.ipynb`,
    source: context.file,
  };
  return {
    ...rendered,
    problems: [...cells.problems, ...rendered.problems.map(inCell)],
    warnings: [...cells.warnings, ...rendered.warnings.map(inCell)],
    links: rendered.links.map(inCell),
    assets: [...rendered.assets, download],
    download: `${context.base}${download.fileName}`,
  };
}

async function renderText(
  source: string,
  context: PostContext,
  given: Partial<DataMap> = {},
): Promise<RenderedMarkdown> {
  const beyondLimits = checkSource(source);
  if (beyondLimits) return failedRendering([beyondLimits]);
  const { html, error, file } = await renderWithReactMarkdown(source, pipelineFor(source), context, given);
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
