import { useParams } from 'react-router-dom';
import { Newsletter } from '../components/Newsletter.tsx';
import { PostList } from '../components/PostList.tsx';
import { useDocumentTitle } from '../document.ts';
import { usePageData } from '../page-data.ts';
import { listPath, parsePageNumber } from '../routes.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** The post list: `/` is page 1, `/page/<n>/` the others. */
export function HomePage() {
  const { page: segment } = useParams();
  const page = segment === undefined ? 1 : parsePageNumber(segment);
  return page === undefined ? <NotFoundPage /> : <ListPage page={page} />;
}

function ListPage({ page }: { page: number }) {
  const data = usePageData(listPath(page));
  useDocumentTitle(data);
  if (data?.kind !== 'home') return <NotFoundPage />;
  return (
    <>
      <h1 tabIndex={-1} className="page-title">
        {page === 1 ? 'Latest posts' : `Posts, page ${page} of ${data.pagination.pages}`}
      </h1>
      <PostList posts={data.posts} pagination={data.pagination} />
      <Newsletter />
    </>
  );
}
