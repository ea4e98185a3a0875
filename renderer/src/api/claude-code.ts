/**
 * Claude Code per actor (docs/API.md "Claude Code"): `GET /api/claude-code`, the last 30
 * UTC days of the Claude Code report per user or API key, with the error explaining
 * missing or stale figures. An answer without `claudeCode` is not this route's shape and
 * is refused here, so the panel never renders half an answer.
 */
import type { ClaudeCodeResponse } from '../../../main/contract';
import { ApiError, apiGet } from './http';
import { orgQuery, type OrgChoice } from './orgs';

export type { ClaudeCodeActorFigures, ClaudeCodeResponse, ClaudeCodeSummary } from '../../../main/contract';

export async function getClaudeCode(
  options: { org?: OrgChoice; signal?: AbortSignal } = {},
): Promise<ClaudeCodeResponse> {
  const text = orgQuery(new URLSearchParams(), options.org).toString();
  const answer = await apiGet<ClaudeCodeResponse>(`/api/claude-code${text ? `?${text}` : ''}`, options.signal);
  if (!answer || typeof answer !== 'object' || !('claudeCode' in answer))
    throw new ApiError(
      0,
      'client_error',
      'The server answered Claude Code figures in a shape this console does not know.',
    );
  return answer;
}
