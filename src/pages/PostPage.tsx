import { Link, useParams } from 'react-router-dom';
import { CiteThisPost } from '../components/CiteThisPost.tsx';
import { Newsletter } from '../components/Newsletter.tsx';
import { NotebookLinks } from '../components/NotebookLinks.tsx';
import { PostBody } from '../components/PostBody.tsx';
import { TableOfContents } from '../components/TableOfContents.tsx';
import { TagList } from '../components/TagList.tsx';
import { SLUG_PATTERN, type Post } from '../content.ts';
import { usePageData } from '../page-data.ts';
import { routePath } from '../routes.ts';
import { useDocumentTitle } from '../document.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function PostPage() {
  const { slug = '' } = useParams();
  return SLUG_PATTERN.test(slug) ? <PostLoader slug={slug} /> : <NotFoundPage />;
}

function PostLoader({ slug }: { slug: string }) {
  const page = usePageData(routePath('post', { slug }));
  useDocumentTitle(page);
  if (page?.kind !== 'post') return <NotFoundPage />;
  return <PostArticle post={page.post} url={page.url} />;
}

function PostArticle({ post, url }: { post: Post; url: string | undefined }) {
  return (
    <>
      <article className="post">
        <header>
          <h1 tabIndex={-1}>{post.title}</h1>
          <p className="meta">
            <time dateTime={post.date}>{post.dateLabel}</time>
            {post.updated && (
              <>
                {' · updated '}
                <time dateTime={post.updated}>{post.updatedLabel}</time>
              </>
            )}
            {` · ${post.readingMinutes} min read`}
            {post.draft && <span className="draft-badge">Draft</span>}
          </p>
          <TagList tags={post.tags} />
          {post.notebook && <NotebookLinks notebook={post.notebook} slug={post.slug} />}
        </header>
        {post.toc && <TableOfContents entries={post.toc} />}
        <PostBody html={post.html} />
        <CiteThisPost post={post} url={url} />
      </article>
      <nav className="post-nav" aria-label="More posts">
        {post.newer && (
          <Link to={routePath('post', { slug: post.newer.slug })} rel="prev">
            ← Newer: {post.newer.title}
          </Link>
        )}
        {post.older && (
          <Link to={routePath('post', { slug: post.older.slug })} rel="next">
            Older: {post.older.title} →
          </Link>
        )}
        <Link to="/">All posts</Link>
      </nav>
      {post.related.length > 0 && (
        <section className="related" aria-labelledby="related-title">
          <h2 id="related-title">Related posts</h2>
          <ul>
            {post.related.map((related) => (
              <li key={related.slug}>
                <Link to={routePath('post', { slug: related.slug })}>{related.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Newsletter />
    </>
  );
}
