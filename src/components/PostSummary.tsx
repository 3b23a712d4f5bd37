import { Link } from 'react-router-dom';
import type { PostSummary as Summary } from '../content.ts';
import { routePath } from '../routes.ts';
import { TagList } from './TagList.tsx';

export function PostSummary({ post }: { post: Summary }) {
  return (
    <article className="post-summary">
      <h2>
        <Link to={routePath('post', { slug: post.slug })}>{post.title}</Link>
      </h2>
      <p className="meta">
        <time dateTime={post.date}>{post.dateLabel}</time>
        {post.draft && <span className="draft-badge">Draft</span>}
      </p>
      {post.excerpt && <p>{post.excerpt}</p>}
      <p className="read-more">
        <Link to={routePath('post', { slug: post.slug })}>
          Read more <span className="visually-hidden">about {post.title}</span>
        </Link>
      </p>
      <TagList tags={post.tags} />
    </article>
  );
}
