import { Link } from 'react-router-dom';
import { tagPath, type Tag } from '../content.ts';

export function TagList({ tags }: { tags: Tag[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Link to={tagPath(tag)}>#{tag.name}</Link>
        </li>
      ))}
    </ul>
  );
}
