import type { TocEntry } from '../content.ts';

interface Section {
  entry: TocEntry;
  subsections: TocEntry[];
}

/** A post's sections, linked by their ids, with subsections under their section. */
export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  const sections: Section[] = [];
  for (const entry of entries) {
    const last = sections.at(-1);
    if (entry.depth > 2 && last) last.subsections.push(entry);
    else sections.push({ entry, subsections: [] });
  }
  return (
    <nav className="toc" aria-label="Table of contents">
      <p className="toc-title">Contents</p>
      <ol>
        {sections.map(({ entry, subsections }) => (
          <li key={entry.id}>
            <a href={`#${entry.id}`}>{entry.text}</a>
            {subsections.length > 0 && (
              <ol>
                {subsections.map((sub) => (
                  <li key={sub.id}>
                    <a href={`#${sub.id}`}>{sub.text}</a>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
