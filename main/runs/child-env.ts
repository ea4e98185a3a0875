/**
 * The environment a workflow process gets: the server's (as injected) minus every secret
 * the server holds, plus the workflow's own variables and `ATTUNE_RUN_ID` /
 * `ATTUNE_RUN_TRIGGER`. Removed: `ANTHROPIC_ADMIN_API_KEY`, `ATTUNE_OPS_TOKEN`, any
 * variable holding an admin key (`sk-ant-admin…`) or the admin key's value, and any variable
 * holding an exact secret registered with the redactor (the launch token).
 */
import type { SecretRedactor } from '../logging/redact.js';

export type EnvMap = Record<string, string | undefined>;

const DENIED_NAMES = new Set(['ANTHROPIC_ADMIN_API_KEY', 'ATTUNE_OPS_TOKEN']);
const ADMIN_KEY_SHAPE = /sk-ant-admin/i;
/** Shapes the redactor scrubs by pattern; a value it scrubs without one holds an exact secret. */
const PATTERN_SHAPES = /sk-ant-|bearer\s/i;

export interface ChildEnvInput {
  base: EnvMap;
  redactor: SecretRedactor;
  workflowEnv: Record<string, string>;
  runId: string;
  trigger: string;
}

export function buildChildEnv(input: ChildEnvInput): Record<string, string> {
  const adminKey = input.base.ANTHROPIC_ADMIN_API_KEY;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.base)) {
    if (value === undefined || DENIED_NAMES.has(name.toUpperCase())) continue;
    if (isSecretValue(value, adminKey, input.redactor)) continue;
    env[name] = value;
  }
  Object.assign(env, input.workflowEnv);
  env.ATTUNE_RUN_ID = input.runId;
  env.ATTUNE_RUN_TRIGGER = input.trigger;
  return env;
}

function isSecretValue(value: string, adminKey: string | undefined, redactor: SecretRedactor): boolean {
  if (value === '') return false;
  if (adminKey && value.includes(adminKey)) return true;
  if (ADMIN_KEY_SHAPE.test(value)) return true;
  return !PATTERN_SHAPES.test(value) && redactor.redact(value) !== value;
}
