/**
 * `--org` of `attune-ops costs`: `all`, a key slot (`default`, `k2`, … as `GET /api/orgs`
 * lists them) or an organization's name or id (case-insensitive); absent means the first
 * organization. An unknown one is a usage error listing the organizations there are.
 */
import type { Organizations } from '../costs/organizations.js';

export type OrgChoice = { kind: 'ok'; org: string | undefined } | { kind: 'unknown'; message: string };

export function resolveOrgOption(orgs: Organizations, given: string | undefined): OrgChoice {
  if (given === undefined || given === 'all') return { kind: 'ok', org: given };
  const wanted = given.toLowerCase();
  const entry = orgs
    .all()
    .find(
      (one) =>
        one.slot === given ||
        orgs.label(one).toLowerCase() === wanted ||
        one.costs.organization()?.id.toLowerCase() === wanted,
    );
  if (entry) return { kind: 'ok', org: entry.slot };
  const known = orgs
    .all()
    .map((one) => `${one.slot} (${orgs.label(one)})`)
    .join(', ');
  return { kind: 'unknown', message: `--org: no organization "${given}"; there are: ${known}, or all` };
}
