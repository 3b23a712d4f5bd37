import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../document.ts';
import { usePageData } from '../page-data.ts';
import { routePath } from '../routes.ts';

/** Every published post by year: title and date. */
export function ArchivePage() {
  const data = usePageData(routePath('archive'));
  useDocumentTitle(data);
  const years = data?.kind === 'archive' ? data.years : [];
  return (
    <>
      <h1 tabIndex={-1} className="page-title">
        Archive
      </h1>
      {years.length === 0 && <p>No posts yet.</p>}
      {years.map(({ year, posts }) => (
        <section key={year} className="archive-year" aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>{year}</h2>
          <ol className="archive-list">
            {posts.map((post) => (
              <li key={post.slug}>
                <time dateTime={post.date}>{post.dateLabel}</time>{' '}
                <Link to={routePath('post', { slug: post.slug })}>{post.title}</Link>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
