/**
 * The tier sequence: install → upgrade → backup → restore → custom → lint, each a result with a
 * reason. Tiers share one app where they can (backup and restore work on the upgraded app, so
 * the data seeded before the upgrade is what gets backed up); a tier whose precondition failed
 * is `blocked`, not `failed`, so the report blames the recipe only for what the recipe did. Lint
 * needs no app: it runs after a failed install too, and only fail-fast or a cancel stops it.
 */
import type { Backend, BackendStep, DeploySource } from '../deploy/backend.ts';
import type { RecipeConfig } from '../recipe/config.ts';
import { OPT_IN_TIERS, TIERS, TIERS_WITHOUT_APP, type TierName } from '../recipe/tiers.ts';
import { formatDuration } from '../shared/duration.ts';
import type { WaitBound } from '../platform/job-deadline.ts';
import { DIAGNOSTICS_BUDGET_MS, TEARDOWN_BUDGET_MS, type SuiteClock } from './clock.ts';
import { freshApp, TierContext, type AppState } from './tier-context.ts';
import { failsRun, tierLabel, type TierResult } from './tier-result.ts';
import { TIER_RUNS } from './tier-runs.ts';

export interface SuitePlan {
  selected: ReadonlySet<TierName>;
  candidate: DeploySource;
  /**
   * The version to upgrade from, or why there is none; or, for `previous: last-N`, each release
   * the upgrade tier starts from in turn (newest first), one result per path.
   */
  previous: { source: () => Promise<DeploySource> } | { none: string } | { paths: UpgradeStart[] };
  /** Why the upgrade must wait for a person (major bump, release notes), if it must. */
  held: string | undefined;
  /** Why the upgrade cannot be judged at all (a compose file or version label that is wrong). */
  upgradeBlocked?: string | undefined;
  failFast: boolean;
  repeat: number;
  /** Whether the OIDC settings exist (tests that need them are blocked otherwise). */
  oidc: boolean;
}

/** A published release an upgrade path starts from: its tag, and its files when needed. */
export interface UpgradeStart {
  tag: string;
  source: () => Promise<DeploySource>;
}

export interface SuiteDeps {
  config: RecipeConfig;
  backend: Backend;
  /** HTTP health checks against the deployed app; ok with a summary. */
  httpHealth(): Promise<{ ok: boolean; summary: string }>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal: AbortSignal;
  /** The tier budgets and the job deadline; the backend's limits read the same clock. */
  clock: SuiteClock;
  /** Called when a tier starts and ends, for log groups. */
  onTier?(
    tier: TierName,
    attempt: number,
    phase: 'start' | 'end',
    result?: TierResult,
    /** The release an upgrade path starts from, under `previous: last-N`. */
    from?: string,
  ): Promise<void> | void;
}

export async function runSuite(plan: SuitePlan, deps: SuiteDeps): Promise<TierResult[]> {
  const all: TierResult[] = [];
  let stopped: string | undefined;
  for (let attempt = 1; attempt <= plan.repeat; attempt++) {
    if (attempt > 1 && stopped === undefined) stopped = await tearDownBetween(deps, attempt);
    const app = freshApp();
    let failedFast: string | undefined;
    for (const tier of TIERS) {
      if (OPT_IN_TIERS.has(tier) && !plan.selected.has(tier)) continue;
      for (const from of pathsOf(tier, plan, deps)) {
        const fromField = from === undefined ? {} : { from: from.tag };
        const why = whyNotRun(tier, plan, deps, failedFast);
        if (why !== undefined) {
          all.push({ tier, attempt, ...fromField, ...notRun('skipped', why) });
        } else if (stopped !== undefined && !TIERS_WITHOUT_APP.has(tier)) {
          all.push({ tier, attempt, ...fromField, ...notRun('blocked', stopped) });
        } else {
          const result = await runOneTier(tier, attempt, plan, deps, app, from);
          all.push(result);
          if (plan.failFast && failsRun(result, deps.config.tiers[tier].mayBlock !== undefined))
            failedFast = `fail-fast: ${tierLabel(result)} ${result.status}`;
        }
      }
    }
  }
  return all;
}

/**
 * The runs of the upgrade tier: one per path of `previous: last-N`, unless the upgrade is held
 * or blocked as a whole (then one, to say so); one for a single previous version. The time plan
 * counts the same runs.
 */
export function upgradeRuns(plan: SuitePlan): (UpgradeStart | undefined)[] {
  if (!('paths' in plan.previous) || plan.previous.paths.length === 0) return [undefined];
  if (plan.held !== undefined || plan.upgradeBlocked !== undefined) return [undefined];
  return plan.previous.paths;
}

/**
 * Every tier runs once per attempt, the upgrade tier once per path — unless it is not selected
 * or not applicable: then one row says so.
 */
function pathsOf(tier: TierName, plan: SuitePlan, deps: SuiteDeps): (UpgradeStart | undefined)[] {
  const runs = plan.selected.has(tier) && deps.config.tiers[tier].notApplicable === undefined;
  return tier === 'upgrade' && runs ? upgradeRuns(plan) : [undefined];
}

function notRun(
  status: 'skipped' | 'blocked',
  reason: string,
): Pick<TierResult, 'status' | 'reason' | 'durationMs' | 'checks'> {
  return { status, reason, durationMs: 0, checks: [] };
}

/** Why a tier is skipped on purpose, or undefined when it runs. */
function whyNotRun(
  tier: TierName,
  plan: SuitePlan,
  deps: SuiteDeps,
  failedFast: string | undefined,
): string | undefined {
  const notApplicable = deps.config.tiers[tier].notApplicable;
  if (!plan.selected.has(tier)) return 'not selected';
  if (notApplicable !== undefined) return `not applicable: ${notApplicable}`;
  if (failedFast !== undefined) return failedFast;
  if (deps.signal.aborted) return 'cancelled';
  return undefined;
}

/**
 * Removes the app of the attempt before. If that fails, a fresh deploy would land beside (or on
 * top of) the old app, so the later attempts are blocked with the reason instead of run.
 */
async function tearDownBetween(deps: SuiteDeps, attempt: number): Promise<string | undefined> {
  deps.clock.enter('teardown', TEARDOWN_BUDGET_MS);
  const down = await deps.backend.teardown();
  if (down.ok) return undefined;
  return `teardown after attempt ${String(attempt - 1)} failed: ${down.summary}`;
}

async function runOneTier(
  tier: TierName,
  attempt: number,
  plan: SuitePlan,
  deps: SuiteDeps,
  app: AppState,
  from: UpgradeStart | undefined,
): Promise<TierResult> {
  const started = Date.now();
  await deps.onTier?.(tier, attempt, 'start', undefined, from?.tag);
  // Each path of the upgrade tier has the tier's whole budget, as the time plan counted it.
  const budget = deps.clock.enter(tier, deps.config.tiers[tier].timeoutMs);
  const ctx = new TierContext(tier, plan, deps, app, from);
  let outcome = await TIER_RUNS[tier](ctx);
  // Whatever the tier's commands were given, its own budget (or the job's deadline) ends it.
  if (outcome.status !== 'passed' && deps.clock.spent() && !deps.signal.aborted) {
    outcome = { status: 'failed', reason: timedOut(tier, budget.bound) };
  }
  const result: TierResult = {
    tier,
    attempt,
    ...(from === undefined ? {} : { from: from.tag }),
    ...outcome,
    durationMs: Date.now() - started,
    checks: ctx.checks.list,
  };
  if (result.status === 'failed' && !TIERS_WITHOUT_APP.has(tier)) {
    deps.clock.enter('diagnostics', DIAGNOSTICS_BUDGET_MS);
    result.diagnostics = await deps.backend.diagnostics();
  }
  await deps.onTier?.(tier, attempt, 'end', result, from?.tag);
  return result;
}

/** "timed out after 8m (the tier's budget, tiers.install.timeout)", or the deadline's cut. */
function timedOut(tier: TierName, bound: WaitBound): string {
  return bound.by === 'own'
    ? `timed out after ${formatDuration(bound.ms)} (the tier's budget, tiers.${tier}.timeout)`
    : `timed out after ${bound.describe}`;
}

export type { BackendStep };
