/**
 * The header's project control in the desktop app: the project's name (its path on
 * hover), and a menu with "Open a project folder…" and the recent projects. In a plain
 * browser (no bridge) it is the project's name only.
 */
import { useState } from 'react';
import { useOpenProject } from './use-open-project';

export interface ProjectControlProps {
  projectName: string;
  projectRoot: string;
  recentProjects: readonly string[];
}

export function ProjectControl({ projectName, projectRoot, recentProjects }: ProjectControlProps) {
  const project = useOpenProject();
  const [open, setOpen] = useState(false);
  const name = (
    <span className="app-brand__project" title={projectRoot} data-testid="project-name">
      {projectName}
    </span>
  );
  if (!project.available) return name;
  const others = recentProjects.filter((root) => root !== projectRoot);
  const choose = (root?: string) => {
    setOpen(false);
    project.open(root);
  };
  return (
    <div className="project-control">
      <button
        type="button"
        className="project-control__toggle"
        aria-expanded={open}
        aria-controls="project-menu"
        aria-label={`Project ${projectName}: switch project`}
        onClick={() => setOpen((value) => !value)}
        data-testid="project-switch"
      >
        {name} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul id="project-menu" className="project-control__menu" data-testid="project-menu">
          <li>
            <button type="button" disabled={project.busy} onClick={() => choose()}>
              Open a project folder…
            </button>
          </li>
          {others.map((root) => (
            <li key={root}>
              <button type="button" disabled={project.busy} title={root} onClick={() => choose(root)}>
                {root}
              </button>
            </li>
          ))}
        </ul>
      )}
      {project.problem && (
        <p className="project-control__problem" role="alert" data-testid="project-problem">
          {project.problem}
        </p>
      )}
    </div>
  );
}
