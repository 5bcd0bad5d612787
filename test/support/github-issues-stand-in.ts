/**
 * A stand-in for the part of GitHub's REST API that alert issues use, written from GitHub's
 * REST docs ("Issues" and "Issue comments"): list a repository's issues, get one and its comments (pull requests are
 * issues too and come back with a `pull_request` key; `state` defaults to open; `per_page`
 * defaults to 30, at most 100; pages linked by a `Link` header), create (201, 422 without a
 * title), update (`state: closed`), comment (201), 401 "Bad credentials" for a wrong token, 404
 * for another repository. `prefix` serves it under a base path, as Gitea and Forgejo serve the
 * same paths under `/api/v1`. It is a stand-in, not GitHub: the e2e workflow runs against the
 * real API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonStandInServer, readJson, sendJson } from './json-stand-in-server.ts';

export interface StandInIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  pull: boolean;
  comments: string[];
  created: number;
}

export class GitHubIssuesStandIn {
  readonly issues: StandInIssue[] = [];
  readonly requests: string[] = [];
  private readonly server = new JsonStandInServer();
  private nextNumber = 1;
  private clock = 0;
  url = '';

  constructor(
    readonly repository: string,
    readonly token: string,
    readonly prefix = '',
  ) {}

  /** Seed an issue (or a pull request) as if someone had opened it. */
  seed(title: string, options: { pull?: boolean; state?: 'open' | 'closed' } = {}): StandInIssue {
    const issue: StandInIssue = {
      number: this.nextNumber++,
      title,
      body: '',
      state: options.state ?? 'open',
      pull: options.pull ?? false,
      comments: [],
      created: this.clock++,
    };
    this.issues.push(issue);
    return issue;
  }

  async start(): Promise<string> {
    this.url = await this.server.start(
      (request, response) => this.handle(request, response),
      this.prefix,
    );
    return this.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    this.requests.push(`${request.method ?? ''} ${url.pathname}${url.search}`);
    const auth = request.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      sendJson(response, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
      return;
    }
    const base = `${this.prefix}/repos/${this.repository}/issues`;
    if (!url.pathname.startsWith(base)) {
      sendJson(response, 404, { message: 'Not Found' });
      return;
    }
    const rest = url.pathname.slice(base.length);
    const body = request.method === 'GET' ? {} : await readJson(request);
    if (rest === '' && request.method === 'GET') {
      this.list(url, request, response);
      return;
    }
    if (rest === '' && request.method === 'POST') {
      if (typeof body.title !== 'string' || body.title === '') {
        sendJson(response, 422, {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
        });
        return;
      }
      const issue = this.seed(body.title);
      issue.body = typeof body.body === 'string' ? body.body : '';
      sendJson(response, 201, this.view(issue));
      return;
    }
    const match = /^\/(\d+)(\/comments)?$/.exec(rest);
    const issue = this.issues.find((i) => i.number === Number(match?.[1]));
    if (!match || !issue) {
      sendJson(response, 404, { message: 'Not Found' });
      return;
    }
    if (request.method === 'GET') {
      if (match[2]) {
        sendJson(
          response,
          200,
          issue.comments.map((text, index) => ({ id: index + 1, body: text })),
        );
      } else {
        sendJson(response, 200, this.view(issue));
      }
      return;
    }
    if (match[2] && request.method === 'POST') {
      if (typeof body.body !== 'string') {
        sendJson(response, 422, { message: 'Validation Failed' });
        return;
      }
      issue.comments.push(body.body);
      sendJson(response, 201, { id: issue.comments.length, body: body.body });
      return;
    }
    if (!match[2] && request.method === 'PATCH') {
      if (typeof body.title === 'string') issue.title = body.title;
      if (typeof body.body === 'string') issue.body = body.body;
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
      sendJson(response, 200, this.view(issue));
      return;
    }
    sendJson(response, 404, { message: 'Not Found' });
  }

  private list(url: URL, request: IncomingMessage, response: ServerResponse): void {
    const state = url.searchParams.get('state') ?? 'open';
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, 100);
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const all = this.issues
      .filter((i) => state === 'all' || i.state === state)
      .sort((a, b) => b.created - a.created);
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    const link = (n: number, rel: string): string => {
      const next = new URL(url.pathname + url.search, `http://${request.headers.host ?? ''}`);
      next.searchParams.set('page', String(n));
      return `<${next.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    if (links.length > 0) response.setHeader('link', links.join(', '));
    sendJson(
      response,
      200,
      all.slice((page - 1) * perPage, page * perPage).map((i) => this.view(i)),
    );
  }

  private view(issue: StandInIssue): Record<string, unknown> {
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body === '' ? null : issue.body,
      state: issue.state,
      comments: issue.comments.length,
      ...(issue.pull ? { pull_request: { url: `${this.url}/pulls/${String(issue.number)}` } } : {}),
    };
  }
}
