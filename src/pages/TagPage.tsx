import { useParams } from 'react-router-dom';
import { PostSummary } from '../components/PostSummary.tsx';
import { SLUG_PATTERN } from '../content.ts';
import { usePageData } from '../page-data.ts';
import { routePath } from '../routes.ts';
import { useDocumentTitle } from '../document.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function TagPage() {
  const { tag = '' } = useParams();
  return SLUG_PATTERN.test(tag) ? <Tag slug={tag} /> : <NotFoundPage />;
}

function Tag({ slug }: { slug: string }) {
  const page = usePageData(routePath('tag', { tag: slug }));
  useDocumentTitle(page);
  if (page?.kind !== 'tag') return <NotFoundPage />;
  return (
    <>
      <h1 tabIndex={-1} className="page-title">
        Posts tagged “{page.tag.name}”
      </h1>
      <ol className="post-list">
        {page.posts.map((post) => (
          <li key={post.slug}>
            <PostSummary post={post} />
          </li>
        ))}
      </ol>
    </>
  );
}
