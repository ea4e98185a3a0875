/**
 * The console's root: boots (info + settings, retrying while the server is away), then
 * renders the shell — skip link, header with navigation and live status, the routed page
 * — and keeps the theme and document title in step. A dropped connection after boot
 * keeps the page mounted: a small banner at once, a full-page message after a while.
 */
import { useEffect, useMemo, useRef } from 'react';
import { AppContext, type AppContextValue } from './app-context';
import { Header } from './header';
import { matchRoute, useLocation } from './navigation';
import { PAGE_TITLES, RoutedPage } from './routes';
import { applyTheme } from './theme';
import { useTrayCommands } from './desktop-bridge';
import { Unreachable } from './unreachable';
import { Welcome, welcomeReason } from './welcome';
import { useBoot } from './use-boot';
import { useConnection } from './use-connection';
import { useOrgChoice } from './use-org-choice';
import { projectNameOf } from '../api/info';
import { ApiError } from '../api/http';
import { Banner, Skeleton, useNow } from '../components';

/** How long a lost connection shows only the banner before the full-page message. */
export const LOST_FULL_PAGE_MS = 8000;

export function App() {
  const boot = useBoot();
  const [org, setOrg] = useOrgChoice();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname);
  const ready = boot.state.kind === 'ready';
  const connection = useConnection(ready);
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);
  const now = useNow();
  useTrayCommands();

  const settings = boot.state.kind === 'ready' ? boot.state.settings : null;
  useEffect(() => {
    if (settings) applyTheme(settings.theme);
  }, [settings]);

  const projectName = boot.state.kind === 'ready' ? projectNameOf(boot.state.info) : null;
  useEffect(() => {
    document.title = [PAGE_TITLES[route.page], projectName, 'Attune Ops'].filter(Boolean).join(' · ');
  }, [route.page, projectName]);

  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  const context = useMemo<AppContextValue | null>(
    () =>
      boot.state.kind === 'ready'
        ? {
            info: boot.state.info,
            settings: boot.state.settings,
            setSettings: boot.setSettings,
            status: connection.status,
            connected: connection.connected,
            org,
            setOrg,
          }
        : null,
    [boot.state, boot.setSettings, connection.status, connection.connected, org, setOrg],
  );

  if (boot.state.kind === 'failed') {
    return (
      <Unreachable
        error={boot.state.error}
        nextRetryAt={boot.state.nextRetryAt}
        retrying={boot.state.retrying}
        onRetry={boot.retryNow}
      />
    );
  }
  if (!context) return <BootSkeleton />;

  const lostFor = connection.lostSince === null ? 0 : Math.max(0, now - connection.lostSince);
  const welcome = route.page === 'overview' ? welcomeReason(search) : null;
  const recentProjects = context.settings.recentProjects ?? [];
  return (
    <AppContext.Provider value={context}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header
        projectName={projectNameOf(context.info)}
        projectRoot={context.info.projectRoot}
        recentProjects={recentProjects}
        route={route}
        status={connection.status}
        connected={connection.connected}
        org={org}
        onOrgChange={setOrg}
      />
      <main id="main" className="app-main" tabIndex={-1} ref={mainRef}>
        {!connection.connected && (
          <Banner tone="warn" title="Connection to the ops server lost" testId="connection-lost">
            Reconnecting by itself; figures on this page may be out of date until it is back.
          </Banner>
        )}
        {welcome ? (
          <Welcome
            why={welcome}
            savedRoot={context.settings.desktopProjectRoot ?? null}
            recentProjects={recentProjects}
          />
        ) : (
          <RoutedPage route={route} />
        )}
      </main>
      {!connection.connected && lostFor >= LOST_FULL_PAGE_MS && (
        <div className="lost-overlay">
          <Unreachable
            error={new ApiError(0, 'offline', 'The ops server cannot be reached.')}
            retrying={false}
            onRetry={() => window.location.reload()}
          />
        </div>
      )}
    </AppContext.Provider>
  );
}

function BootSkeleton() {
  return (
    <>
      <header className="app-header" aria-busy="true">
        <Skeleton width={160} height={20} />
      </header>
      <main className="app-main" aria-busy="true">
        <Skeleton width={220} height={28} label="Loading the console" />
        <Skeleton height={112} />
      </main>
    </>
  );
}
