import { PostSummary } from '../components/PostSummary.tsx';
import { Newsletter } from '../components/Newsletter.tsx';
import { usePageData } from '../page-data.ts';
import { routePath } from '../routes.ts';
import { useDocumentTitle } from '../document.ts';

export function HomePage() {
  const page = usePageData(routePath('home'));
  useDocumentTitle(page);
  const posts = page?.kind === 'home' ? page.posts : [];
  return (
    <>
      <h1 tabIndex={-1} className="page-title">
        Latest posts
      </h1>
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
      <Newsletter />
    </>
  );
}
