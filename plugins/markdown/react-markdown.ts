// react-markdown renders the post (it is the design's renderer); what it forces us to work
// around is here. It makes its own VFile and never returns it: a first plugin hands the file
// the post's context and hands the file back, so every other plugin uses `file.data` and
// `file.message` as in any unified pipeline. (Its table alignment as inline styles is
// undone in tables.ts.)
import { renderToStaticMarkup } from 'react-dom/server';
import { MarkdownAsync, type Options } from 'react-markdown';
import type { DataMap, VFile } from 'vfile';
import type { PostContext } from './file-data.ts';

export type Pipeline = Pick<Options, 'remarkPlugins' | 'rehypePlugins' | 'remarkRehypeOptions'>;

interface Rendering {
  /** Undefined when a plugin stopped the rendering (`file.fail`) or it threw. */
  html?: string;
  error?: unknown;
  file: VFile;
}

export async function renderWithReactMarkdown(
  source: string,
  pipeline: Pipeline,
  context: PostContext,
  data: Partial<DataMap> = {},
): Promise<Rendering> {
  let captured: VFile | undefined;
  const bindFile = () => (_tree: unknown, file: VFile) => {
    file.path = context.file;
    Object.assign(file.data, data);
    file.data.post = context;
    captured = file;
  };
  try {
    const element = await MarkdownAsync({
      ...pipeline,
      remarkPlugins: [bindFile, ...(pipeline.remarkPlugins ?? [])],
      children: source,
    });
    // React's renderer adds `<link rel="preload" as="image">` for each eager image; the
    // image's own request is enough, and a post's HTML holds only its content.
    const html = renderToStaticMarkup(element).replace(/<link rel="preload" as="image"[^>]*\/>/g, '');
    return { html, file: captured! };
  } catch (error) {
    if (!captured) throw error;
    return { error, file: captured };
  }
}
