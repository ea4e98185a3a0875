/**
 * The Workflows page: one row per declared workflow with its scope picker and Run button.
 * (Initial shell; fleshed out in this folder.)
 */
export function WorkflowsPage() {
  return (
    <section aria-labelledby="workflows-title">
      <h1 id="workflows-title">Workflows</h1>
    </section>
  );
}
