/**
 * recipe-suite's time plan, made before anything is deployed: each tier that will run takes its
 * whole `timeout` (health waits and custom tests are inside it), each attempt ends with a
 * teardown, `repeat` multiplies both, each upgrade path of `previous: last-N` takes the
 * upgrade tier's whole timeout, the screenshot after the first install is added once, and
 * the job's slack is kept for diagnostics, results and the post steps. Against the time left of
 * the job (see platform/job-deadline.ts) it fits or it does not; when it does not, the run stops
 * with the arithmetic and the knobs to turn.
 */
import { formatDuration } from '../shared/duration.ts';
import { JOB_SLACK_MS, type JobDeadline } from '../platform/job-deadline.ts';
import type { RecipeConfig } from '../recipe/config.ts';
import { TIERS, type TierName } from '../recipe/tiers.ts';
import { TEARDOWN_BUDGET_MS } from './clock.ts';

export interface BudgetLine {
  item: string;
  ms: number;
  /** Where the figure comes from, e.g. `tiers.install.timeout` or `default`. */
  source: string;
  /** How many times the item runs per attempt: the upgrade paths of `previous: last-N`. */
  times?: number;
}

export interface SuiteBudget {
  /** One attempt: the tiers that run, then its teardown. */
  attempt: BudgetLine[];
  repeat: number;
  /** Once per run, not per attempt: the screenshot after the first attempt's install. */
  once: BudgetLine[];
  slackMs: number;
  totalMs: number;
  /** Time left of the job when planned; undefined without a deadline. */
  leftMs: number | undefined;
  deadline: JobDeadline | undefined;
}

export function planBudget(
  config: RecipeConfig,
  selected: ReadonlySet<TierName>,
  repeat: number,
  deadline: JobDeadline | undefined,
  now = Date.now(),
  upgradePaths = 1,
): SuiteBudget {
  const attempt: BudgetLine[] = [];
  for (const tier of TIERS) {
    const settings = config.tiers[tier];
    if (!selected.has(tier) || settings.notApplicable !== undefined) continue;
    attempt.push({
      item: tier,
      ms: settings.timeoutMs,
      source: settings.timeoutGiven ? `tiers.${tier}.timeout` : 'default',
      ...(tier === 'upgrade' && upgradePaths > 1 ? { times: upgradePaths } : {}),
    });
  }
  attempt.push({ item: 'teardown', ms: TEARDOWN_BUDGET_MS, source: 'fixed' });
  const once: BudgetLine[] = [];
  const install = attempt.some((line) => line.item === 'install');
  if (config.screenshot !== undefined && install) {
    once.push({
      item: 'screenshot',
      ms: config.screenshot.timeoutMs,
      source: config.screenshot.timeoutGiven ? 'screenshot.timeout' : 'default',
    });
  }
  const perAttempt = sumOf(attempt);
  return {
    attempt,
    repeat,
    once,
    slackMs: JOB_SLACK_MS,
    totalMs: perAttempt * repeat + sumOf(once) + JOB_SLACK_MS,
    leftMs: deadline?.remainingMs(now),
    deadline,
  };
}

function sumOf(lines: readonly BudgetLine[]): number {
  return lines.reduce((sum, line) => sum + lineMs(line), 0);
}

function lineMs(line: BudgetLine): number {
  return line.ms * (line.times ?? 1);
}

/** `upgrade 12m` or, for the paths of `last-3`, `upgrade 12m × 3 paths`. */
function lineText(line: BudgetLine): string {
  const times = line.times === undefined ? '' : ` × ${String(line.times)} paths`;
  return `${line.item} ${formatDuration(line.ms)}${times}`;
}

/**
 * `install 8m + upgrade 12m + teardown 5m = 25m, × repeat 2 = 50m, + screenshot 30s, + slack 3m
 * = 53m30s`.
 */
export function budgetArithmetic(budget: SuiteBudget): string {
  const perAttempt = sumOf(budget.attempt);
  const sum = budget.attempt.map(lineText).join(' + ');
  const times =
    budget.repeat > 1
      ? `, × repeat ${String(budget.repeat)} = ${formatDuration(perAttempt * budget.repeat)}`
      : '';
  const once = budget.once.map((l) => `, + ${l.item} ${formatDuration(l.ms)}`).join('');
  return `${sum} = ${formatDuration(perAttempt)}${times}${once}, + slack ${formatDuration(budget.slackMs)} = ${formatDuration(budget.totalMs)}`;
}

/** Why the plan cannot run in the time left, with the knobs; undefined when it fits. */
export function budgetProblem(budget: SuiteBudget, configFile: string): string | undefined {
  if (budget.leftMs === undefined || budget.totalMs <= budget.leftMs) return undefined;
  const longest = [...budget.attempt]
    .filter((l) => l.item !== 'teardown')
    .sort((a, b) => lineMs(b) - lineMs(a))[0];
  const knobs = [
    fewerPaths(budget),
    longest
      ? `lower tiers.${longest.item}.timeout in ${configFile} (now ${formatDuration(longest.ms)})`
      : undefined,
    'select fewer tiers',
    budget.repeat > 1 ? `lower repeat (now ${String(budget.repeat)})` : undefined,
    "raise the job's timeout-minutes and job-timeout",
  ].filter((k) => k !== undefined);
  return `the plan needs ${formatDuration(budget.totalMs)} (${budgetArithmetic(budget)}), but ${formatDuration(Math.max(0, budget.leftMs))} is left of the job's ${budget.deadline?.from ?? 'deadline'}; ${knobs.join(', or ')}`;
}

/**
 * Under `previous: last-N`, the largest N that fits the time left (each path is a whole upgrade
 * tier per attempt), or that none does; undefined with one path or none.
 */
function fewerPaths(budget: SuiteBudget): string | undefined {
  const paths = budget.attempt.find((line) => line.times !== undefined);
  if (paths?.times === undefined || budget.leftMs === undefined) return undefined;
  const left = budget.leftMs;
  for (let n = paths.times - 1; n >= 1; n--) {
    const total = budget.totalMs - (paths.times - n) * paths.ms * budget.repeat;
    if (total <= left) return `use previous: last-${String(n)} (needs ${formatDuration(total)})`;
  }
  const one = budget.totalMs - (paths.times - 1) * paths.ms * budget.repeat;
  return `fewer upgrade paths alone will not do (previous: last-1 needs ${formatDuration(one)})`;
}

/** The plan as table rows: item, budget, from. */
export function budgetRows(budget: SuiteBudget): string[][] {
  const rows = budget.attempt.map((l) => [
    l.times === undefined ? l.item : `${l.item} × ${String(l.times)} paths`,
    formatDuration(lineMs(l)),
    l.source,
  ]);
  if (budget.repeat > 1) rows.push([`× repeat ${String(budget.repeat)}`, '', 'repeat']);
  for (const l of budget.once) rows.push([`${l.item} (once)`, formatDuration(l.ms), l.source]);
  rows.push(['slack (diagnostics, results, post)', formatDuration(budget.slackMs), 'fixed']);
  rows.push(['total', formatDuration(budget.totalMs), '']);
  rows.push([
    'left of the job',
    budget.leftMs === undefined ? 'no deadline' : formatDuration(Math.max(0, budget.leftMs)),
    budget.deadline?.from ?? 'give job-timeout to plan against the job',
  ]);
  return rows;
}
