/**
 * Maps a route to its page. Part 2 pages (workflows, runs, run) live in their own
 * folders; this file only wires them in.
 */
import type { Route } from './navigation';
import { OverviewPage } from '../pages/overview';
import { SpecsPage } from '../pages/specs';
import { SettingsPage } from '../pages/settings';
import { WorkflowsPage } from '../pages/workflows';
import { RunsPage } from '../pages/runs';
import { RunPage } from '../pages/run';
import { EmptyState, Link } from '../components';

export const PAGE_TITLES: Record<Route['page'], string> = {
  overview: 'Overview',
  workflows: 'Workflows',
  runs: 'Runs',
  run: 'Run',
  specs: 'Specs',
  settings: 'Settings',
  'not-found': 'Not found',
};

export function RoutedPage({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'workflows':
      return <WorkflowsPage />;
    case 'runs':
      return <RunsPage />;
    case 'run':
      return <RunPage key={route.runId} runId={route.runId} />;
    case 'specs':
      return <SpecsPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return (
        <EmptyState title={`No page at ${route.pathname}`} action={<Link to="/">Go to the Overview</Link>}>
          The address may be mistyped or from a newer version.
        </EmptyState>
      );
  }
}
