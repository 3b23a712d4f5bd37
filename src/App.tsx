import { Component, Suspense, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { Layout } from './components/Layout.tsx';
import { PageDataContext, type PageDataCache } from './page-data.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PAGES } from './page-table.ts';
import { ROUTES, ROUTE_NAMES } from './routes.ts';

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
