import { useId, useState } from 'react';
import { copyText } from '../clipboard.ts';
import { useHydrated } from '../hydrated.ts';
import type { Post } from '../content.ts';
import { SETTINGS } from '../settings.ts';

/** Special characters of BibTeX, written so that LaTeX prints them as they are. */
function bibtexText(text: string): string {
  return text
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([{}&%$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}');
}

/** `@online{zaker2023optimizing, …}`: family name, year, first long word of the title. */
function bibtexEntry(post: Post, url: string | undefined): string {
  const names = SETTINGS.author.trim().split(/\s+/);
  const family = names.at(-1) ?? '';
  const given = names.slice(0, -1).join(' ');
  const year = post.date.slice(0, 4);
  const word = post.title.toLowerCase().match(/[a-z0-9]{4,}/)?.[0] ?? 'post';
  const key = `${family.toLowerCase().replace(/[^a-z0-9]/g, '')}${year}${word}`;
  const fields = [
    `title = {{${bibtexText(post.title)}}}`,
    `author = {${bibtexText(given ? `${family}, ${given}` : family)}}`,
    `year = {${year}}`,
    ...(url ? [`url = {${url}}`] : []),
  ];
  return `@online{${key},\n${fields.map((field) => `  ${field}`).join(',\n')}\n}`;
}

/** How to cite the post, as BibTeX, with a copy button once the page's script runs. */
export function CiteThisPost({ post, url }: { post: Post; url: string | undefined }) {
  const id = useId();
  const entry = bibtexEntry(post, url);
  const interactive = useHydrated();
  const [status, setStatus] = useState('');
  const copy = () => copyText(entry, 'the BibTeX entry').then(({ message }) => setStatus(message));
  return (
    <section className="cite" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Cite this post</h2>
      <pre tabIndex={0}>
        <code>{entry}</code>
      </pre>
      {interactive && (
        <button type="button" className="copy-button" onClick={() => void copy()}>
          Copy BibTeX
        </button>
      )}
      <p role="status" className="visually-hidden">
        {status}
      </p>
    </section>
  );
}
