/**
 * Loads Claude Code per actor (`GET /api/claude-code`), reloading when the status stream
 * reports new cost data (the Claude Code report is refreshed with the costs), so it never
 * polls on its own.
 */
import { useEffect } from 'react';
import { getClaudeCode, type ClaudeCodeResponse } from '../../api/claude-code';
import { useApi, type ApiState } from '../../api/use-api';
import { useAppContext } from '../../app/app-context';

export function useClaudeCode(): { state: ApiState<ClaudeCodeResponse>; reload(): Promise<void> } {
  const api = useApi((signal) => getClaudeCode({ signal }), []);
  const { status } = useAppContext();
  const { reload } = api;
  const costSignal = status ? `${status.costs.state}|${status.costs.fetchedAt ?? ''}` : null;
  useEffect(() => {
    if (costSignal !== null) void reload();
  }, [costSignal, reload]);
  return { state: api.state, reload };
}
