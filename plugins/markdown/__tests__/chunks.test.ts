import { describe, expect, test } from 'vitest';
import { render } from '../../../test/render-post.ts';

describe('code blocks as R Markdown, Quarto and pandoc write them', () => {
  test('{r} and {python} are those languages; knitr and Quarto options that hide the code hide it', async () => {
    const { html, warnings } = await render(
      '\n```{r setup, include=FALSE}\nlibrary(keras)\n```\n\n```{r, eval = FALSE}\nx <- 1\n```\n\n' +
        '```{python}\n#| echo: false\nprint("hidden")\n```\n\n```{python}\n#| label: fig-loss\nprint("shown")\n```\n',
    );
    expect(warnings).toEqual([]);
    expect(html).not.toContain('library');
    expect(html).not.toContain('hidden');
    expect(html).toContain('<span class="code-language">R</span>');
    expect(html).toContain('<span class="code-language">Python</span>');
    expect(html).not.toContain('#|');
  });

  test("pandoc's {.lang filename=…} names the language and the file", async () => {
    const { html } = await render('\n```{.bash filename="Terminal"}\nquarto render\n```\n');
    expect(html).toContain('<span class="code-title">Terminal</span><span class="code-language">Shell</span>');
  });

  test("pandoc's {=html} block is raw HTML, through the sanitiser like any other", async () => {
    const { html, warnings } = await render('\n```{=html}\n<kbd>Ctrl</kbd><script>alert(1)</script>\n```\n');
    expect(html).toContain('<kbd>Ctrl</kbd>');
    expect(html).not.toContain('<script');
    expect(warnings).toEqual(['post:6 <script> is not allowed in posts and was removed']);
  });
});
