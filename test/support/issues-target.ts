/**
 * Where the alert-issue tests open their issues: the GitHub issues stand-in by default, or a
 * real repository's issues API when RECIPE_CI_ISSUES_API_URL, RECIPE_CI_ISSUES_TOKEN and
 * RECIPE_CI_ISSUES_REPOSITORY are set (the e2e-alerts workflow sets them to its own
 * repository and GITHUB_TOKEN). The tests read back through the same REST calls either way, so
 * one test checks the stand-in here and GitHub itself on a hosted runner.
 */
import { GitHubIssuesStandIn } from './github-issues-stand-in.ts';

export interface IssueView {
  number: number;
  title: string;
  body: string;
  state: string;
  comments: string[];
}

export interface IssuesTarget {
  readonly real: boolean;
  readonly apiUrl: string;
  readonly token: string;
  readonly repository: string;
  /** The stand-in itself, for what only it can show (seeded issues, the requests it got). */
  readonly standIn: GitHubIssuesStandIn | undefined;
  /** Open issues (not pull requests) whose title starts with `prefix`. */
  open(prefix: string): Promise<IssueView[]>;
  get(number: number): Promise<IssueView>;
  /** Close every open issue whose title starts with `prefix` (what a test opened). */
  closeAll(prefix: string): Promise<number[]>;
  stop(): Promise<void>;
}

/** A real repository's API when the environment names one, else a fresh stand-in. */
export async function issuesTarget(
  standInOptions: { token?: string; prefix?: string } = {},
): Promise<IssuesTarget> {
  const env = process.env;
  if (env.RECIPE_CI_ISSUES_API_URL) {
    const { RECIPE_CI_ISSUES_TOKEN: token, RECIPE_CI_ISSUES_REPOSITORY: repository } = env;
    if (!token || !repository) {
      throw new Error('RECIPE_CI_ISSUES_API_URL needs RECIPE_CI_ISSUES_TOKEN and _REPOSITORY');
    }
    return restTarget(env.RECIPE_CI_ISSUES_API_URL, token, repository, undefined);
  }
  const standIn = new GitHubIssuesStandIn(
    'ops/warm',
    standInOptions.token ?? 'tok-123',
    standInOptions.prefix ?? '',
  );
  await standIn.start();
  return restTarget(standIn.url, standIn.token, standIn.repository, standIn);
}

/** Whether the tests run against a real API (some checks need the stand-in's seeding). */
export function realIssuesApi(): boolean {
  return Boolean(process.env.RECIPE_CI_ISSUES_API_URL);
}

function restTarget(
  apiUrl: string,
  token: string,
  repository: string,
  standIn: GitHubIssuesStandIn | undefined,
): IssuesTarget {
  const base = `${apiUrl.replace(/\/$/, '')}/repos/${repository}/issues`;
  const call = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(url, {
      ...init,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'user-agent': 'recipe-ci-tests',
      },
    });
    if (!response.ok) {
      throw new Error(
        `${init.method ?? 'GET'} ${url}: ${String(response.status)} ${await response.text()}`,
      );
    }
    return response;
  };
  const view = (raw: Record<string, unknown>, comments: string[]): IssueView => ({
    number: Number(raw.number),
    title: String(raw.title),
    body: typeof raw.body === 'string' ? raw.body : '',
    state: String(raw.state),
    comments,
  });
  const open = async (prefix: string): Promise<IssueView[]> => {
    const found: IssueView[] = [];
    let url: string | undefined = `${base}?state=open&per_page=100`;
    while (url !== undefined) {
      const response = await call(url);
      const page = (await response.json()) as Record<string, unknown>[];
      for (const raw of page) {
        if (raw.pull_request == null && String(raw.title).startsWith(prefix)) {
          found.push(view(raw, []));
        }
      }
      url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    }
    return found;
  };
  return {
    real: standIn === undefined,
    apiUrl,
    token,
    repository,
    standIn,
    open,
    async get(number) {
      const raw = (await (await call(`${base}/${String(number)}`)).json()) as Record<
        string,
        unknown
      >;
      const comments = (await (
        await call(`${base}/${String(number)}/comments?per_page=100`)
      ).json()) as { body?: string }[];
      return view(
        raw,
        comments.map((c) => c.body ?? ''),
      );
    },
    async closeAll(prefix) {
      const closed: number[] = [];
      for (const issue of await open(prefix)) {
        await call(`${base}/${String(issue.number)}`, {
          method: 'PATCH',
          body: JSON.stringify({ state: 'closed' }),
        });
        closed.push(issue.number);
      }
      return closed;
    },
    async stop() {
      await standIn?.close();
    },
  };
}
