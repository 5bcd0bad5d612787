/**
 * The tier sequence: install → upgrade → backup → restore → custom, each a result with a
 * reason. Tiers share one app where they can (backup and restore work on the upgraded app, so
 * the data seeded before the upgrade is what gets backed up); a tier whose precondition failed
 * is `blocked`, not `failed`, so the report blames the recipe only for what the recipe did.
 */
import { existsSync, statSync, readdirSync } from 'node:fs';
import type { Backend, BackendStep, DeploySource } from '../deploy/backend.ts';
import type { DataHook, RecipeConfig } from '../recipe/config.ts';
import {
  describeEnd,
  runCommandLine,
  type ProgramResult,
  succeeded,
} from '../process/run-program.ts';
import { TIERS, type TierName } from '../recipe/tiers.ts';
import { failsRun, type CheckResult, type TierResult } from './tier-result.ts';

export interface SuitePlan {
  selected: ReadonlySet<TierName>;
  candidate: DeploySource;
  /** The version to upgrade from, or why there is none. */
  previous: { source: () => Promise<DeploySource> } | { none: string };
  /** Why the upgrade must wait for a person (major bump, release notes), if it must. */
  held: string | undefined;
  failFast: boolean;
  repeat: number;
  /** Whether the OIDC settings exist (tests that need them are blocked otherwise). */
  oidc: boolean;
}

export interface SuiteDeps {
  config: RecipeConfig;
  backend: Backend;
  /** HTTP health checks against the deployed app; ok with a summary. */
  httpHealth(): Promise<{ ok: boolean; summary: string }>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal: AbortSignal;
  /** Called when a tier starts and ends, for log groups. */
  onTier?(
    tier: TierName,
    attempt: number,
    phase: 'start' | 'end',
    result?: TierResult,
  ): Promise<void> | void;
}

interface AppState {
  deployed: 'candidate' | 'previous' | undefined;
  seeded: boolean;
  backup: string | undefined;
}

export async function runSuite(plan: SuitePlan, deps: SuiteDeps): Promise<TierResult[]> {
  const all: TierResult[] = [];
  for (let attempt = 1; attempt <= plan.repeat; attempt++) {
    if (attempt > 1) await deps.backend.teardown();
    const app: AppState = { deployed: undefined, seeded: false, backup: undefined };
    let stopped: string | undefined;
    for (const tier of TIERS) {
      const started = Date.now();
      let result: TierResult;
      const skip = (reason: string): TierResult => ({
        tier,
        attempt,
        status: 'skipped',
        reason,
        durationMs: 0,
        checks: [],
      });
      const notApplicable = deps.config.tiers[tier].notApplicable;
      if (!plan.selected.has(tier)) result = skip('not selected');
      else if (notApplicable !== undefined) result = skip(`not applicable: ${notApplicable}`);
      else if (stopped !== undefined) result = skip(stopped);
      else if (deps.signal.aborted) result = skip('cancelled');
      else {
        await deps.onTier?.(tier, attempt, 'start');
        const checks = new Checks();
        const outcome = await runTier(tier, plan, deps, app, checks);
        result = {
          tier,
          attempt,
          ...outcome,
          durationMs: Date.now() - started,
          checks: checks.list,
        };
        if (result.status === 'failed') result.diagnostics = await deps.backend.diagnostics();
        await deps.onTier?.(tier, attempt, 'end', result);
        if (plan.failFast && failsRun(result, deps.config.tiers[tier].mayBlock !== undefined)) {
          stopped = `fail-fast: ${tier} ${result.status}`;
        }
      }
      all.push(result);
    }
  }
  return all;
}

type Outcome = Pick<TierResult, 'status' | 'reason'>;

class Checks {
  readonly list: CheckResult[] = [];

  add(name: string, step: { ok: boolean; summary: string; results?: ProgramResult[] }): boolean {
    const results = step.results ?? [];
    this.list.push({
      name,
      status: step.ok ? 'passed' : 'failed',
      durationMs: results.reduce((sum, r) => sum + r.durationMs, 0),
      message: step.summary,
      output: results.map((r) => r.output).join('\n'),
    });
    return step.ok;
  }

  blocked(name: string, message: string): void {
    this.list.push({ name, status: 'blocked', durationMs: 0, message, output: '' });
  }
}

async function runTier(
  tier: TierName,
  plan: SuitePlan,
  deps: SuiteDeps,
  app: AppState,
  checks: Checks,
): Promise<Outcome> {
  const { backend, config } = deps;
  const failed = (what: string): Outcome => ({ status: 'failed', reason: what });

  /** Deploy fresh and gate on health; used by install, upgrade and as a precondition. */
  const deployHealthy = async (
    source: DeploySource,
    label: string,
  ): Promise<string | undefined> => {
    // A teardown that failed (or a cancel that cut it short) may leave the old app running: a
    // deploy on top would take its place in the backend's records and leak it for good.
    if (app.deployed !== undefined) {
      const down = await backend.teardown();
      if (!down.ok) {
        checks.add(`teardown before deploying ${label}`, down);
        return `could not tear down the ${app.deployed} before deploying ${label}`;
      }
    }
    app.deployed = undefined;
    if (deps.signal.aborted) return `cancelled before deploying ${label}`;
    app.seeded = false;
    app.backup = undefined;
    if (!checks.add(`deploy ${label}`, await backend.deploy(source)))
      return `deploy of ${label} failed`;
    if (!(await healthy(`health after deploying ${label}`)))
      return `${label} did not become healthy`;
    app.deployed = label === 'candidate' ? 'candidate' : 'previous';
    return undefined;
  };
  const healthy = async (name: string): Promise<boolean> => {
    const backendHealth = await backend.health();
    if (!checks.add(`${name} (${backend.name})`, backendHealth)) return false;
    return checks.add(name, await deps.httpHealth());
  };
  const hook = async (name: DataHook, extra: NodeJS.ProcessEnv = {}): Promise<boolean> => {
    const command = config.data[name];
    if (command === undefined) return true;
    const limit = config.tiers[tier].timeoutMs;
    const result = await runCommandLine(command, {
      cwd: deps.cwd,
      env: { ...deps.env, ...extra },
      timeoutMs: limit,
      signal: deps.signal,
    });
    const step = {
      ok: succeeded(result),
      summary: `${name}: ${describeEnd(result, `${String(Math.round(limit / 1000))}s`)}`,
      results: [result],
    };
    return checks.add(`data ${name}`, step);
  };
  /** The candidate running and healthy: what backup, restore and custom start from. */
  const candidateReady = async (): Promise<Outcome | undefined> => {
    if (app.deployed === 'candidate') return undefined;
    const problem = await deployHealthy(plan.candidate, 'candidate');
    return problem === undefined ? undefined : { status: 'blocked', reason: problem };
  };

  switch (tier) {
    case 'install': {
      const problem = await deployHealthy(plan.candidate, 'candidate');
      return problem === undefined
        ? { status: 'passed', reason: 'deployed once, healthy' }
        : failed(problem);
    }
    case 'upgrade': {
      if (plan.held !== undefined) return { status: 'held', reason: plan.held };
      if ('none' in plan.previous) return { status: 'skipped', reason: plan.previous.none };
      let previous: DeploySource;
      try {
        previous = await plan.previous.source();
      } catch (error) {
        return {
          status: 'blocked',
          reason: `cannot get the previous version: ${(error as Error).message}`,
        };
      }
      const label = previous.version ?? 'previous';
      const problem = await deployHealthy(previous, label);
      if (problem !== undefined) return { status: 'blocked', reason: problem };
      if (!(await hook('seed'))) return { status: 'blocked', reason: 'seeding data failed' };
      app.seeded = config.data.seed !== undefined;
      const upgraded = await backend.upgrade(plan.candidate);
      app.deployed = undefined;
      if (!checks.add(`upgrade ${label} → candidate`, upgraded))
        return failed(`upgrade from ${label} failed`);
      if (!(await healthy('health after upgrade')))
        return failed(`not healthy after the upgrade from ${label}`);
      app.deployed = 'candidate';
      if (!(await hook('verify')))
        return failed(`data seeded on ${label} did not survive the upgrade`);
      return {
        status: 'passed',
        reason: `${label} → candidate${app.seeded ? ', data kept' : ' (no data hooks: data not checked)'}`,
      };
    }
    case 'backup': {
      const blocked = await candidateReady();
      if (blocked) return blocked;
      if (!app.seeded) {
        if (!(await hook('seed'))) return { status: 'blocked', reason: 'seeding data failed' };
        app.seeded = config.data.seed !== undefined;
      }
      const made = await backend.backup();
      if (!checks.add('backup create', made)) return failed('backup failed');
      const problem = backupProblem(made.location, backend.name);
      checks.add('backup exists and is not empty', {
        ok: problem === undefined,
        summary: problem ?? made.location ?? '',
      });
      if (problem !== undefined) return failed(problem);
      app.backup = made.location ?? '';
      return {
        status: 'passed',
        reason: `backup at ${made.location ?? 'the backend’s default place'}`,
      };
    }
    case 'restore': {
      if (app.backup === undefined || app.deployed !== 'candidate') {
        return { status: 'blocked', reason: 'needs a backup from the backup tier of this run' };
      }
      if (config.data.mutate === undefined || config.data.verify === undefined) {
        return {
          status: 'skipped',
          reason: `${config.file} gives no data.mutate and data.verify to prove a restore`,
        };
      }
      if (!(await hook('mutate'))) return { status: 'blocked', reason: 'mutating data failed' };
      const restored = await backend.restore(app.backup);
      if (!checks.add('restore', restored)) return failed('restore failed');
      if (!(await healthy('health after restore'))) return failed('not healthy after the restore');
      if (!(await hook('verify'))) return failed('the restore did not bring the data back');
      return { status: 'passed', reason: 'mutated data was brought back' };
    }
    case 'custom': {
      if (config.custom.length === 0)
        return { status: 'skipped', reason: `${config.file} declares no custom tests` };
      const blocked = await candidateReady();
      if (blocked) return blocked;
      let failures = 0;
      let blocks = 0;
      for (const test of config.custom) {
        if (test.needsOidc && !plan.oidc) {
          checks.blocked(test.name, 'needs OIDC settings, and no env-file with them was given');
          blocks++;
          continue;
        }
        const result = await runCommandLine(test.run, {
          cwd: deps.cwd,
          env: deps.env,
          timeoutMs: test.timeoutMs,
          signal: deps.signal,
        });
        const ok = succeeded(result);
        checks.add(test.name, {
          ok,
          summary: describeEnd(result, `${String(Math.round(test.timeoutMs / 1000))}s`),
          results: [result],
        });
        if (!ok) failures++;
      }
      const total = config.custom.length;
      if (failures > 0)
        return failed(`${String(failures)} of ${String(total)} custom tests failed`);
      if (blocks > 0)
        return {
          status: 'blocked',
          reason: `${String(blocks)} of ${String(total)} custom tests need OIDC, which is missing`,
        };
      return { status: 'passed', reason: `${String(total)} custom tests passed` };
    }
  }
}

/** A backup the backend says it wrote must exist on the runner and hold something. */
function backupProblem(location: string | undefined, backend: Backend['name']): string | undefined {
  if (location === undefined || location === '') {
    return backend === 'command'
      ? 'the backup command printed no location on its last line'
      : undefined;
  }
  if (!existsSync(location))
    return backend === 'command' ? `the backup ${location} does not exist` : undefined;
  const stats = statSync(location);
  const empty = stats.isDirectory() ? readdirSync(location).length === 0 : stats.size === 0;
  return empty ? `the backup ${location} is empty` : undefined;
}

export type { BackendStep };
