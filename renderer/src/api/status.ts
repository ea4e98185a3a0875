/**
 * The server's overall status (docs/API.md `/api/status`): one snapshot, then live updates
 * over SSE (`/api/status/events`, event `status`). EventSource reconnects by itself
 * after a drop (the server sends `retry:`); `onConnection` reports whether the stream is
 * currently open so the header can show "reconnecting".
 */
import type { OpsStatus } from '../../../main/contract';
import { apiGet } from './http';

export type { OpsStatus, OverallState, CostState, RunBrief } from '../../../main/contract';

export const getStatus = (signal?: AbortSignal) => apiGet<OpsStatus>('/api/status', signal);

export interface StatusStreamHandlers {
  onStatus(status: OpsStatus): void;
  onConnection?(open: boolean): void;
}

/**
 * Opens the status stream; returns a function that closes it. EventSource retries on its
 * own after a dropped connection, but gives up for good after an HTTP error answer (a
 * restarting server may send one), so a closed source is reopened after `reopenMs`.
 */
export function subscribeStatus(
  handlers: StatusStreamHandlers,
  url = '/api/status/events',
  reopenMs = 3000,
): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  let source: EventSource | null = null;
  let reopen: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const onStatus = (event: MessageEvent<string>) => {
    try {
      handlers.onStatus(JSON.parse(event.data) as OpsStatus);
    } catch {
      // a malformed event is skipped; the next one replaces it
    }
  };
  const open = () => {
    const current = new EventSource(url);
    source = current;
    current.addEventListener('status', onStatus as EventListener);
    current.onopen = () => handlers.onConnection?.(true);
    current.onerror = () => {
      handlers.onConnection?.(false);
      if (current.readyState === EventSource.CLOSED && !closed) reopen = setTimeout(open, reopenMs);
    };
  };
  open();
  return () => {
    closed = true;
    if (reopen) clearTimeout(reopen);
    source?.close();
  };
}
