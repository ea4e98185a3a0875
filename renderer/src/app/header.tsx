/**
 * The app header: product and project name (in the desktop app, its project switcher), the
 * primary navigation (real links, the current page marked with aria-current), the
 * organization switcher (with several organizations) and the live status pill.
 */
import type { Route } from './navigation';
import type { OpsStatus } from '../api/status';
import { Link } from '../components';
import { ProjectControl } from './project-control';
import { StatusPill } from './status-pill';
import { OrgSwitcher } from './org-switcher';
import type { OrgChoice } from '../api/orgs';

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
  /** The desktop app's recent projects (the header's project menu). */
  recentProjects?: readonly string[];
  route: Route;
  status: OpsStatus | null;
  connected: boolean;
  org: OrgChoice;
  onOrgChange(org: OrgChoice): void;
}

export function Header(props: HeaderProps) {
  const { projectName, projectRoot, recentProjects = [], route, status, connected } = props;
  return (
    <header className="app-header">
      <div className="app-brand">
        <span className="app-brand__product">Attune Ops</span>
        <ProjectControl projectName={projectName} projectRoot={projectRoot} recentProjects={recentProjects} />
      </div>
      <nav className="app-nav" aria-label="Main">
        {NAV_ITEMS.map((item) => (
          <Link key={item.to} to={item.to} current={item.pages.includes(route.page)}>
            {item.label}
          </Link>
        ))}
      </nav>
      <OrgSwitcher org={props.org} onChange={props.onOrgChange} status={status} />
      <StatusPill status={status} connected={connected} />
    </header>
  );
}
