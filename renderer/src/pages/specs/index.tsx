/**
 * The Specs page: lifecycle chips with counts (click to filter), search, sort, and one
 * row per spec with its phases' status pills. Editing is optimistic: the pill changes at
 * once and rolls back with the server's message on failure (409 unsafe_rewrite). When
 * runs are off (the server answers 403 read_only) editing is disabled with that reason.
 */
import { useEffect, useState } from 'react';
import { getSpecs, LIFECYCLE_ORDER, setPhaseStatus, type FlipStatus, type SpecView } from '../../api/specs';
import { useApi, toApiError } from '../../api/use-api';
import { useSettings } from '../../app/app-context';
import { Banner, Card, Chip, EmptyState, Link, RelativeTime, Skeleton } from '../../components';
import { CandidatesSection } from './candidates';
import { PhaseStatus } from './phase-status';
import { filterSpecs, SORT_LABELS, type SpecSort } from './spec-filter';

export const READ_ONLY_HINT =
  "Changing a spec's status is off while runs are off. Turn on 'Allow runs' in Settings or start with --allow-run.";

export function SpecsPage() {
  const settings = useSettings();
  const { state, setData, reload } = useApi((signal) => getSpecs(signal));
  const [lifecycle, setLifecycle] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SpecSort>('lifecycle');
  const [pending, setPending] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ slug: string; message: string } | null>(null);
  const [serverReadOnly, setServerReadOnly] = useState<string | null>(null);
  const readOnlyReason = !settings.allowRun ? READ_ONLY_HINT : serverReadOnly;
  useEffect(() => setServerReadOnly(null), [settings.allowRun]);

  const change = async (spec: SpecView, phase: string, status: FlipStatus) => {
    const previous = spec.phases.find((p) => p.name === phase)?.status ?? null;
    const patch = (value: string | null) =>
      setData((list) => ({
        ...list,
        specs: list.specs.map((s) =>
          s.slug === spec.slug
            ? { ...s, phases: s.phases.map((p) => (p.name === phase ? { ...p, status: value } : p)) }
            : s,
        ),
      }));
    patch(status);
    setPending(`${spec.slug}/${phase}`);
    setRowError(null);
    try {
      const answer = await setPhaseStatus(spec.slug, phase, status);
      setData((list) => ({ ...list, specs: list.specs.map((s) => (s.slug === spec.slug ? answer.spec : s)) }));
      void reload();
    } catch (error) {
      const apiError = toApiError(error);
      patch(previous);
      if (apiError.code === 'read_only') setServerReadOnly(apiError.message);
      setRowError({ slug: spec.slug, message: apiError.message });
    } finally {
      setPending(null);
    }
  };

  const list = state.kind === 'ok' ? state.data : state.kind === 'error' ? state.data : undefined;
  const shown = list ? filterSpecs(list.specs, { lifecycle, search, sort }) : [];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Specs</h1>
          <p className="muted">Specs of this project by lifecycle. Change a phase's status from its pill.</p>
        </div>
      </div>
      {readOnlyReason && (
        <Banner tone="info" title="Read-only" testId="specs-read-only">
          {readOnlyReason} {!settings.allowRun && <Link to="/settings">Open Settings</Link>}
        </Banner>
      )}
      <CandidatesSection
        reloadKey={`${settings.allowRun}|${settings.specsCandidatesEnabled}`}
        onCompleted={() => void reload()}
      />
      <Card testId="specs-list">
        <div className="row" role="group" aria-label="Filter by lifecycle">
          <Chip onClick={() => setLifecycle(null)} pressed={lifecycle === null} count={list?.specs.length}>
            All
          </Chip>
          {LIFECYCLE_ORDER.map((name) => (
            <Chip
              key={name}
              onClick={() => setLifecycle(lifecycle === name ? null : name)}
              pressed={lifecycle === name}
              count={list?.counts[name] ?? 0}
            >
              {name.replace(/-/g, ' ')}
            </Chip>
          ))}
        </div>
        <div className="toolbar">
          <input
            className="input"
            type="search"
            placeholder="Search specs…"
            aria-label="Search specs"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <label className="row small">
            Sort by
            <select className="select" value={sort} onChange={(e) => setSort(e.target.value as SpecSort)}>
              {(Object.keys(SORT_LABELS) as SpecSort[]).map((key) => (
                <option key={key} value={key}>
                  {SORT_LABELS[key]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {state.kind === 'loading' && [0, 1, 2].map((i) => <Skeleton key={i} height={56} />)}
        {state.kind === 'error' && (
          <Banner tone="error" title="Specs could not be loaded">
            {state.error.message}
          </Banner>
        )}
        {list?.warnings.map((w) => (
          <Banner key={w} tone="warn">
            {w}
          </Banner>
        ))}
        {list && list.specs.length === 0 && (
          <EmptyState title="No specs found">
            Specs are folders under {list.roots.map((r) => r.path).join(', ') || 'docs/specs'} holding requirements.md,
            design.md, tasks.md or decisions.md. Add one, or start the server with --specs-root DIR. The format (status
            lines, lifecycle buckets) is in docs/SPECS.md in the Attune Ops repository.
          </EmptyState>
        )}
        {list && list.specs.length > 0 && shown.length === 0 && (
          <EmptyState title="No spec matches">Clear the search or pick another lifecycle.</EmptyState>
        )}
        <div className="spec-list">
          {shown.map((spec) => (
            <div className="spec-row" key={spec.slug} data-testid={`spec-${spec.slug}`}>
              <div>
                <div className="spec-row__slug">{spec.slug}</div>
                <div className="spec-row__root">{spec.path}</div>
              </div>
              <div>
                <Chip tone="accent" title={spec.lifecycleReason}>
                  {spec.lifecycle.replace(/-/g, ' ')}
                </Chip>
              </div>
              <div className="phases">
                {spec.phases
                  .filter((p) => p.exists)
                  .map((phase) => (
                    <PhaseStatus
                      key={phase.name}
                      slug={spec.slug}
                      phase={phase}
                      editable={!readOnlyReason}
                      disabledReason={readOnlyReason}
                      pending={pending === `${spec.slug}/${phase.name}`}
                      onChange={(status) => void change(spec, phase.name, status)}
                    />
                  ))}
              </div>
              <div className="small muted">
                <RelativeTime value={spec.lastModified} />
              </div>
              {rowError?.slug === spec.slug && (
                <div className="phase-error">
                  <Banner tone="error" title="Status not changed" testId="spec-row-error">
                    {rowError.message}
                  </Banner>
                </div>
              )}
            </div>
          ))}
        </div>
      </Card>
    </>
  );
}
