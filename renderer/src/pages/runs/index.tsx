/**
 * The Runs page: run history across workflows with filters and pagination.
 * (Initial shell; fleshed out in this folder.)
 */
export function RunsPage() {
  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
    </section>
  );
}
