import { useParams } from 'react-router-dom';
import { PostList } from '../components/PostList.tsx';
import { SLUG_PATTERN } from '../content.ts';
import { useDocumentTitle } from '../document.ts';
import { usePageData } from '../page-data.ts';
import { listPath, parsePageNumber } from '../routes.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** A tag's posts: `/tags/<tag>/` is page 1, `/tags/<tag>/page/<n>/` the others. */
export function TagPage() {
  const { tag = '', page: segment } = useParams();
  const page = segment === undefined ? 1 : parsePageNumber(segment);
  return SLUG_PATTERN.test(tag) && page !== undefined ? <Tag slug={tag} page={page} /> : <NotFoundPage />;
}

function Tag({ slug, page }: { slug: string; page: number }) {
  const data = usePageData(listPath(page, slug));
  useDocumentTitle(data);
  if (data?.kind !== 'tag') return <NotFoundPage />;
  return (
    <>
      <h1 tabIndex={-1} className="page-title">
        Posts tagged “{data.tag.name}”{page > 1 && `, page ${page} of ${data.pagination.pages}`}
      </h1>
      <PostList posts={data.posts} pagination={data.pagination} tag={slug} />
    </>
  );
}
