/**
 * The overview page (being built).
 */
export function OverviewPage() {
  return (
    <div className="page-head">
      <h1>Overview</h1>
    </div>
  );
}
