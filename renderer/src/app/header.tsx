/**
 * The app header: product and project name, the primary navigation (real links, the
 * current page marked with aria-current) and the live status pill.
 */
import type { Route } from './navigation';
import type { OpsStatus } from '../api/status';
import { Link } from '../components';
import { StatusPill } from './status-pill';

export const NAV_ITEMS: ReadonlyArray<{ to: string; label: string; pages: Route['page'][] }> = [
  { to: '/', label: 'Overview', pages: ['overview'] },
  { to: '/workflows', label: 'Workflows', pages: ['workflows'] },
  { to: '/runs', label: 'Runs', pages: ['runs', 'run'] },
  { to: '/specs', label: 'Specs', pages: ['specs'] },
  { to: '/settings', label: 'Settings', pages: ['settings'] },
];

export interface HeaderProps {
  projectName: string;
  projectRoot: string;
  route: Route;
  status: OpsStatus | null;
  connected: boolean;
}

export function Header({ projectName, projectRoot, route, status, connected }: HeaderProps) {
  return (
    <header className="app-header">
      <div className="app-brand">
        <span className="app-brand__product">Attune Ops</span>
        <span className="app-brand__project" title={projectRoot} data-testid="project-name">
          {projectName}
        </span>
      </div>
      <nav className="app-nav" aria-label="Main">
        {NAV_ITEMS.map((item) => (
          <Link key={item.to} to={item.to} current={item.pages.includes(route.page)}>
            {item.label}
          </Link>
        ))}
      </nav>
      <StatusPill status={status} connected={connected} />
    </header>
  );
}
