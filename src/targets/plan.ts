/**
 * The plan: which targets run, which are skipped and why, and the matrix the test job expands.
 * Unselected targets are left out of the matrix — skipped, never failed — and an empty plan says
 * so through `hasTargets`, because GitHub and Gitea reject a matrix with no entries.
 */
import type { Selection } from './selection.ts';
import { MATRIX_NAME_KEY, type Target } from './spec.ts';

/** Events on which a person chooses the targets; every other event tests the default set. */
export const DISPATCH_EVENTS: readonly string[] = ['workflow_dispatch', 'repository_dispatch'];

export interface PlannedTarget {
  readonly target: Target;
  readonly runs: boolean;
  /** Why it runs or why it was skipped, in words for the log and the summary. */
  readonly reason: string;
}

export interface Plan {
  /** The event the plan was made for; undefined on a command line (treated as a dispatch). */
  readonly event: string | undefined;
  /** Whether `selected` applied (a dispatch or the command line) or the default set ran. */
  readonly dispatched: boolean;
  readonly entries: readonly PlannedTarget[];
  /** Set when `selected` was given on an event that ignores it, so the log can say so. */
  readonly ignoredSelection: boolean;
}

/** Whether `selected` applies to this event: dispatches, and a command line with no event. */
export function isDispatch(event: string | undefined): boolean {
  return event === undefined || DISPATCH_EVENTS.includes(event);
}

export function planTargets(
  targets: readonly Target[],
  selection: Selection,
  event: string | undefined,
): Plan {
  const dispatched = isDispatch(event);
  const entries = targets.map((target): PlannedTarget => {
    if (!dispatched) {
      return target.isDefault
        ? { target, runs: true, reason: `in the default set (${event ?? ''} run)` }
        : {
            target,
            runs: false,
            reason: `\`default: false\`: runs only when chosen in a dispatch`,
          };
    }
    if (selection.kind === 'all') return { target, runs: true, reason: 'all targets selected' };
    return selection.names.includes(target.name)
      ? { target, runs: true, reason: 'selected' }
      : { target, runs: false, reason: `not selected (selected: ${selection.names.join(', ')})` };
  });
  return {
    event,
    dispatched,
    entries,
    ignoredSelection: !dispatched && selection.kind === 'names',
  };
}

export function running(plan: Plan): Target[] {
  return plan.entries.filter((entry) => entry.runs).map((entry) => entry.target);
}

export function skipped(plan: Plan): Target[] {
  return plan.entries.filter((entry) => !entry.runs).map((entry) => entry.target);
}

/**
 * `{"include": [...]}` for `strategy.matrix: ${{ fromJSON(...) }}`: one entry per running target,
 * its properties as given plus `target` set to its name (so `matrix.target` names the job), and
 * with `appDomain`, a `domain` for the app unless the target sets its own.
 */
export function matrixOf(
  plan: Plan,
  appDomain?: () => string,
): { include: Record<string, unknown>[] } {
  return {
    include: running(plan).map((target) => ({
      // Decided here, once per target, so oidc-realm and recipe-suite get the same domain.
      ...(appDomain ? { domain: appDomain() } : {}),
      ...target.properties,
      [MATRIX_NAME_KEY]: target.name,
    })),
  };
}
