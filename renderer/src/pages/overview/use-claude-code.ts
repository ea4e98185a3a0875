/** Loads Claude Code per actor (`GET /api/claude-code`); use-cost-report.ts reloads it with the costs. */
import { getClaudeCode, type ClaudeCodeResponse } from '../../api/claude-code';
import type { ApiState } from '../../api/use-api';
import { useCostReport } from './use-cost-report';

export function useClaudeCode(): { state: ApiState<ClaudeCodeResponse>; reload(): Promise<void> } {
  return useCostReport((signal) => getClaudeCode({ signal }), []);
}
