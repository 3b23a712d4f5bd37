import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../document.ts';

export function NotFoundPage() {
  useDocumentTitle(null);
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may have a typo.</p>
      <p>
        <Link to="/">Go to the list of posts</Link>
      </p>
    </>
  );
}
