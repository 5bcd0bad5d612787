/**
 * Which CI system runs us. Forgejo also sets GITEA_ACTIONS and all three set GITHUB_ACTIONS,
 * so the order of the checks matters: act, then Forgejo, then Gitea, then GitHub.
 */

export type PlatformKind = 'act' | 'forgejo' | 'gitea' | 'github' | 'cli';

export interface Platform {
  kind: PlatformKind;
  /** Whether the job summary is shown to people (Gitea ≤ 1.26 writes the file but ignores it). */
  rendersSummary: boolean;
  /** The API base for statuses and comments (GitHub's paths work on Gitea/Forgejo under /api/v1). */
  apiUrl: string | undefined;
  /**
   * The event that started the workflow (GITHUB_EVENT_NAME, which all three runners set; inside a
   * reusable workflow it is the caller's event). Undefined on a command line without it.
   */
  eventName?: string | undefined;
}

export function detectPlatform(env: NodeJS.ProcessEnv): Platform {
  const kind = detectKind(env);
  return {
    kind,
    rendersSummary: kind === 'github',
    apiUrl: apiUrl(kind, env),
    eventName: env.GITHUB_EVENT_NAME || undefined,
  };
}

function detectKind(env: NodeJS.ProcessEnv): PlatformKind {
  if (env.ACT === 'true') return 'act';
  if (env.FORGEJO_ACTIONS === 'true') return 'forgejo';
  if (env.GITEA_ACTIONS === 'true') return 'gitea';
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  return 'cli';
}

function apiUrl(kind: PlatformKind, env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_API_URL) return env.GITHUB_API_URL;
  if ((kind === 'gitea' || kind === 'forgejo') && env.GITHUB_SERVER_URL) {
    return `${env.GITHUB_SERVER_URL.replace(/\/$/, '')}/api/v1`;
  }
  return undefined;
}
