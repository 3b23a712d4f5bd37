import { Link } from 'react-router-dom';
import type { Pagination, PostSummary as Summary } from '../content.ts';
import { listPath } from '../routes.ts';
import { PostSummary } from './PostSummary.tsx';

/** One page of a list of posts, with links to the pages before and after it. */
export function PostList({ posts, pagination, tag }: { posts: Summary[]; pagination: Pagination; tag?: string }) {
  const { page, pages } = pagination;
  return (
    <>
      {posts.length === 0 ? (
        <p>No posts yet.</p>
      ) : (
        <ol className="post-list">
          {posts.map((post) => (
            <li key={post.slug}>
              <PostSummary post={post} />
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? (
            <Link to={listPath(page - 1, tag)} rel="prev">
              ← Newer posts
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link to={listPath(page + 1, tag)} rel="next">
              Older posts →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
