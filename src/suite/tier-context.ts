/**
 * What every tier works with: the plan, the backend, the app as the earlier tiers left it, and
 * the checks the tier records. The steps here (deploy and gate, health, data hooks) are the ones
 * several tiers share, so each tier's own function reads as its sequence and nothing else.
 */
import type { Backend, DeploySource } from '../deploy/backend.ts';
import type { DataHook, RecipeConfig } from '../recipe/config.ts';
import type { TierName } from '../recipe/tiers.ts';
import {
  describeEnd,
  runCommandLine,
  succeeded,
  type ProgramResult,
} from '../process/run-program.ts';
import type { SuiteDeps, SuitePlan, UpgradeStart } from './engine.ts';
import type { CheckResult, TierResult } from './tier-result.ts';

export type Outcome = Pick<TierResult, 'status' | 'reason'>;

/** The app across the tiers of one attempt. */
export interface AppState {
  /**
   * What runs: the healthy candidate or previous version, `unsettled` for an app that a deploy
   * or upgrade started but that never became healthy (it may still run, half made), or nothing.
   * Anything but nothing is torn down before the next fresh deploy.
   */
  deployed: 'candidate' | 'previous' | 'unsettled' | undefined;
  seeded: boolean;
  backup: string | undefined;
}

export function freshApp(): AppState {
  return { deployed: undefined, seeded: false, backup: undefined };
}

export class Checks {
  readonly list: CheckResult[] = [];

  /** Records a step; returns whether it passed. */
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

export class TierContext {
  readonly checks = new Checks();

  constructor(
    readonly tier: TierName,
    readonly plan: SuitePlan,
    readonly deps: SuiteDeps,
    readonly app: AppState,
    /** The path this run of the upgrade tier starts from, under `previous: last-N`. */
    readonly from?: UpgradeStart,
  ) {}

  get backend(): Backend {
    return this.deps.backend;
  }

  get config(): RecipeConfig {
    return this.deps.config;
  }

  /** Deploys `source` fresh and gates on health; the problem in words, or undefined. */
  async deployHealthy(source: DeploySource, label: string): Promise<string | undefined> {
    // A teardown that failed (or a cancel that cut it short) may leave the old app running: a
    // deploy on top would take its place in the backend's records and leak it for good.
    if (this.app.deployed !== undefined) {
      const down = await this.backend.teardown();
      if (!down.ok) {
        this.checks.add(`teardown before deploying ${label}`, down);
        const what = this.app.deployed === 'unsettled' ? 'app left unhealthy' : this.app.deployed;
        return `could not tear down the ${what} before deploying ${label}`;
      }
    }
    this.app.deployed = undefined;
    if (this.deps.signal.aborted) return `cancelled before deploying ${label}`;
    this.app.seeded = false;
    this.app.backup = undefined;
    // A deploy that fails or never becomes healthy can leave the app half made: abra's
    // `app new` would then refuse the next deploy with "already exists".
    this.app.deployed = 'unsettled';
    if (!this.checks.add(`deploy ${label}`, await this.backend.deploy(source)))
      return `deploy of ${label} failed`;
    if (!(await this.healthy(`health after deploying ${label}`)))
      return `${label} did not become healthy`;
    this.app.deployed = label === 'candidate' ? 'candidate' : 'previous';
    return undefined;
  }

  /** The backend's own wait first (replicas), then the recipe's HTTP checks. */
  async healthy(name: string): Promise<boolean> {
    const backendHealth = await this.backend.health();
    if (!this.checks.add(`${name} (${this.backend.name})`, backendHealth)) return false;
    return this.checks.add(name, await this.deps.httpHealth());
  }

  /** Runs a data hook of the config; a hook the recipe does not declare passes. */
  async hook(name: DataHook): Promise<boolean> {
    const command = this.config.data[name];
    if (command === undefined) return true;
    return this.command(`data ${name}`, command, undefined, `${name}: `);
  }

  /** Seeds the app's data unless an earlier tier of this attempt did. */
  async seedOnce(): Promise<boolean> {
    if (this.app.seeded) return true;
    if (!(await this.hook('seed'))) return false;
    this.app.seeded = this.config.data.seed !== undefined;
    return true;
  }

  /**
   * A recipe command line as a check of this tier: limited by its own timeout (a custom test's)
   * and by what is left of the tier's budget.
   */
  async command(
    check: string,
    line: string,
    ownMs: number | undefined,
    prefix = '',
  ): Promise<boolean> {
    const timeoutMs = this.deps.clock.limit(ownMs);
    const result = await runCommandLine(line, {
      cwd: this.deps.cwd,
      env: this.deps.env,
      timeoutMs,
      signal: this.deps.signal,
    });
    const limit = `${String(Math.round(timeoutMs / 1000))}s`;
    return this.checks.add(check, {
      ok: succeeded(result),
      summary: `${prefix}${describeEnd(result, limit)}`,
      results: [result],
    });
  }

  /** The candidate running and healthy: what backup, restore and custom start from. */
  async candidateReady(): Promise<Outcome | undefined> {
    if (this.app.deployed === 'candidate') return undefined;
    const problem = await this.deployHealthy(this.plan.candidate, 'candidate');
    return problem === undefined ? undefined : { status: 'blocked', reason: problem };
  }
}
