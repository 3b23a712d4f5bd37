// Jekyll's Liquid in a post: what has a markdown form becomes it (the site's base path,
// links to other posts, highlighted code, raw text); any other tag or variable is kept as
// text and left for the author.
import { lineAt, segments } from '../segments.ts';
import type { SyntaxContext } from '../types.ts';
import { GONE, type Held } from './marks.ts';

const TAG = (name: string) => String.raw`\{%-?\s*${name}\b\s*([^%]*?)\s*-?%\}`;
const BASE_VARIABLE = /\{\{-?\s*site\.(?:url|baseurl|github\.url)\s*-?\}\}/g;
const URL_FILTER =
  /\{\{-?\s*(["'])(.*?)\1\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.(?:baseurl|url))\s*-?\}\}/g;

export function liquid(text: string, context: SyntaxContext, held: Held): string {
  // {% raw %}…{% endraw %}: exactly as written, Liquid-looking or not.
  let result = text.replace(new RegExp(`${TAG('raw')}([\\s\\S]*?)${TAG('endraw')}`, 'g'), (_, _args, inner: string) => {
    context.count('{% raw %} … {% endraw %}');
    return GONE + held.holdLines(inner) + GONE;
  });
  result = result.replace(BASE_VARIABLE, () => (context.count('{{ site.baseurl }}, {{ site.url }}'), ''));
  result = result.replace(
    URL_FILTER,
    (_, _quote, url: string) => (context.count('| relative_url, | absolute_url'), url),
  );
  result = result.replace(
    new RegExp(TAG('(post_url|link)'), 'g'),
    (match, name: string, reference: string, offset: number) => {
      const address = context.postAddress(reference.trim());
      if (address) {
        context.count(`{% ${name} %} to a post`);
        return address;
      }
      if (name === 'link' && !/^_posts\//.test(reference.trim())) {
        context.count('{% link %} to a file');
        return `/${reference.trim().replace(/^\/+/, '')}`;
      }
      context.leave(
        lineAt(result, offset),
        `${match}: no imported post has that name`,
        'link to the post’s new address, /posts/<slug>/',
      );
      return match;
    },
  );
  result = result.replace(new RegExp(TAG('highlight') + '[ \\t]*', 'g'), (_, args: string) => {
    const [language = '', ...options] = args.split(/\s+/);
    context.count(
      `{% highlight %}${options.some((option) => option.startsWith('linenos')) ? ' (its line numbers dropped)' : ''}`,
    );
    return '```' + language;
  });
  result = result.replace(new RegExp(TAG('endhighlight'), 'g'), '```');
  result = result.replace(
    new RegExp(`${TAG('comment')}([\\s\\S]*?)${TAG('endcomment')}`, 'g'),
    (_, _args, inner: string) => {
      context.count('{% comment %}');
      return `<!--${inner.replace(/--/g, '- -')}-->`;
    },
  );
  listUnknown(result, context);
  return result;
}

/** Each Liquid tag or variable left, outside code (inside, it is the example's own text). */
function listUnknown(text: string, context: SyntaxContext): void {
  for (const segment of segments(text)) {
    if (segment.code) continue;
    segment.lines.forEach((line, i) => {
      for (const match of line.matchAll(/\{%-?\s*(\w+)[^%]*%\}|\{\{-?\s*([^}]+?)\s*-?\}\}/g)) {
        const what = match[1] ? `Liquid tag {% ${match[1]} %}` : `Liquid variable {{ ${match[2]} }}`;
        const fix =
          match[1] === 'include'
            ? 'write what the include showed in markdown or HTML, or delete it'
            : 'replace it with the text it stood for, or delete it';
        context.leave(segment.start + i, what, fix);
      }
    });
  }
}
