/**
 * Several organizations in Settings: every admin key with the organization it answered,
 * its key's last four (never the key), its spend state, its own monthly budget (the first
 * organization's is "Monthly budget" under Spend) and Remove; "Add an organization" stores
 * another key in the OS keychain under its own account (`POST /api/orgs`). A second key of
 * an organization already listed is marked and not counted twice. The list is asked again
 * when the spend status changes (an added key's organization answering).
 */
import { useState } from 'react';
import { addOrg, getOrgs, removeOrg, type Organization } from '../../api/orgs';
import { useApi, toApiError } from '../../api/use-api';
import { useAppContext } from '../../app/app-context';
import { AdminKeyForm, Banner, Button, Card, Chip, Money, Skeleton } from '../../components';
import { NumberField } from './setting-row';
import type { useSettingSave } from './use-setting-save';

type Save = ReturnType<typeof useSettingSave>['save'];

export function OrgsSection({ save }: { save: Save }) {
  const { settings, status } = useAppContext();
  const costsSignal = status
    ? `${status.costs.state}|${status.costs.detail ?? ''}|${status.costs.fetchedAt ?? ''}`
    : '';
  const { state, reload, replace } = useApi((signal) => getOrgs(signal), [costsSignal]);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const orgs = state.kind === 'ok' ? state.data : null;

  const remove = async (org: Organization) => {
    setError(null);
    try {
      replace(await removeOrg(org.slot));
    } catch (err) {
      setError(toApiError(err).message);
    }
  };
  const saveBudget = (slot: string, usd: number | null) => {
    const { [slot]: _old, ...others } = settings.orgBudgetsUsd ?? {};
    return save('orgBudgetsUsd', usd === null ? others : { ...others, [slot]: usd });
  };

  return (
    <Card
      title="Organizations"
      subtitle="One admin key per organization; the header switches between them or shows them all."
      testId="settings-orgs"
      actions={orgs && <Chip tone="neutral">{orgs.organizations.length}</Chip>}
    >
      {state.kind === 'loading' && <Skeleton height={34} label="Loading organizations" />}
      {state.kind === 'error' && (
        <Banner tone="error" title="Organizations unavailable">
          {state.error.message}
        </Banner>
      )}
      {error && (
        <Banner tone="error" title="The key was not removed">
          {error}
        </Banner>
      )}
      {orgs && (
        <ul className="org-list">
          {orgs.organizations.map((org) => (
            <li key={org.slot} className="org-list__item" data-testid={`org-${org.slot}`}>
              <div className="org-list__name">
                <strong>{org.label}</strong>{' '}
                <span className="muted small">
                  {org.key.configured ? `key …${org.key.last4 ?? '????'}` : 'no key'}
                  {org.key.source === 'env' ? ' (ANTHROPIC_ADMIN_API_KEY)' : ''}
                </span>
                {org.duplicateOf && (
                  <Chip tone="neutral">
                    same organization as {orgs.organizations.find((o) => o.slot === org.duplicateOf)?.label}: not
                    counted twice
                  </Chip>
                )}
              </div>
              <p className="muted small">
                {org.monthToDateUsd !== null && (
                  <>
                    <Money usd={org.monthToDateUsd} /> this month.{' '}
                  </>
                )}
                {org.state === 'ok' ? '' : org.detail}
              </p>
              {!org.primary && (
                <div className="row">
                  <label className="row small" htmlFor={`budget-${org.slot}`}>
                    <span className="muted">Monthly budget</span>
                  </label>
                  <NumberField
                    id={`budget-${org.slot}`}
                    value={org.budgetUsd}
                    nullable
                    min={0}
                    step={0.01}
                    unit="USD / month"
                    onSave={async (usd) => {
                      const saved = await saveBudget(org.slot, usd);
                      if (saved) await reload();
                      return saved;
                    }}
                  />
                  <Button small onClick={() => void remove(org)}>
                    Remove
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <AdminKeyForm
          submitLabel="Add organization"
          autoFocus
          send={async (key) => (await addOrg(key)).key}
          onSaved={() => {
            setAdding(false);
            void reload();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <div className="row">
          <Button small onClick={() => setAdding(true)}>
            Add an organization…
          </Button>
        </div>
      )}
    </Card>
  );
}
