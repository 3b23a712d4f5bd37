import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../document.ts';
import { usePageData } from '../page-data.ts';
import { routePath } from '../routes.ts';

/** Every tag with its number of posts, most used first. */
export function TagsPage() {
  const data = usePageData(routePath('tags'));
  useDocumentTitle(data);
  const tags = data?.kind === 'tags' ? data.tags : [];
  return (
    <>
      <h1 tabIndex={-1} className="page-title">
        Tags
      </h1>
      {tags.length === 0 ? (
        <p>No post has a tag yet.</p>
      ) : (
        <ul className="tag-index">
          {tags.map(({ tag, count }) => (
            <li key={tag.slug}>
              <Link to={routePath('tag', { tag: tag.slug })}>{tag.name}</Link>{' '}
              <span className="count">
                ({count} {count === 1 ? 'post' : 'posts'})
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
