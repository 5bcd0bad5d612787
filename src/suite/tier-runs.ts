/**
 * One function per tier, each its sequence over the shared tier context. A precondition that
 * fails (the previous version would not deploy, no backup to restore) makes the tier `blocked`;
 * only what the tier itself tests makes it `failed`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { Backend, DeploySource } from '../deploy/backend.ts';
import type { TierName } from '../recipe/tiers.ts';
import type { Outcome, TierContext } from './tier-context.ts';

const failed = (reason: string): Outcome => ({ status: 'failed', reason });
const blocked = (reason: string): Outcome => ({ status: 'blocked', reason });

async function install(ctx: TierContext): Promise<Outcome> {
  const problem = await ctx.deployHealthy(ctx.plan.candidate, 'candidate');
  return problem === undefined
    ? { status: 'passed', reason: 'deployed once, healthy' }
    : failed(problem);
}

async function upgrade(ctx: TierContext): Promise<Outcome> {
  const { plan, app } = ctx;
  if (plan.upgradeBlocked !== undefined) return blocked(plan.upgradeBlocked);
  if (plan.held !== undefined) return { status: 'held', reason: plan.held };
  if ('none' in plan.previous) return { status: 'skipped', reason: plan.previous.none };
  // Under last-N the engine gives each run its path; a single previous version is the plan's.
  const start = ctx.from ?? ('source' in plan.previous ? plan.previous : undefined);
  if (start === undefined) return { status: 'skipped', reason: 'no release to upgrade from' };
  let previous: DeploySource;
  try {
    previous = await start.source();
  } catch (error) {
    return blocked(`cannot get the previous version: ${(error as Error).message}`);
  }
  const label = previous.version ?? 'previous';
  const problem = await ctx.deployHealthy(previous, label);
  if (problem !== undefined) return blocked(problem);
  if (!(await ctx.seedOnce())) return blocked('seeding data failed');
  const upgraded = await ctx.backend.upgrade(plan.candidate);
  // Until the candidate is healthy, what runs is neither version for sure: the next deploy
  // (another path, or the candidate for backup) tears it down first.
  app.deployed = 'unsettled';
  if (!ctx.checks.add(`upgrade ${label} → candidate`, upgraded))
    return failed(`upgrade from ${label} failed`);
  if (!(await ctx.healthy('health after upgrade')))
    return failed(`not healthy after the upgrade from ${label}`);
  app.deployed = 'candidate';
  if (!(await ctx.hook('verify')))
    return failed(`data seeded on ${label} did not survive the upgrade`);
  const data = app.seeded ? ', data kept' : ' (no data hooks: data not checked)';
  return { status: 'passed', reason: `${label} → candidate${data}` };
}

async function backup(ctx: TierContext): Promise<Outcome> {
  const notReady = await ctx.candidateReady();
  if (notReady) return notReady;
  if (!(await ctx.seedOnce())) return blocked('seeding data failed');
  const made = await ctx.backend.backup();
  if (!ctx.checks.add('backup create', made)) return failed('backup failed');
  const problem = backupProblem(made.location, ctx.backend.name);
  ctx.checks.add('backup exists and is not empty', {
    ok: problem === undefined,
    summary: problem ?? made.location ?? '',
  });
  if (problem !== undefined) return failed(problem);
  ctx.app.backup = made.location ?? '';
  return {
    status: 'passed',
    reason: `backup at ${made.location ?? 'the backend’s default place'}`,
  };
}

async function restore(ctx: TierContext): Promise<Outcome> {
  const { app, config } = ctx;
  if (app.backup === undefined || app.deployed !== 'candidate')
    return blocked('needs a backup from the backup tier of this run');
  if (config.data.mutate === undefined || config.data.verify === undefined) {
    return {
      status: 'skipped',
      reason: `${config.file} gives no data.mutate and data.verify to prove a restore`,
    };
  }
  if (!(await ctx.hook('mutate'))) return blocked('mutating data failed');
  if (!ctx.checks.add('restore', await ctx.backend.restore(app.backup)))
    return failed('restore failed');
  if (!(await ctx.healthy('health after restore'))) return failed('not healthy after the restore');
  if (!(await ctx.hook('verify'))) return failed('the restore did not bring the data back');
  return { status: 'passed', reason: 'mutated data was brought back' };
}

async function custom(ctx: TierContext): Promise<Outcome> {
  const tests = ctx.config.custom;
  if (tests.length === 0)
    return { status: 'skipped', reason: `${ctx.config.file} declares no custom tests` };
  const notReady = await ctx.candidateReady();
  if (notReady) return notReady;
  let failures = 0;
  let blocks = 0;
  for (const test of tests) {
    if (test.needsOidc && !ctx.plan.oidc) {
      ctx.checks.blocked(test.name, 'needs OIDC settings, and no env-file with them was given');
      blocks++;
    } else if (!(await ctx.command(test.name, test.run, test.timeoutMs))) {
      failures++;
    }
  }
  const of = (n: number): string => `${String(n)} of ${String(tests.length)} custom tests`;
  if (failures > 0) return failed(`${of(failures)} failed`);
  if (blocks > 0) return blocked(`${of(blocks)} need OIDC, which is missing`);
  return { status: 'passed', reason: `${String(tests.length)} custom tests passed` };
}

/** The recipe's files through the backend's linter; the app, deployed or not, is not asked. */
async function lint(ctx: TierContext): Promise<Outcome> {
  const step = await ctx.backend.lint(ctx.plan.candidate);
  if (step.skipped !== undefined) return { status: 'skipped', reason: step.skipped };
  return ctx.checks.add('lint', step)
    ? { status: 'passed', reason: step.summary }
    : failed(step.summary);
}

export const TIER_RUNS: Record<TierName, (ctx: TierContext) => Promise<Outcome>> = {
  install,
  upgrade,
  backup,
  restore,
  custom,
  lint,
};

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
