/**
 * Which organization the spend pages show, remembered in this browser (localStorage) so a
 * reload keeps the choice; the first organization until one is chosen. A slot that no longer
 * exists is put back to the first by the header's switcher once the list says so.
 */
import { useCallback, useState } from 'react';
import { FIRST_ORG, type OrgChoice } from '../api/orgs';

const STORAGE_KEY = 'attune-ops.org';

function remembered(): OrgChoice {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? FIRST_ORG;
  } catch {
    return FIRST_ORG; // storage refused (privacy mode): the choice lasts this page only
  }
}

export function useOrgChoice(): [OrgChoice, (org: OrgChoice) => void] {
  const [org, setState] = useState<OrgChoice>(remembered);
  const setOrg = useCallback((next: OrgChoice) => {
    setState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // as above
    }
  }, []);
  return [org, setOrg];
}
