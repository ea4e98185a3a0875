/**
 * Pure list logic of the Specs page: filter by lifecycle and search text, sort by name,
 * newest edit, or lifecycle. Kept apart from the components so tests pin it.
 */
import { LIFECYCLE_ORDER, type SpecView } from '../../api/specs';

export type SpecSort = 'name' | 'modified' | 'lifecycle';

export const SORT_LABELS: Record<SpecSort, string> = {
  name: 'Name (A–Z)',
  modified: 'Last edited',
  lifecycle: 'Lifecycle',
};

export interface SpecQuery {
  lifecycle: string | null;
  search: string;
  sort: SpecSort;
}

export function filterSpecs(specs: readonly SpecView[], query: SpecQuery): SpecView[] {
  const needle = query.search.trim().toLowerCase();
  const rank = (lifecycle: string) => {
    const index = (LIFECYCLE_ORDER as readonly string[]).indexOf(lifecycle);
    return index === -1 ? LIFECYCLE_ORDER.length : index;
  };
  return specs
    .filter((spec) => query.lifecycle === null || spec.lifecycle === query.lifecycle)
    .filter(
      (spec) =>
        !needle ||
        spec.slug.toLowerCase().includes(needle) ||
        spec.path.toLowerCase().includes(needle) ||
        spec.phases.some((p) => (p.status ?? '').toLowerCase().includes(needle)),
    )
    .sort((a, b) => {
      if (query.sort === 'modified')
        return b.lastModified.localeCompare(a.lastModified) || a.slug.localeCompare(b.slug);
      if (query.sort === 'lifecycle') return rank(a.lifecycle) - rank(b.lifecycle) || a.slug.localeCompare(b.slug);
      return a.slug.localeCompare(b.slug);
    });
}

/** The leading word of a status ("approved (2026-05-09)" → "approved"), lower-cased. */
export function statusWord(status: string | null): string | null {
  const word = status
    ?.trim()
    .split(/[\s(—,]/)[0]
    ?.toLowerCase();
  return word ? word : null;
}
