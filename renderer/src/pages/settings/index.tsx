/**
 * The settings page (being built).
 */
export function SettingsPage() {
  return (
    <div className="page-head">
      <h1>Settings</h1>
    </div>
  );
}
