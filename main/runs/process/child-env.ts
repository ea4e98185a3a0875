/**
 * The environment a workflow process gets: the server's (as injected) minus every secret
 * the server holds (the shared policy in main/core/secret-env.ts), plus the workflow's own
 * variables and `ATTUNE_RUN_ID` / `ATTUNE_RUN_TRIGGER`.
 */
import type { SecretRedactor } from '../../logging/redact.js';
import { withoutSecrets, type EnvMap } from '../../core/secret-env.js';

export type { EnvMap };

export interface ChildEnvInput {
  base: EnvMap;
  redactor: SecretRedactor;
  workflowEnv: Record<string, string>;
  runId: string;
  trigger: string;
}

export function buildChildEnv(input: ChildEnvInput): Record<string, string> {
  const env = withoutSecrets(input.base, input.redactor);
  Object.assign(env, input.workflowEnv);
  env.ATTUNE_RUN_ID = input.runId;
  env.ATTUNE_RUN_TRIGGER = input.trigger;
  return env;
}
