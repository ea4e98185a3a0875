/**
 * The desktop app's welcome screen, shown instead of the Overview when the launch has no
 * project (`/?welcome=first`) or the saved one can no longer be opened (`missing`,
 * `not-a-folder`, `unreadable`): says why in words, offers "Open a project folder…" (the
 * native dialog, through the bridge) and the recent projects.
 */
import { Banner, Button } from '../components';
import { useOpenProject } from './use-open-project';

export type WelcomeReason = 'first' | 'missing' | 'not-a-folder' | 'unreadable';

const REASONS: ReadonlySet<string> = new Set<WelcomeReason>(['first', 'missing', 'not-a-folder', 'unreadable']);

/** The welcome reason in the page's query, or null (no welcome screen). */
export function welcomeReason(search: string): WelcomeReason | null {
  const value = new URLSearchParams(search).get('welcome');
  return value !== null && REASONS.has(value) ? (value as WelcomeReason) : null;
}

function whyText(why: WelcomeReason, savedRoot: string | null): string {
  const saved = savedRoot ?? 'The project you opened last';
  switch (why) {
    case 'first':
      return 'No project is open yet. Choose the folder of a project (the one holding .attune/workflows.yaml) to see its workflows, runs and specs.';
    case 'missing':
      return `${saved} no longer exists — it was moved, renamed or deleted. Open it from its new place, or another project.`;
    case 'not-a-folder':
      return `${saved} is no longer a folder. Open another project folder.`;
    case 'unreadable':
      return `${saved} cannot be read by this user (its permissions changed). Fix them, or open another project folder.`;
  }
}

export interface WelcomeProps {
  why: WelcomeReason;
  savedRoot: string | null;
  recentProjects: readonly string[];
}

export function Welcome({ why, savedRoot, recentProjects }: WelcomeProps) {
  const project = useOpenProject();
  const recent = recentProjects.filter((root) => root !== savedRoot || why === 'first');
  return (
    <section className="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{why === 'first' ? 'Welcome to Attune Ops' : 'The last project could not be opened'}</h1>
      <p data-testid="welcome-why">{whyText(why, savedRoot)}</p>
      {project.available ? (
        <Button variant="primary" busy={project.busy} onClick={() => project.open()} data-testid="open-project">
          Open a project folder…
        </Button>
      ) : (
        <p>
          In a browser, start the server on a project instead:{' '}
          <code>attune-ops serve --project-root &lt;folder&gt;</code>.
        </p>
      )}
      {project.problem && (
        <Banner tone="warn" title="Nothing was opened" testId="open-project-problem">
          {project.problem}
        </Banner>
      )}
      {project.available && recent.length > 0 && (
        <>
          <h2>Recent projects</h2>
          <ul className="welcome__recent">
            {recent.map((root) => (
              <li key={root}>
                <Button small disabled={project.busy} onClick={() => project.open(root)}>
                  {root}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
