// Code blocks as R Markdown, Quarto and pandoc write them: the language in braces, with
// knitr's or pandoc's attributes beside it, and Quarto's `#|` options inside.
//   ```{r setup, include=FALSE}     knitr: hidden (include or echo false)
//   ```{python}                     Quarto: #| echo: false inside hides it too
//   ```{.bash filename="Terminal"}  pandoc: a class for the language, a file name as its title
// The posts are not executed here, so a chunk shows its code, as its author showed it.

export interface Chunk {
  /** The language, as a fence without braces gives it. */
  lang: string;
  /** The file name to show above the code, from pandoc's `filename="…"`. */
  title?: string;
  /** Whether the author hid the code (`include=FALSE`, `echo=FALSE`, `#| echo: false`). */
  hidden: boolean;
  /** The code without Quarto's `#|` option lines. */
  code: string;
}

/** What a fence's language (`{r`), the rest of its info string and its code say. */
export function readChunk(lang: string, meta: string, code: string): Chunk {
  const options = quartoOptions(code);
  const shown = code.slice(options.length);
  if (!lang.startsWith('{')) return { lang, hidden: false, code };
  const info = `${lang} ${meta}`.replace(/^\{+|\}+\s*$/g, '').trim();
  const pandoc = /^\.([\w+#-]+)/.exec(info);
  const title = /\bfilename\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s}]+))/.exec(info);
  const knitrHidden = /\b(?:include|echo)\s*=\s*(?:FALSE|F)\b/.test(info);
  const quartoHidden = /^#\|\s*(?:include|echo)\s*:\s*false\s*$/m.test(options);
  return {
    lang: (pandoc?.[1] ?? /^([\w+#-]+)/.exec(info)?.[1] ?? '').toLowerCase(),
    ...(title ? { title: title[1] ?? title[2] ?? title[3] } : {}),
    hidden: knitrHidden || quartoHidden,
    code: shown,
  };
}

/** The `#| key: value` lines that open a Quarto chunk. */
function quartoOptions(code: string): string {
  return /^(?:#\|[^\n]*\n)*/.exec(code)?.[0] ?? '';
}
