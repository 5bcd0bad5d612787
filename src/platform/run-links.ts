/**
 * What the report needs of the run it reports on, from the CI's own variables: the repository,
 * the pull request and the commit to post to, and the run's page. GitHub, Gitea and Forgejo set
 * GITHUB_* and an event payload file; Drone (DRONE_*) and Woodpecker (CI_*) set their own.
 */
import { readFileSync } from 'node:fs';
import { runOrigin } from './run-origin.ts';

export interface RunLinks {
  repository: string | undefined;
  pullRequest: number | undefined;
  /** Undefined where the event names no commit of the pull request (a `!testme` comment). */
  sha: string | undefined;
  runUrl: string | undefined;
  /** Where the run's artifacts (the results and screenshots) are listed. */
  artifactsUrl: string | undefined;
}

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string } };
  issue?: { number?: number; pull_request?: unknown };
}

export function runLinksOf(env: NodeJS.ProcessEnv): RunLinks {
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const runUrl = runUrlOf(env);
  const { repository } = runOrigin(env);
  const onPullRequest = event.pull_request?.number;
  // An issue_comment's payload names the issue; it is a pull request's when pull_request is set.
  const onComment = event.issue?.pull_request == null ? undefined : event.issue.number;
  const fromDrone = positive(env.DRONE_PULL_REQUEST) ?? positive(env.CI_COMMIT_PULL_REQUEST);
  return {
    repository,
    pullRequest: onPullRequest ?? onComment ?? fromDrone,
    sha:
      event.pull_request?.head?.sha ??
      (onComment === undefined
        ? env.GITHUB_SHA || env.DRONE_COMMIT_SHA || env.CI_COMMIT_SHA || undefined
        : undefined),
    runUrl,
    artifactsUrl: env.GITHUB_RUN_ID && runUrl ? `${runUrl}#artifacts` : runUrl,
  };
}

/** This job's log for the card's link: the run's page, with the job's id (GITHUB_JOB) as its name. */
export function jobLinkOf(env: NodeJS.ProcessEnv): { name?: string; url?: string } | undefined {
  const url = runUrlOf(env);
  if (url === undefined && !env.GITHUB_JOB) return undefined;
  return { ...(env.GITHUB_JOB ? { name: env.GITHUB_JOB } : {}), ...(url ? { url } : {}) };
}

/**
 * GitHub's run page is /actions/runs/<run id>, and so is current Gitea's (routes moved from the
 * run's number to its id in gitea#36842, 2026; Gitea 1.21–1.25 served the number, gitea#28621).
 * Forgejo serves the repository's run number (GITHUB_RUN_NUMBER). Drone and Woodpecker give the
 * link whole.
 */
function runUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL?.replace(/\/$/, '');
  if (server && env.GITHUB_REPOSITORY) {
    const id = env.FORGEJO_ACTIONS === 'true' ? env.GITHUB_RUN_NUMBER : env.GITHUB_RUN_ID;
    if (id) return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${id}`;
  }
  return env.DRONE_BUILD_LINK || env.CI_PIPELINE_URL || undefined;
}

function readEvent(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof data === 'object' && data !== null ? data : {};
  } catch {
    return {};
  }
}

function positive(text: string | undefined): number | undefined {
  const number = Number(text);
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
}
