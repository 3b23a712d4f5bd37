// The site's header: the skip link, the title, the links to the archive and the tags, the
// search field and the theme menu. It is the same on every page, so it is plain HTML in
// index.html (put there for the dev server and the build alike), not part of the app: it
// costs the app's JavaScript nothing, and it all works before that script arrives (links
// as links, the search as a form to /search/, the theme menu by the inline theme script).
// Once the app runs, src/site-header.ts makes its links and the search field navigate
// within the app.
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { APP_IDS, routePath } from '../src/routes.ts';
import { SETTINGS } from '../src/settings.ts';
import { THEME_LABELS, THEMES } from '../src/theme.ts';

/** Where index.html has the header. */
export const HEADER_PLACEHOLDER = '<!--app-header-->';

/** The header's HTML for a site served under `base` (ends with `/`). */
export function siteHeaderHtml(base: string): string {
  const href = (path: string) => `${base}${path.slice(1)}`;
  const tree = [
    h('a', { className: ['skip-link'], href: `#${APP_IDS.main}` }, 'Skip to content'),
    h('header', { className: ['site-header'] }, [
      h('a', { className: ['site-title'], href: href(routePath('home')) }, SETTINGS.title),
      h('nav', { className: ['site-nav'], ariaLabel: 'Site' }, [
        h('ul', [
          h('li', h('a', { href: href(routePath('archive')) }, 'Archive')),
          h('li', h('a', { href: href(routePath('tags')) }, 'Tags')),
        ]),
      ]),
      h('form', { role: 'search', className: ['site-search'], action: href(routePath('search')) }, [
        h('label', { htmlFor: APP_IDS.search, className: ['visually-hidden'] }, 'Search posts'),
        h('input', {
          id: APP_IDS.search,
          type: 'search',
          name: 'q',
          placeholder: 'Search',
          autoComplete: 'off',
        }),
      ]),
      h('label', { className: ['theme-control'] }, [
        h('span', 'Theme'),
        ' ',
        h(
          'select',
          { id: APP_IDS.theme },
          THEMES.map((theme) => h('option', { value: theme }, THEME_LABELS[theme])),
        ),
      ]),
    ]),
  ];
  return toHtml(tree);
}
