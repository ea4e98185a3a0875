/**
 * Whether the server's own log (ops.log) is being written. `degraded` says since when,
 * why (the errno code and a sentence) and where the lines go instead; the status service
 * shows it as a warning. Listeners are called only when the state changes.
 */

export type LogHealth =
  { state: 'ok' } | { state: 'degraded'; path: string; reason: string; message: string; since: string };

export interface LogHealthSource {
  logHealth(): LogHealth;
  onLogHealthChange(listener: (health: LogHealth) => void): () => void;
}
