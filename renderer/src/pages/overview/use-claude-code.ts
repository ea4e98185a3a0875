/**
 * Loads Claude Code per actor (`GET /api/claude-code`); use-cost-report.ts reloads it with
 * the costs. The Claude Code days come after the cost figures, so while the server says a
 * pass runs (`refreshing`) it is asked again every few seconds, and only then.
 */
import { useEffect } from 'react';
import { getClaudeCode, type ClaudeCodeResponse } from '../../api/claude-code';
import type { ApiState } from '../../api/use-api';
import { useAppContext } from '../../app/app-context';
import { useCostReport } from './use-cost-report';

/** How soon a Claude Code answer marked `refreshing` is asked again. */
export const CLAUDE_CODE_REFRESHING_RELOAD_MS = 2000;

export function useClaudeCode(): { state: ApiState<ClaudeCodeResponse>; reload(): Promise<void> } {
  const { org } = useAppContext();
  const report = useCostReport((signal) => getClaudeCode({ org, signal }), [org]);
  const { state, reload } = report;
  const answer = state.kind === 'ok' && !state.reloading ? state.data : null;
  useEffect(() => {
    if (!answer?.refreshing) return;
    const timer = setTimeout(() => void reload(), CLAUDE_CODE_REFRESHING_RELOAD_MS);
    return () => clearTimeout(timer);
  }, [answer, reload]);
  return report;
}
