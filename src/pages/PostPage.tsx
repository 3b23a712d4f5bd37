import type { MouseEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Newsletter } from '../components/Newsletter.tsx';
import { TableOfContents } from '../components/TableOfContents.tsx';
import { TagList } from '../components/TagList.tsx';
import { SLUG_PATTERN, type Post } from '../content.ts';
import { usePageData } from '../page-data.ts';
import { matchRoute, routePath } from '../routes.ts';
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
  return <PostArticle post={page.post} />;
}

function PostArticle({ post }: { post: Post }) {
  const followLink = useClientLinks();
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
        </header>
        {post.toc && <TableOfContents entries={post.toc} />}
        {/* HTML rendered at build time from our own posts; raw HTML in them passed an allow-list sanitiser. */}
        <div className="prose" onClick={followLink} dangerouslySetInnerHTML={{ __html: post.html }} />
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
      <Newsletter />
    </>
  );
}

/**
 * Links inside a post's HTML are plain anchors; those to the blog's own pages are
 * followed client-side like every other link, the rest (files, other sites) as usual.
 */
function useClientLinks() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    const base = import.meta.env.BASE_URL;
    if (url.origin !== window.location.origin || !url.pathname.startsWith(base)) return;
    const path = `/${url.pathname.slice(base.length)}`;
    if (!matchRoute(path)) return;
    if (path === window.location.pathname.slice(base.length - 1) && url.hash) return;
    event.preventDefault();
    navigate(`${path}${url.search}${url.hash}`);
  };
}
