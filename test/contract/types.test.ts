/**
 * The contract's inferred types are the types the services build their answers with, so
 * a change on either side that the other does not follow fails the type check
 * (tsconfig.test.json checks this file); the runtime side is contract.test.ts.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type * as C from '../../main/contract/index.js';
import type * as Contracts from '../../main/core/contracts.js';
import type { OpsErrorCode } from '../../main/core/errors.js';
import type * as Costs from '../../main/costs/cost-types.js';
import type { unreadableWarning } from '../../main/runs/log/run-log-source.js';
import type * as Runs from '../../main/runs/run-types.js';
import type { Feature } from '../../main/scopes/features-file.js';
import type { ScopesView } from '../../main/scopes/scope-service.js';
import type { Settings } from '../../main/settings/schema.js';
import type {
  CandidateService,
  CandidateView,
  CandidatesAnswer,
} from '../../main/specs/candidates/candidate-service.js';
import type { Lifecycle } from '../../main/specs/lifecycle.js';
import type { PhaseView, SpecView } from '../../main/specs/spec-presenter.js';
import type { SpecList, SpecService } from '../../main/specs/spec-service.js';
import type { FlipStatus } from '../../main/specs/status-rewrite.js';
import type { PhaseName } from '../../main/specs/status-line.js';
import type { TelemetryView } from '../../main/telemetry/telemetry-service.js';
import type { PublicWorkflow, WorkflowListResponse } from '../../main/workflows/workflow-schema.js';

/**
 * Mutual assignability, for server types written as intersections or with `Readonly`
 * (which the strict equality check tells apart from the same flat object).
 */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('contract types', () => {
  it('are the core and settings types', () => {
    expectTypeOf<C.ErrorCode>().toEqualTypeOf<OpsErrorCode>();
    expectTypeOf<C.Settings>().toEqualTypeOf<Settings>();
  });

  it('are the run types', () => {
    expectTypeOf<SameShape<C.PublicRun, Runs.PublicRun>>().toEqualTypeOf<true>();
    expectTypeOf<C.LogLine>().toEqualTypeOf<Runs.LogLine>();
    expectTypeOf<C.RunStatus>().toEqualTypeOf<Runs.RunStatus>();
    expectTypeOf<C.RunTrigger>().toEqualTypeOf<Runs.RunTrigger>();
    expectTypeOf<C.LogStream>().toEqualTypeOf<Runs.LogStream>();
    expectTypeOf<C.UnreadableLinesWarning>().toEqualTypeOf<ReturnType<typeof unreadableWarning>>();
    expectTypeOf<C.DoneEvent>().toEqualTypeOf<
      Pick<Runs.RunRecord, 'status' | 'exitCode' | 'signal' | 'durationMs' | 'lineCount' | 'reason'>
    >();
  });

  it('are the workflow and scope types', () => {
    expectTypeOf<C.PublicWorkflow>().toEqualTypeOf<PublicWorkflow>();
    expectTypeOf<C.WorkflowListResponse>().toEqualTypeOf<WorkflowListResponse>();
    expectTypeOf<C.Feature>().toEqualTypeOf<Feature>();
    expectTypeOf<SameShape<C.ScopesView, ScopesView>>().toEqualTypeOf<true>();
  });

  it('are the spec types', () => {
    expectTypeOf<C.SpecList>().toEqualTypeOf<SpecList>();
    expectTypeOf<C.SpecView>().toEqualTypeOf<SpecView>();
    expectTypeOf<C.PhaseView>().toEqualTypeOf<PhaseView>();
    expectTypeOf<C.PhaseName>().toEqualTypeOf<PhaseName>();
    expectTypeOf<C.Lifecycle>().toEqualTypeOf<Lifecycle>();
    expectTypeOf<C.FlipStatus>().toEqualTypeOf<FlipStatus>();
    expectTypeOf<C.CandidateView>().toEqualTypeOf<CandidateView>();
    expectTypeOf<C.CandidatesAnswer>().toEqualTypeOf<CandidatesAnswer>();
    expectTypeOf<SameShape<C.SpecDetail, Awaited<ReturnType<SpecService['detail']>>>>().toEqualTypeOf<true>();
    expectTypeOf<C.DismissAnswer['dismissed']>().toEqualTypeOf<Awaited<ReturnType<CandidateService['dismiss']>>>();
  });

  it('are the cost, status and telemetry types', () => {
    expectTypeOf<C.CostsResponse>().toEqualTypeOf<Costs.CostsResponse>();
    expectTypeOf<C.CostSummary>().toEqualTypeOf<Costs.CostSummary>();
    expectTypeOf<C.CostError>().toEqualTypeOf<Costs.CostError>();
    expectTypeOf<C.CostAlarm>().toEqualTypeOf<Costs.CostAlarm>();
    expectTypeOf<C.CostBudget>().toEqualTypeOf<Costs.CostBudget>();
    expectTypeOf<C.BudgetState>().toEqualTypeOf<Costs.BudgetState>();
    expectTypeOf<C.CostErrorKind>().toEqualTypeOf<Costs.CostErrorKind>();
    expectTypeOf<C.AdminKeyStatus>().toEqualTypeOf<Costs.AdminKeyStatus>();
    expectTypeOf<C.OpsStatus>().toEqualTypeOf<Contracts.OpsStatus>();
    expectTypeOf<C.RunBrief>().toEqualTypeOf<Contracts.RunBrief>();
    expectTypeOf<C.OverallState>().toEqualTypeOf<Contracts.OverallState>();
    expectTypeOf<C.CostState>().toEqualTypeOf<Contracts.CostState>();
    expectTypeOf<SameShape<C.TelemetryView, TelemetryView>>().toEqualTypeOf<true>();
  });
});
