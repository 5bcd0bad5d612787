/**
 * Which repository and which run this is, as the CI tells it: GitHub-style runners (GitHub,
 * Gitea, Forgejo, act), then Drone, then Woodpecker. Off any CI (a laptop) the repository is
 * `local` and the run id is made of the time, so two manual runs never share a name. One home,
 * because the names provision and oidc-realm build from it are what their janitors read back.
 */
import { tmpdir } from 'node:os';

export interface RunOrigin {
  /** `owner/name`, when a CI says. */
  repository: string | undefined;
  /** The repository's own name, or `local`. */
  repo: string;
  runId: string;
  attempt: string;
}

export function runOrigin(env: NodeJS.ProcessEnv, now: number = Date.now()): RunOrigin {
  const repository = env.GITHUB_REPOSITORY || env.DRONE_REPO || env.CI_REPO || undefined;
  return {
    repository,
    repo: repository?.split('/').pop() || 'local',
    runId:
      env.GITHUB_RUN_ID ||
      env.DRONE_BUILD_NUMBER ||
      env.CI_PIPELINE_NUMBER ||
      `manual${Math.floor(now / 1000).toString(36)}`,
    attempt: env.GITHUB_RUN_ATTEMPT || '1',
  };
}

/** Where a step keeps its files: the runner's RUNNER_TEMP (wiped after the job), else /tmp. */
export function runnerTemp(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || tmpdir();
}

/** A forge token a CI put in the environment (GITHUB_TOKEN), for a report made off a runner. */
export function forgeTokenOf(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_TOKEN || undefined;
}

/** The runner's file commands: a step run as a child of ours must not write to the job's. */
export const RUNNER_FILE_COMMANDS = [
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_STEP_SUMMARY',
] as const;
