// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { MemoryRouter, useNavigate, type NavigateFunction } from 'react-router-dom';
import { afterEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { siteHeaderHtml } from '../plugins/header.ts';
import { App } from '../src/App.tsx';
import type { PageData, Post, PostSummary } from '../src/content.ts';
import { PageDataCache } from '../src/page-data.ts';

afterEach(cleanup);

const summary = (slug: string, title: string, date: string): PostSummary => ({
  slug,
  title,
  date,
  dateLabel: `label of ${date}`,
  excerpt: `Excerpt of ${title}.`,
  tags: [{ name: 'PyTorch/XLA', slug: 'pytorch-xla' }],
  readingMinutes: 3,
  draft: false,
});

const newer = summary('newer-post', 'The newer post', '2024-02-01');
const older = summary('older-post', 'The older post', '2024-01-01');
const olderPost: Post = {
  ...older,
  html: '<h2 id="results">Results</h2><p>Body of the older post.</p>',
  toc: [
    { id: 'setup', text: 'Setup', depth: 2 },
    { id: 'tpu-v4', text: 'TPU v4', depth: 3 },
    { id: 'results', text: 'Results', depth: 2 },
  ],
  newer: { slug: newer.slug, title: newer.title },
  related: [{ slug: newer.slug, title: newer.title }],
};
const oldest = summary('oldest-post', 'The oldest post', '2023-06-01');
const tag = { name: 'PyTorch/XLA', slug: 'pytorch-xla' };

/** The site's pages as the build would serve them, fetched on demand like in the browser. */
function site(): Record<string, PageData> {
  return {
    '/': { kind: 'home', posts: [newer, older], pagination: { page: 1, pages: 2 } },
    '/page/2/': { kind: 'home', posts: [oldest], pagination: { page: 2, pages: 2 } },
    '/posts/older-post/': { kind: 'post', post: olderPost },
    '/posts/newer-post/': {
      kind: 'post',
      post: {
        ...newer,
        html: '<p>Body of the newer post.</p>',
        older: { slug: older.slug, title: older.title },
        related: [],
      },
    },
    '/tags/': { kind: 'tags', tags: [{ tag, count: 3 }] },
    '/tags/pytorch-xla/': { kind: 'tag', tag, posts: [newer, older], pagination: { page: 1, pages: 2 } },
    '/tags/pytorch-xla/page/2/': { kind: 'tag', tag, posts: [oldest], pagination: { page: 2, pages: 2 } },
    '/archive/': {
      kind: 'archive',
      years: [
        { year: '2024', posts: [newer, older] },
        { year: '2023', posts: [oldest] },
      ],
    },
  };
}

/** The router's own navigation, for going back as the browser's Back button does. */
const router: { navigate?: NavigateFunction } = {};
function History() {
  const navigate = useNavigate();
  useEffect(() => {
    router.navigate = navigate;
  });
  return null;
}

async function renderAt(path: string) {
  const pages = site();
  const requested: string[] = [];
  const cache = new PageDataCache(async (page) => {
    requested.push(page);
    return pages[page] ?? null;
  });
  // Awaited act: the page suspends while its data "loads", and React resumes it inside act.
  await act(async () => {
    render(
      <MemoryRouter initialEntries={[path]}>
        <App cache={cache} />
        <History />
      </MemoryRouter>,
    );
  });
  return { requested };
}

describe('the header', () => {
  /** The header as index.html has it, outside the app. */
  function addHeader(base = '/'): HTMLElement {
    const header = document.createElement('div');
    header.innerHTML = siteHeaderHtml(base);
    document.body.prepend(header);
    onTestFinished(() => header.remove());
    return header;
  }

  test('is plain HTML: the title, the archive and tags, a search form and a theme menu, under the base path', () => {
    const header = within(addHeader('/blog/'));
    expect(header.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
    const banner = within(header.getByRole('banner'));
    expect(banner.getByRole('link', { name: "Mehrdad Zaker's Blog" }).getAttribute('href')).toBe('/blog/');
    const nav = within(banner.getByRole('navigation', { name: 'Site' }));
    expect(nav.getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Archive', '/blog/archive/'],
      ['Tags', '/blog/tags/'],
    ]);
    const field = banner.getByRole('searchbox', { name: 'Search posts' });
    expect(field.getAttribute('name')).toBe('q');
    expect(field.closest('form')?.getAttribute('action')).toBe('/blog/search/');
    const theme = banner.getByRole<HTMLSelectElement>('combobox', { name: 'Theme' });
    expect([...theme.options].map((option) => [option.value, option.text])).toEqual([
      ['system', 'System'],
      ['light', 'Light'],
      ['dark', 'Dark'],
    ]);
  });

  test('once the app runs, its links are followed within the app, and typing shows results as you type', async () => {
    const header = within(addHeader());
    await renderAt('/posts/older-post/');
    await screen.findByRole('heading', { level: 1, name: 'The older post' });
    await userEvent.click(header.getByRole('link', { name: 'Archive' }));
    const archive = await screen.findByRole('heading', { level: 1, name: 'Archive' });
    await vi.waitFor(() => expect(document.activeElement).toBe(archive)); // a new page: focus on its heading

    const field = header.getByRole<HTMLInputElement>('searchbox', { name: 'Search posts' });
    await userEvent.type(field, 'tpu v4');
    await screen.findByRole('heading', { level: 1, name: 'Search' });
    // The reader goes on typing: the focus stays in the field, and nothing typed is lost.
    expect(document.activeElement).toBe(field);
    expect(field.value).toBe('tpu v4');
    // Typing made one history entry, not one per key: Back returns to the archive.
    await act(async () => void (await router.navigate?.(-1)));
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Archive');
  });
  test('on the search page the field shows the query of the address, but never replaces what the reader is typing', async () => {
    const header = within(addHeader());
    const field = header.getByRole<HTMLInputElement>('searchbox', { name: 'Search posts' });
    await renderAt('/search/?q=tpu');
    await screen.findByRole('heading', { level: 1, name: 'Search' });
    expect(field.value).toBe('tpu');
    cleanup();

    // Typed while the app was loading, the field focused: the words stay, and are searched.
    field.focus();
    field.value = 'memory bandwidth';
    await renderAt('/search/?q=tpu');
    await screen.findByRole('heading', { level: 1, name: 'Search' });
    expect(field.value).toBe('memory bandwidth');
  });
});

describe('the post list', () => {
  test('shows every post newest first with its date, excerpt and a read-more link', async () => {
    await renderAt('/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Latest posts');
    const articles = screen.getAllByRole('article');
    expect(articles.map((article) => within(article).getByRole('heading', { level: 2 }).textContent)).toEqual([
      'The newer post',
      'The older post',
    ]);
    const first = within(articles[0]!);
    expect(first.getByText('label of 2024-02-01').getAttribute('datetime')).toBe('2024-02-01');
    expect(first.getByText('Excerpt of The newer post.').tagName).toBe('P');
    expect(first.getByRole('link', { name: 'Read more about The newer post' }).getAttribute('href')).toBe(
      '/posts/newer-post/',
    );
    expect(document.title).toBe("Mehrdad Zaker's Blog");
  });

  test('offers the newsletter signup', async () => {
    await renderAt('/');
    const signup = await screen.findByRole('region', { name: 'Sign Up for My Newsletter!' });
    expect(within(signup).getByRole('button').textContent).toBe('Subscribe');
  });
});

describe('a post page', () => {
  test('shows the title, date, rendered body, tags, a way back and the newsletter', async () => {
    await renderAt('/posts/older-post/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('The older post');
    expect(screen.getByRole('heading', { level: 2, name: 'Results' }).id).toBe('results');
    expect(screen.getByText('Body of the older post.').tagName).toBe('P');
    expect(screen.getByRole('link', { name: '#PyTorch/XLA' }).getAttribute('href')).toBe('/tags/pytorch-xla/');
    expect(screen.getByRole('link', { name: '← Newer: The newer post' }).getAttribute('href')).toBe(
      '/posts/newer-post/',
    );
    expect(screen.getAllByRole('link', { name: 'All posts' }).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('region', { name: 'Sign Up for My Newsletter!' })).toHaveLength(1);
    expect(document.title).toBe("The older post · Mehrdad Zaker's Blog");
  });

  test('lists its sections in a table of contents, subsections under their section', async () => {
    await renderAt('/posts/older-post/');
    const toc = await screen.findByRole('navigation', { name: 'Table of contents' });
    const links = within(toc).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Setup', '#setup'],
      ['TPU v4', '#tpu-v4'],
      ['Results', '#results'],
    ]);
    expect(
      within(toc).getByRole('link', { name: 'TPU v4' }).closest('ol')?.closest('li')?.firstChild?.textContent,
    ).toBe('Setup');
  });

  test('a post without a table of contents shows none', async () => {
    await renderAt('/posts/newer-post/');
    await screen.findByRole('heading', { level: 1, name: 'The newer post' });
    expect(screen.queryByRole('navigation', { name: 'Table of contents' })).toBeNull();
  });

  test('offers a BibTeX entry to cite it, its special characters escaped', async () => {
    const pages = site();
    const post = { ...olderPost, title: 'Speed & size of int8_t at 50% load' };
    pages['/posts/older-post/'] = { kind: 'post', post, url: 'https://example.org/posts/older-post/' };
    await act(async () => {
      render(
        <MemoryRouter initialEntries={['/posts/older-post/']}>
          <App cache={new PageDataCache(async (path) => pages[path] ?? null)} />
        </MemoryRouter>,
      );
    });
    const cite = await screen.findByRole('region', { name: 'Cite this post' });
    expect(cite.querySelector('pre')?.textContent).toBe(
      [
        '@online{zaker2024speed,',
        '  title = {{Speed \\& size of int8\\_t at 50\\% load}},',
        '  author = {Zaker, Mehrdad},',
        '  year = {2024},',
        '  url = {https://example.org/posts/older-post/}',
        '}',
      ].join('\n'),
    );
    expect(within(cite).getByRole('button').textContent).toBe('Copy BibTeX');
  });

  test('a notebook post offers its notebook to download, and Colab when the repository is named', async () => {
    for (const colab of [
      undefined,
      'https://colab.research.google.com/github/mzaker/blog/blob/main/posts/nb/index.ipynb',
    ]) {
      const pages = site();
      const notebook = { download: '/assets/older-post-1a2b3c4d.ipynb', ...(colab ? { colab } : {}) };
      pages['/posts/older-post/'] = { kind: 'post', post: { ...olderPost, notebook } };
      let unmount = () => {};
      await act(async () => {
        ({ unmount } = render(
          <MemoryRouter initialEntries={['/posts/older-post/']}>
            <App cache={new PageDataCache(async (path) => pages[path] ?? null)} />
          </MemoryRouter>,
        ));
      });
      const download = await screen.findByRole('link', { name: 'Download the notebook (.ipynb)' });
      expect([download.getAttribute('href'), download.getAttribute('download')]).toEqual([
        '/assets/older-post-1a2b3c4d.ipynb',
        'older-post.ipynb',
      ]);
      expect(screen.queryByRole('link', { name: 'Open in Colab' })?.getAttribute('href')).toBe(colab);
      unmount();
    }
  });

  test('a markdown post offers no notebook', async () => {
    await renderAt('/posts/older-post/');
    await screen.findByRole('heading', { level: 1, name: 'The older post' });
    expect(screen.queryByRole('link', { name: /notebook|Colab/ })).toBeNull();
  });

  test('without the site address the citation has no url', async () => {
    await renderAt('/posts/older-post/');
    const cite = await screen.findByRole('region', { name: 'Cite this post' });
    expect(cite.querySelector('pre')?.textContent).not.toContain('url =');
  });

  test('loads only its own data', async () => {
    const { requested } = await renderAt('/posts/older-post/');
    await screen.findByRole('heading', { level: 1, name: 'The older post' });
    expect(requested).toEqual(['/posts/older-post/']);
  });

  test('following a link moves focus to the new page heading', async () => {
    await renderAt('/posts/older-post/');
    const link = await screen.findByRole('link', { name: '← Newer: The newer post' });
    await act(() => userEvent.click(link));
    const heading = await screen.findByRole('heading', { level: 1, name: 'The newer post' });
    await act(() => Promise.resolve());
    expect(document.activeElement).toBe(heading);
    expect(document.title).toBe("The newer post · Mehrdad Zaker's Blog");
  });

  test('ends with up to three related posts', async () => {
    await renderAt('/posts/older-post/');
    const related = await screen.findByRole('region', { name: 'Related posts' });
    expect(within(related).getByRole('link').getAttribute('href')).toBe('/posts/newer-post/');
    cleanup();
    await renderAt('/posts/newer-post/');
    await screen.findByRole('heading', { level: 1, name: 'The newer post' });
    expect(screen.queryByRole('region', { name: 'Related posts' })).toBeNull();
  });

  test('an unknown slug shows the not-found page', async () => {
    await renderAt('/posts/no-such-post/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Page not found');
    expect(screen.getByRole('link', { name: 'Go to the list of posts' }).getAttribute('href')).toBe('/');
  });
});

describe('a page whose data cannot be loaded', () => {
  test('offers to load the page again instead of breaking the app', async () => {
    // React reports the caught error on the console; here it is expected.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cache = new PageDataCache(() => Promise.reject(new Error('offline')));
    await act(async () => {
      render(
        <MemoryRouter initialEntries={['/posts/older-post/']}>
          <App cache={cache} />
        </MemoryRouter>,
      );
    });
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('This page could not be loaded');
    expect(screen.getByRole('alert').textContent).toContain('Check your connection');
    expect(screen.getByRole('link', { name: 'load the page again' }).getAttribute('href')).toBe(window.location.href);
    expect(screen.getByRole('link', { name: 'All posts' }).getAttribute('href')).toBe('/');
    quiet.mockRestore();
  });
});

describe('other pages', () => {
  test('a tag page lists the posts with that tag', async () => {
    await renderAt('/tags/pytorch-xla/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Posts tagged “PyTorch/XLA”');
    expect(screen.getAllByRole('article')).toHaveLength(2);
  });

  test('list pages link to the pages before and after them, and a page beyond the last is not found', async () => {
    await renderAt('/');
    const pages = screen.getByRole('navigation', { name: 'Pages' });
    expect(pages.textContent).toContain('Page 1 of 2');
    expect(within(pages).queryByRole('link', { name: '← Newer posts' })).toBeNull();
    const older = within(pages).getByRole('link', { name: 'Older posts →' });
    expect([older.getAttribute('href'), older.getAttribute('rel')]).toEqual(['/page/2/', 'next']);
    await act(() => userEvent.click(older));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Posts, page 2 of 2' });
    expect(screen.getAllByRole('article').map((article) => within(article).getByRole('heading').textContent)).toEqual([
      'The oldest post',
    ]);
    await act(() => Promise.resolve());
    expect(document.activeElement).toBe(heading);
    expect(document.title).toBe("Page 2 · Mehrdad Zaker's Blog");
    const newer = screen.getByRole('link', { name: '← Newer posts' });
    expect([newer.getAttribute('href'), newer.getAttribute('rel')]).toEqual(['/', 'prev']);
    cleanup();
    for (const path of ['/page/3/', '/page/1/', '/page/0/', '/page/two/']) {
      await renderAt(path);
      expect((await screen.findByRole('heading', { level: 1 })).textContent, path).toBe('Page not found');
      cleanup();
    }
  });

  test('a tag with more posts than a page holds has further pages', async () => {
    await renderAt('/tags/pytorch-xla/page/2/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(
      'Posts tagged “PyTorch/XLA”, page 2 of 2',
    );
    const newer = screen.getByRole('link', { name: '← Newer posts' });
    expect(newer.getAttribute('href')).toBe('/tags/pytorch-xla/');
  });

  test('the tags page lists every tag with its number of posts', async () => {
    await renderAt('/tags/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Tags');
    const item = within(screen.getByRole('main')).getByRole('listitem');
    expect(item.textContent).toBe('PyTorch/XLA (3 posts)');
    expect(within(item).getByRole('link').getAttribute('href')).toBe('/tags/pytorch-xla/');
  });

  test('the archive lists every post by year with its date', async () => {
    await renderAt('/archive/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Archive');
    const years = screen.getAllByRole('region');
    expect(years.map((year) => within(year).getByRole('heading').textContent)).toEqual(['2024', '2023']);
    expect(within(years[1]!).getByRole('listitem').textContent).toBe('label of 2023-06-01 The oldest post');
    expect(within(years[1]!).getByRole('link').getAttribute('href')).toBe('/posts/oldest-post/');
  });

  test('any other address shows the not-found page without fetching anything', async () => {
    const { requested } = await renderAt('/what/ever');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Page not found');
    expect(document.title).toBe("Page not found · Mehrdad Zaker's Blog");
    expect(requested).toEqual([]);
  });
});
