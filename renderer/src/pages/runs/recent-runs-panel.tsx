/**
 * The Overview's "recent runs" panel: the last runs from disk history.
 * (Initial shell; fleshed out in this folder.)
 */
export function RecentRunsPanel() {
  return (
    <section aria-labelledby="recent-runs-title">
      <h2 id="recent-runs-title">Recent runs</h2>
    </section>
  );
}
