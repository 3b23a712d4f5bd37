import { useEffect, useState } from 'react';
import { POSTS_CHANGED_EVENT } from '../content.ts';
import { DEV_PROBLEMS_PATH } from '../routes.ts';

/**
 * Dev server only: lists the problems in posts/ (the same lines the terminal and
 * `npm run build` print) while the good posts keep being served.
 */
export function DevProblems() {
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    const load = () =>
      fetch(`${import.meta.env.BASE_URL}${DEV_PROBLEMS_PATH}`)
        .then((response) => response.json() as Promise<string[]>)
        .then(setProblems, () => setProblems([]));
    void load();
    import.meta.hot?.on(POSTS_CHANGED_EVENT, load);
    return () => import.meta.hot?.off?.(POSTS_CHANGED_EVENT, load);
  }, []);
  if (problems.length === 0) return null;
  return (
    <section className="dev-problems" role="alert" aria-labelledby="dev-problems-title">
      <h2 id="dev-problems-title">
        {problems.length === 1 ? '1 problem' : `${problems.length} problems`} in posts (the build will fail until fixed)
      </h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>
            <code>{problem}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
