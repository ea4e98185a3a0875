/**
 * `GET /api/info` and `GET /api/health`: what the server is serving (project, paths,
 * flags). The header shows the project name; the reachability screen polls health.
 */
import { apiGet } from './http';

export interface ServerInfo {
  version: string;
  projectRoot: string;
  /** Added by the server for display; derived from projectRoot when absent. */
  projectName?: string;
  attuneHome: string;
  runsDir: string;
  allowRun: boolean;
  specsCandidatesEnabled: boolean;
}

export const getInfo = (signal?: AbortSignal) => apiGet<ServerInfo>('/api/info', signal);

export const getHealth = (signal?: AbortSignal) => apiGet<{ ok: boolean; version: string }>('/api/health', signal);

/** The project's display name: the server's, else the last segment of its root. */
export function projectNameOf(info: ServerInfo): string {
  return info.projectName ?? info.projectRoot.split(/[\\/]/).filter(Boolean).pop() ?? info.projectRoot;
}
