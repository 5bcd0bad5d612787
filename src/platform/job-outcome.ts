/**
 * The outcome a post step's `keep` or `cleanup` judges. A post step cannot see the job's status,
 * and the failure worth keeping something for usually comes from a LATER step (the recipe's
 * tests). So a workflow tells us: a last step `if: failure()` that writes
 * `RECIPE_CI_JOB_STATUS=failure` to GITHUB_ENV, which every later post step inherits. Every post
 * step reads it the same way, so provision's `keep: on-failure`, oidc-realm's
 * `cleanup: on-success` and recipe-suite's `keep` agree. Otherwise our own main step's outcome
 * is all we know.
 */
export const JOB_STATUS_VARIABLE = 'RECIPE_CI_JOB_STATUS';

export function jobOutcome(mainOutcome: string | undefined, env: NodeJS.ProcessEnv): string {
  if (mainOutcome === 'cancelled') return 'cancelled';
  if (env[JOB_STATUS_VARIABLE] === 'failure') return 'failure';
  return mainOutcome ?? 'failure';
}
