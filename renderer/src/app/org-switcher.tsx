/**
 * The header's organization switcher: shown once there are two organizations or more
 * (a duplicate key of one organization is not offered), with "All organizations" first. The
 * list is asked again whenever the spend status changes (a key added, an organization
 * answering), so new organizations appear without a reload; only the organizations "all"
 * sums are offered, and a chosen one that is gone or not summed falls back to the first of
 * them. When the list cannot be asked, the last one stays offered and a warning says why;
 * with no list at all and another organization chosen, the warning is all there is (the
 * choice is never hidden without a word).
 */
import { useEffect, useMemo, useState } from 'react';
import { ALL_ORGS, FIRST_ORG, getOrgs, type OrgChoice, type OrgsResponse } from '../api/orgs';
import type { OpsStatus } from '../api/status';
import './org-switcher.css';

export interface OrgSwitcherProps {
  org: OrgChoice;
  onChange(org: OrgChoice): void;
  status: OpsStatus | null;
}

export function OrgSwitcher({ org, onChange, status }: OrgSwitcherProps) {
  const [orgs, setOrgs] = useState<OrgsResponse | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const costsSignal = status
    ? `${status.costs.state}|${status.costs.detail ?? ''}|${status.costs.fetchedAt ?? ''}`
    : '';
  useEffect(() => {
    const controller = new AbortController();
    getOrgs(controller.signal).then(
      (answer) => {
        setOrgs(answer);
        setListError(null);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setListError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => controller.abort();
  }, [costsSignal]);
  const offered = useMemo(() => orgs?.organizations.filter((one) => one.counted) ?? [], [orgs]);
  useEffect(() => {
    // A choice that is gone or not summed falls back to the first organization "all" sums.
    if (orgs && org !== ALL_ORGS && !offered.some((one) => one.slot === org)) onChange(offered[0]?.slot ?? FIRST_ORG);
  }, [orgs, offered, org, onChange]);
  const warning = listError && (offered.length >= 2 || org !== FIRST_ORG) && (
    <span className="org-switcher__warning" role="status" data-testid="org-switcher-warning" title={listError}>
      Organizations could not be listed{offered.length >= 2 ? ' (the list shown may be out of date)' : ''}: {listError}
    </span>
  );
  if (offered.length < 2) return warning || null;
  return (
    <label className="org-switcher">
      {warning}
      <span className="visually-hidden">Organization</span>
      <select
        className="select"
        value={org}
        onChange={(event) => onChange(event.target.value)}
        data-testid="org-switcher"
      >
        <option value={ALL_ORGS}>All organizations ({offered.length})</option>
        {offered.map((one) => (
          <option key={one.slot} value={one.slot}>
            {one.label}
            {one.state === 'error' ? ' — failing' : one.state === 'warning' ? ' — warning' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
