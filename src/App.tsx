import { Component, Suspense, type ComponentType, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { Layout } from './components/Layout.tsx';
import { PageDataContext, type PageDataCache } from './page-data.ts';
import { ArchivePage } from './pages/ArchivePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PostPage } from './pages/PostPage.tsx';
import { TagPage } from './pages/TagPage.tsx';
import { TagsPage } from './pages/TagsPage.tsx';
import { ROUTES, ROUTE_NAMES, type RouteName } from './routes.ts';

/** The page of each route in src/routes.ts, which the build prerenders too. */
const PAGES: Record<RouteName, ComponentType> = {
  home: HomePage,
  homePage: HomePage,
  post: PostPage,
  tags: TagsPage,
  tag: TagPage,
  tagPage: TagPage,
  archive: ArchivePage,
};

export function App({ cache }: { cache: PageDataCache }) {
  const location = useLocation();
  return (
    <PageDataContext value={cache}>
      <Layout>
        <LoadError pathname={location.pathname}>
          <Suspense fallback={<p className="loading">Loading…</p>}>
            <Routes>
              {ROUTE_NAMES.map((name) => {
                const Page = PAGES[name];
                return <Route key={name} path={ROUTES[name]} element={<Page />} />;
              })}
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </LoadError>
      </Layout>
    </PageDataContext>
  );
}

/**
 * A page whose data could not be fetched (offline, say) offers a full reload instead.
 * Not keyed by path: a new Suspense boundary per navigation would flash its fallback.
 */
class LoadError extends Component<{ pathname: string; children: ReactNode }, { failed: boolean; pathname: string }> {
  state = { failed: false, pathname: this.props.pathname };

  static getDerivedStateFromProps(props: { pathname: string }, state: { pathname: string }) {
    return props.pathname === state.pathname ? null : { failed: false, pathname: props.pathname };
  }

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert">
        <h1 tabIndex={-1}>This page could not be loaded</h1>
        <p>
          Check your connection, then <a href={window.location.href}>load the page again</a>.
        </p>
      </div>
    );
  }
}
