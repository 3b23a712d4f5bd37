import type { Post } from '../content.ts';

/** A notebook post's own file to download, and "Open in Colab" when the settings name the repository. */
export function NotebookLinks({ notebook, slug }: { notebook: NonNullable<Post['notebook']>; slug: string }) {
  return (
    <p className="notebook-links">
      <a href={notebook.download} download={`${slug}.ipynb`}>
        Download the notebook (.ipynb)
      </a>
      {notebook.colab && (
        <>
          {' · '}
          <a href={notebook.colab}>Open in Colab</a>
        </>
      )}
    </p>
  );
}
