/**
 * The specs page (being built).
 */
export function SpecsPage() {
  return (
    <div className="page-head">
      <h1>Specs</h1>
    </div>
  );
}
