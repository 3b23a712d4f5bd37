// `$…$` and `$$…$$` (parsed in dollars.ts) rendered by KaTeX to MathML at build time.
import type { Root } from 'hast';
import rehypeKatex from 'rehype-katex';
import type { VFile } from 'vfile';
import { eachElement } from './walk.ts';

export function math() {
  return (tree: Root, file: VFile) => {
    // Display math is `<pre><code class="math-display">`, and only the <pre> knows its line;
    // rehype-katex reports the <code>'s.
    eachElement(tree, (node) => {
      const code = node.tagName === 'pre' ? node.children[0] : undefined;
      if (code?.type === 'element' && !code.position) code.position = node.position;
    });
    const before = file.messages.length;
    rehypeKatex({
      // MathML only: KaTeX's HTML output needs inline styles, which the site's CSP refuses.
      output: 'mathml',
      // TeX that is not quite LaTeX renders, with a warning for this post (not KaTeX's own console line).
      strict: (_code: string, message: string) => {
        file.message(`math: ${message}`);
        return 'ignore';
      },
    })(tree, file);
    // TeX that KaTeX cannot read is a problem with its line, not a red message in the page.
    for (const message of file.messages.slice(before)) {
      if (message.source !== 'rehype-katex') continue;
      const reason = message.cause instanceof Error ? message.cause.message : message.reason;
      message.reason = message.message = `math: ${reason.replace(/^KaTeX parse error: /, '')}`;
      message.fatal = true;
    }
  };
}
