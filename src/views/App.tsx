import { lazy, Suspense } from 'react';
import { Route, Router, Switch, useLocation, type BaseLocationHook, type BaseSearchHook } from 'wouter';
import { GlobalDropZone } from './classify/GlobalDropZone.tsx';
import { ComparePage } from './compare/ComparePage.tsx';
import { ExplorerPage, NetworkRedirect } from './explorer/ExplorerPage.tsx';
import { FigureRedirect, FiguresPage } from './figures/FiguresPage.tsx';
import { HomePage } from './home/HomePage.tsx';
import { TrainedExplorerPage } from './trained/TrainedExplorerPage.tsx';
import { NotFoundPage } from './not-found/NotFoundPage.tsx';
import type { Locale } from './i18n/locale.ts';
import { useMessages } from './i18n/messages.ts';
import { shellText } from './i18n/shell.ts';
import { LocaleContext, useLocaleState } from './i18n/useLocale.ts';
import { Header } from './shell/Header.tsx';
import { RouteErrorBoundary } from './shell/RouteErrorBoundary.tsx';
import { UpdateNotice } from './shell/UpdateNotice.tsx';
import { ThemeContext, useThemeState } from './shell/useTheme.ts';

/**
 * The classify page and everything behind it (TensorFlow.js, weights) arrive in their own chunks, only when
 * the reader opens /classify (or drops a photo): the explorer never loads them.
 */
const ClassifyPage = lazy(() => import('./classify/ClassifyPage.tsx').then((m) => ({ default: m.ClassifyPage })));
const EvaluatePage = lazy(() => import('./evaluate/EvaluatePage.tsx').then((m) => ({ default: m.EvaluatePage })));
/** The lab and its training worker (TensorFlow.js lives in the worker's own chunk). */
const LearnPage = lazy(() => import('./learn/LearnPage.tsx').then((m) => ({ default: m.LearnPage })));

export interface AppProps {
  /** Location hooks for tests (wouter's memoryLocation); the browser's by default. */
  router?: { hook: BaseLocationHook; searchHook?: BaseSearchHook };
  /** The language to start in (tests); the stored choice or the browser's by default. */
  locale?: Locale;
}

export function App({ router, locale }: AppProps = {}) {
  const theme = useThemeState();
  const language = useLocaleState(locale);
  return (
    <LocaleContext.Provider value={language}>
      <ThemeContext.Provider value={theme}>
        {router ? (
          <Router {...router}>
            <Routes />
          </Router>
        ) : (
          <Routes />
        )}
      </ThemeContext.Provider>
    </LocaleContext.Provider>
  );
}

function Routes() {
  const t = useMessages(shellText);
  const [path] = useLocation();
  return (
    <div className="app">
      <Header />
      <UpdateNotice />
      <GlobalDropZone />
      <main id="main" className="app-main" tabIndex={-1}>
        <RouteErrorBoundary resetKey={path}>
          <Switch>
            <Route path="/" component={HomePage} />
            <Route path="/compare" component={ComparePage} />
            <Route path="/figures" component={FiguresPage} />
            <Route path="/figure/:figure" component={FigureRedirect} />
            <Route path="/classify">
              <Suspense
                fallback={
                  <p className="page empty" role="status">
                    {t.loadingClassifier}
                  </p>
                }
              >
                <ClassifyPage />
              </Suspense>
            </Route>
            <Route path="/evaluate">
              <Suspense
                fallback={
                  <p className="page empty" role="status">
                    {t.loadingEvaluation}
                  </p>
                }
              >
                <EvaluatePage />
              </Suspense>
            </Route>
            <Route path="/learn">
              <Suspense
                fallback={
                  <p className="page empty" role="status">
                    {t.loadingLab}
                  </p>
                }
              >
                <LearnPage />
              </Suspense>
            </Route>
            <Route path="/trained/:id" component={TrainedExplorerPage} />
            <Route path="/trained/:id/:block" component={TrainedExplorerPage} />
            <Route path="/:network" component={NetworkRedirect} />
            <Route path="/:network/:variant" component={ExplorerPage} />
            <Route path="/:network/:variant/:block" component={ExplorerPage} />
            <Route>
              <NotFoundPage />
            </Route>
          </Switch>
        </RouteErrorBoundary>
      </main>
    </div>
  );
}
