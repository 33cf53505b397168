// The shell: navigation, banners, the current page (each behind its own error boundary), toasts.
import { useEffect } from 'react';
import { getApi } from './api/console-api';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Nav } from './components/Nav';
import { Toasts } from './components/Toasts';
import { useRoute, type Page } from './hooks/useRoute';
import { AlertsPage } from './pages/AlertsPage';
import { DashboardPage } from './pages/DashboardPage';
import { ExplorePage } from './pages/ExplorePage';
import { LogsPage } from './pages/LogsPage';
import { OverviewPage } from './pages/OverviewPage';
import { PreflightPage } from './pages/PreflightPage';
import { SettingsPage } from './pages/SettingsPage';
import { TargetsPage } from './pages/TargetsPage';
import { TracesPage } from './pages/TracesPage';
import { startConsole } from './stores/bootstrap';

const PAGES: Record<Page, { title: string; render: () => React.ReactNode }> = {
  overview: { title: 'the Overview', render: () => <OverviewPage /> },
  targets: { title: 'Targets', render: () => <TargetsPage /> },
  dashboard: { title: 'the Dashboard', render: () => <DashboardPage /> },
  explore: { title: 'Explore', render: () => <ExplorePage /> },
  alerts: { title: 'Alerts', render: () => <AlertsPage /> },
  traces: { title: 'Traces', render: () => <TracesPage /> },
  logs: { title: 'Logs', render: () => <LogsPage /> },
  preflight: { title: 'Preflight', render: () => <PreflightPage /> },
  settings: { title: 'Settings', render: () => <SettingsPage /> },
};

export function App() {
  const page = useRoute();
  useEffect(() => startConsole(getApi()), []);
  useEffect(() => {
    document.title = `Peak Watch — ${page[0]?.toUpperCase()}${page.slice(1)}`;
  }, [page]);

  const current = PAGES[page];
  return (
    <div className="app">
      <Nav page={page} />
      <main className="main">
        <ConnectionBanner />
        <ErrorBoundary key={page} where={current.title}>
          {current.render()}
        </ErrorBoundary>
      </main>
      <Toasts />
    </div>
  );
}
