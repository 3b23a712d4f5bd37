// Hugo's shortcodes: `figure`, `highlight`, `youtube`, `vimeo`, `ref`/`relref`, `gist` and
// `tweet` become markdown (an image with its caption, a fenced block, a video link alone on
// its line, a link); any other is kept as text and left for the author.
import { lineAt } from '../segments.ts';
import type { SyntaxContext } from '../types.ts';
import type { Held } from './marks.ts';

const SHORTCODE =
  /\{\{([<%])-?\s*(\/?)\s*([\w./-]+)((?:\s+(?:[\w-]+\s*=\s*)?(?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`>%]+))*)\s*(\/?)\s*-?[>%]\}\}/g;

interface Arguments {
  named: Record<string, string>;
  positional: string[];
}

function parseArguments(text: string): Arguments {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const match of text.matchAll(/(?:([\w-]+)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)/g)) {
    const raw = match[2]!;
    const value = raw.startsWith('"')
      ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
      : raw.startsWith('`')
        ? raw.slice(1, -1)
        : raw;
    if (match[1]) named[match[1]] = value;
    else positional.push(value);
  }
  return { named, positional };
}

type Converter = (args: Arguments, context: SyntaxContext) => string | undefined;

const markdownImage = ({ named, positional }: Arguments): string | undefined => {
  const src = named.src ?? positional[0];
  if (!src) return undefined;
  const caption = named.caption ?? named.title ?? '';
  const alt = named.alt ?? caption.replace(/<[^>]+>/g, '');
  return `![${alt.replace(/[[\]]/g, '\\$&')}](${src.includes(' ') ? `<${src}>` : src}${caption ? ` "${caption.replace(/"/g, '\\"')}"` : ''})`;
};

const CONVERTERS: Record<string, Converter> = {
  figure: markdownImage,
  youtube: ({ named, positional }) => {
    const id = named.id ?? positional[0];
    return id && `https://www.youtube.com/watch?v=${id}`;
  },
  vimeo: ({ named, positional }) => {
    const id = named.id ?? positional[0];
    return id && `https://vimeo.com/${id}`;
  },
  gist: ({ named, positional }) => {
    const [user, id, file] = [named.user ?? positional[0], named.id ?? positional[1], named.file ?? positional[2]];
    if (!user || !id) return undefined;
    return `[Gist ${user}/${id}${file ? ` (${file})` : ''}](https://gist.github.com/${user}/${id}${file ? `#file-${file.replace(/\./g, '-')}` : ''})`;
  },
  tweet: ({ named, positional }) => {
    const [user, id] = [named.user, named.id ?? positional[positional.length - 1]];
    if (!id) return undefined;
    return `[A post on X](https://x.com/${user ?? 'i/web'}/status/${id})`;
  },
  ref: ({ named, positional }, context) => context.postAddress(named.path ?? positional[0] ?? ''),
  relref: ({ named, positional }, context) => context.postAddress(named.path ?? positional[0] ?? ''),
};

export function shortcodes(text: string, context: SyntaxContext, held: Held): string {
  // {{</* name */>}} is how a Hugo post shows a shortcode as text.
  let result = text.replace(
    /\{\{([<%])\/\*([\s\S]*?)\*\/([>%])\}\}/g,
    (_, open: string, inner: string, close: string) => held.hold(`{{${open}${inner}${close}}}`),
  );
  result = highlightBlocks(result, context);
  return result.replace(
    SHORTCODE,
    (match, _open, closing: string, name: string, args: string, _self, offset: number) => {
      const convert = CONVERTERS[name];
      const converted = !closing && convert ? convert(parseArguments(args), context) : undefined;
      if (converted !== undefined) {
        context.count(`{{< ${name} >}}`);
        return converted;
      }
      if (!closing) {
        const why = convert ? `{{< ${name} >}} names nothing that was imported` : `Hugo shortcode {{< ${name} >}}`;
        context.leave(lineAt(result, offset), why, 'write what it showed in markdown or HTML, or delete it');
      }
      return match;
    },
  );
}

/** {{< highlight go "linenos=table,hl_lines=8 15-17" >}} … {{< /highlight >}}: a fenced block with those lines marked. */
function highlightBlocks(text: string, context: SyntaxContext): string {
  return text.replace(
    /\{\{<\s*highlight\s+([^>]*?)\s*>\}\}([\s\S]*?)\{\{<\s*\/\s*highlight\s*>\}\}/g,
    (_, args: string, code: string) => {
      const { positional, named } = parseArguments(args);
      const options = [
        positional.slice(1).join(','),
        Object.entries(named)
          .map(([key, value]) => `${key}=${value}`)
          .join(','),
      ].join(',');
      const marked =
        /hl_lines\s*=\s*\[?([\d\s",-]+)\]?/
          .exec(options)?.[1]
          ?.replace(/"/g, '')
          .trim()
          .split(/[\s,]+/)
          .filter(Boolean) ?? [];
      context.count('{{< highlight >}}');
      const fence = code.includes('```') ? '~~~' : '```';
      const opening = `${fence}${positional[0] ?? ''}${marked.length ? ` {${marked.join(',')}}` : ''}`;
      const body = code.startsWith('\n') ? code : `\n${code}`;
      return `${opening}${body}${body.endsWith('\n') ? '' : '\n'}${fence}`;
    },
  );
}
