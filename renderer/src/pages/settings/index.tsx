/**
 * Settings: the admin key, then every persisted setting. Each change is saved at once
 * through `PUT /api/settings` (a one-key partial patch) and shows its effect: the theme
 * applies immediately, "runs are off" banners elsewhere follow allowRun, and each row
 * says what the current value means.
 */
import type { Theme } from '../../api/settings';
import { useSettings } from '../../app/app-context';
import { Banner, Card, Money } from '../../components';
import { AdminKeySection } from './admin-key-section';
import { OrgsSection } from './orgs-section';
import { NumberField, SettingRow } from './setting-row';
import { useSettingSave } from './use-setting-save';

export function SettingsPage() {
  const settings = useSettings();
  const { saveState, warning, save } = useSettingSave();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="muted">Saved to ops/config.json in your Attune home; changes apply at once.</p>
        </div>
      </div>
      {warning && (
        <Banner tone="warn" title="Note" testId="settings-warning">
          {warning}
        </Banner>
      )}
      <AdminKeySection />
      <OrgsSection save={save} />
      <Card title="Runs and specs">
        <SettingRow
          label="Allow runs"
          testId="setting-allowRun"
          state={saveState.allowRun}
          hint="Let workflows execute from this console, and let spec statuses be changed."
          effect={
            settings.allowRun
              ? 'On: Run buttons are enabled and spec statuses can be edited.'
              : 'Off: the console is read-only; Run buttons are disabled.'
          }
        >
          {(id) => (
            <label className="switch">
              <input
                id={id}
                type="checkbox"
                checked={settings.allowRun}
                onChange={(e) => void save('allowRun', e.target.checked)}
              />
              {settings.allowRun ? 'On' : 'Off'}
            </label>
          )}
        </SettingRow>
        <SettingRow
          label="Spec completion candidates"
          testId="setting-specsCandidatesEnabled"
          state={saveState.specsCandidatesEnabled}
          hint="Look for approved specs whose tasks are all done, and offer to close them (Specs → Ready to close?)."
          effect={
            settings.specsCandidatesEnabled
              ? 'On: the Specs page lists specs that look ready to close.'
              : 'Off: the Specs page says how to turn it on.'
          }
        >
          {(id) => (
            <label className="switch">
              <input
                id={id}
                type="checkbox"
                checked={settings.specsCandidatesEnabled}
                onChange={(e) => void save('specsCandidatesEnabled', e.target.checked)}
              />
              {settings.specsCandidatesEnabled ? 'On' : 'Off'}
            </label>
          )}
        </SettingRow>
        <SettingRow
          label="Max concurrent runs"
          testId="setting-maxConcurrentRuns"
          state={saveState.maxConcurrentRuns}
          hint="Starting more runs than this answers “runner busy”."
          effect={`Up to ${settings.maxConcurrentRuns} run${settings.maxConcurrentRuns === 1 ? '' : 's'} at a time.`}
        >
          {(id) => (
            <NumberField
              id={id}
              value={settings.maxConcurrentRuns}
              min={1}
              max={16}
              unit="runs"
              onSave={(v) => save('maxConcurrentRuns', v ?? 1)}
            />
          )}
        </SettingRow>
        <SettingRow
          label="Keep run history"
          testId="setting-runsRetentionDays"
          state={saveState.runsRetentionDays}
          hint="Older runs are pruned; 0 keeps them forever."
          effect={
            settings.runsRetentionDays === 0
              ? 'Run history is kept forever.'
              : `Runs older than ${settings.runsRetentionDays} days are removed.`
          }
        >
          {(id) => (
            <NumberField
              id={id}
              value={settings.runsRetentionDays}
              min={0}
              max={36500}
              unit="days"
              onSave={(v) => save('runsRetentionDays', v ?? 0)}
            />
          )}
        </SettingRow>
        <SettingRow
          label="Run history size cap"
          testId="setting-runsMaxTotalMb"
          state={saveState.runsMaxTotalMb}
          hint="When the history grows past this, the oldest runs are removed first."
          effect={`History is kept under ${settings.runsMaxTotalMb} MB.`}
        >
          {(id) => (
            <NumberField
              id={id}
              value={settings.runsMaxTotalMb}
              min={1}
              max={1048576}
              unit="MB"
              onSave={(v) => save('runsMaxTotalMb', v ?? 1)}
            />
          )}
        </SettingRow>
      </Card>
      <Card title="Spend">
        <SettingRow
          label="Monthly budget"
          testId="setting-monthlyBudgetUsd"
          state={saveState.monthlyBudgetUsd}
          hint="Warns at 80% and 100% of this amount, month to date. Leave empty for no budget."
          effect={
            settings.monthlyBudgetUsd === null ? (
              'No budget: no budget warnings.'
            ) : (
              <>
                Warnings at <Money usd={settings.monthlyBudgetUsd * 0.8} /> and{' '}
                <Money usd={settings.monthlyBudgetUsd} />.
              </>
            )
          }
        >
          {(id) => (
            <NumberField
              id={id}
              value={settings.monthlyBudgetUsd}
              nullable
              min={0}
              step={0.01}
              unit="USD / month"
              onSave={(v) => save('monthlyBudgetUsd', v)}
            />
          )}
        </SettingRow>
        <SettingRow
          label="Refresh spend every"
          testId="setting-costRefreshMinutes"
          state={saveState.costRefreshMinutes}
          hint="How often the cost report is fetched in the background."
          effect={`Spend refreshes every ${settings.costRefreshMinutes} min; figures older than ${settings.costRefreshMinutes * 2} min are marked stale.`}
        >
          {(id) => (
            <NumberField
              id={id}
              value={settings.costRefreshMinutes}
              min={1}
              max={1440}
              unit="minutes"
              onSave={(v) => save('costRefreshMinutes', v ?? 1)}
            />
          )}
        </SettingRow>
      </Card>
      <Card title="Appearance">
        <SettingRow
          label="Theme"
          testId="setting-theme"
          state={saveState.theme}
          hint="System follows your operating system's light or dark mode."
          effect={settings.theme === 'system' ? 'Following the system setting.' : `Always ${settings.theme}.`}
        >
          {(id) => (
            <select
              id={id}
              className="select"
              value={settings.theme}
              onChange={(e) => void save('theme', e.target.value as Theme)}
            >
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          )}
        </SettingRow>
      </Card>
    </>
  );
}
