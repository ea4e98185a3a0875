/**
 * The Run view: one run's facts and its live log.
 * (Initial shell; fleshed out in this folder.)
 */
export function RunPage({ runId }: { runId: string }) {
  return (
    <section aria-labelledby="run-title">
      <h1 id="run-title">Run {runId}</h1>
    </section>
  );
}
