import { Link } from 'react-router-dom';
import type { Tag } from '../content.ts';
import { routePath } from '../routes.ts';

export function TagList({ tags }: { tags: Tag[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Link to={routePath('tag', { tag: tag.slug })}>#{tag.name}</Link>
        </li>
      ))}
    </ul>
  );
}
