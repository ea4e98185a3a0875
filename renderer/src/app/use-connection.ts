/**
 * Keeps the console connected: subscribes to the status stream and, whenever the
 * stream drops, probes `/api/health` every few seconds until the server answers again.
 * `lostSince` tells the shell how long the server has been unreachable (null when
 * connected), so a short blip shows a small indicator and a long outage a full message.
 */
import { useEffect, useState } from 'react';
import { getHealth } from '../api/info';
import { subscribeStatus, type OpsStatus } from '../api/status';

export const PROBE_INTERVAL_MS = 2000;

export interface Connection {
  status: OpsStatus | null;
  connected: boolean;
  lostSince: number | null;
}

export function useConnection(enabled: boolean): Connection {
  const [status, setStatus] = useState<OpsStatus | null>(null);
  const [lostSince, setLostSince] = useState<number | null>(null);

  useEffect(() => {
    if (!enabled) return undefined;
    let probe: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const markUp = () => {
      if (probe) clearTimeout(probe);
      probe = undefined;
      setLostSince(null);
    };
    const check = async () => {
      try {
        await getHealth();
        if (!stopped) markUp();
      } catch {
        if (!stopped) probe = setTimeout(() => void check(), PROBE_INTERVAL_MS);
      }
    };
    const close = subscribeStatus({
      onStatus: (next) => {
        setStatus(next);
        markUp();
      },
      onConnection: (open) => {
        if (open) return markUp();
        setLostSince((since) => since ?? Date.now());
        if (!probe) probe = setTimeout(() => void check(), 250);
      },
    });
    return () => {
      stopped = true;
      if (probe) clearTimeout(probe);
      close();
    };
  }, [enabled]);

  return { status, connected: lostSince === null, lostSince };
}
