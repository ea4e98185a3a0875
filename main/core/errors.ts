/**
 * The one error type that crosses the HTTP boundary.
 *
 * Every operational failure is an `OpsError` with a stable `code` and an HTTP `status`.
 * Its `message` is shown to users as is, so it must be actionable and must never hold a
 * secret. Anything thrown that is not an `OpsError` is a fault: the error middleware logs
 * it and answers a generic 500 `internal` without its message or stack.
 */

export type OpsErrorCode =
  | 'untrusted_host'
  | 'invalid_json'
  | 'invalid_body'
  | 'invalid_path'
  | 'invalid_id'
  | 'invalid_query'
  | 'unauthorized'
  | 'forbidden_origin'
  | 'runs_disabled'
  | 'read_only'
  | 'not_found'
  | 'unknown_workflow'
  | 'unknown_run'
  | 'unknown_spec'
  | 'unknown_org'
  | 'method_not_allowed'
  | 'runner_busy'
  | 'unsafe_rewrite'
  | 'conflict'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'keychain_unavailable'
  | 'upstream_failed'
  | 'storage_full'
  | 'storage_unavailable'
  | 'invalid_file'
  | 'internal';

export type OpsErrorDetails = Record<string, unknown>;

export class OpsError extends Error {
  override readonly name = 'OpsError';
  readonly code: OpsErrorCode;
  readonly status: number;
  readonly details: OpsErrorDetails | undefined;

  constructor(status: number, code: OpsErrorCode, message: string, details?: OpsErrorDetails) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isOpsError(value: unknown): value is OpsError {
  return value instanceof OpsError;
}

/** The JSON body every error response has (docs/API.md). */
export interface ErrorBody {
  error: { code: OpsErrorCode; message: string } & OpsErrorDetails;
}

export function toErrorBody(error: OpsError): ErrorBody {
  return { error: { ...error.details, code: error.code, message: error.message } };
}
