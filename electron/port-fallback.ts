/**
 * Starting the in-process server on the configured port, falling back to a free port
 * (port 0: the OS picks) when the configured one is taken by another program.
 *
 * Only "address in use" falls back; any other failure (permission denied on a low port,
 * a bad host, a crash in the services) is a startup fault and is thrown unchanged. The
 * outcome says which port was used and why, so the shell can log it in plain words.
 */

export type PortOutcome<T> =
  | { kind: 'configured'; value: T; port: number }
  | { kind: 'fallback'; value: T; port: number; wantedPort: number; reason: string };

export interface PortFallbackOptions<T> {
  wantedPort: number;
  /** Starts on `port`; rejects with an error whose `code` is 'EADDRINUSE' when taken. */
  start: (port: number) => Promise<T>;
  portOf: (value: T) => number;
}

/** Why: a second copy of the headless server or another tool on 8765 must not stop the app. */
export async function startWithPortFallback<T>(options: PortFallbackOptions<T>): Promise<PortOutcome<T>> {
  try {
    const value = await options.start(options.wantedPort);
    return { kind: 'configured', value, port: options.portOf(value) };
  } catch (error) {
    if (!isAddressInUse(error) || options.wantedPort === 0) throw error;
    const value = await options.start(0);
    return {
      kind: 'fallback',
      value,
      port: options.portOf(value),
      wantedPort: options.wantedPort,
      reason: `Port ${options.wantedPort} is in use by another program; using a free port instead.`,
    };
  }
}

export function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}
