/**
 * A stand-in for the part of the forges' REST API the result card uses, written from GitHub's
 * REST docs ("Issue comments", "Commit statuses"), whose paths Gitea and Forgejo serve under
 * `/api/v1` (`prefix`): list an issue's comments (`per_page` ≤ 100, default 30, pages by a
 * `Link` header), create one (201), edit one (PATCH …/issues/comments/{id}, 200), delete one
 * (204), and create a commit status (POST …/statuses/{sha}: 201, 422 for a state other than
 * error, failure, pending or success). Gitea's and Forgejo's comment images too, from Gitea's
 * API (routers/api/v1/repo/issue_comment_attachment.go): list, upload as multipart field
 * `attachment` with `?name=` (201, with `browser_download_url`), delete (204). 401 "Bad
 * credentials" for a wrong token, 404 elsewhere.
 * `failNext` makes the next calls answer with a status, as an outage or a missing permission
 * would. It is a stand-in, not a forge: the e2e workflow runs against the real API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonStandInServer, readJson, sendJson } from './json-stand-in-server.ts';

export interface StandInComment {
  id: number;
  issue: number;
  body: string;
}

export interface StandInAttachment {
  id: number;
  commentId: number;
  name: string;
  bytes: Buffer;
}

export interface StandInStatus {
  sha: string;
  state: string;
  context: string;
  description: string;
  target_url: string | null;
}

const STATES = new Set(['error', 'failure', 'pending', 'success']);

export class ForgeReviewStandIn {
  readonly comments: StandInComment[] = [];
  readonly statuses: StandInStatus[] = [];
  readonly attachments: StandInAttachment[] = [];
  readonly requests: string[] = [];
  private readonly server = new JsonStandInServer();
  private nextId = 100;
  private failures: number[] = [];
  url = '';

  constructor(
    readonly repository: string,
    readonly token: string,
    readonly prefix = '',
  ) {}

  /** A comment someone else left, to check the card leaves it alone. */
  seedComment(issue: number, body: string): StandInComment {
    const comment = { id: this.nextId++, issue, body };
    this.comments.push(comment);
    return comment;
  }

  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** The latest status per context, as a forge shows the commit's checks. */
  latestStatuses(sha: string): Map<string, StandInStatus> {
    const latest = new Map<string, StandInStatus>();
    for (const status of this.statuses) if (status.sha === sha) latest.set(status.context, status);
    return latest;
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
    const method = request.method ?? '';
    this.requests.push(`${method} ${url.pathname}`);
    const failure = this.failures.shift();
    if (failure !== undefined) {
      sendJson(response, failure, { message: `stand-in failure ${String(failure)}` });
      return;
    }
    const auth = request.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      sendJson(response, 401, { message: 'Bad credentials' });
      return;
    }
    const base = `${this.prefix}/repos/${this.repository}`;
    if (!url.pathname.startsWith(`${base}/`)) {
      sendJson(response, 404, { message: 'Not Found' });
      return;
    }
    const rest = url.pathname.slice(base.length);
    const assets = /^\/issues\/comments\/(\d+)\/assets(?:\/(\d+))?$/.exec(rest);
    if (assets) {
      await this.handleAssets(Number(assets[1]), assets[2], url, request, response);
      return;
    }
    const body = method === 'GET' || method === 'DELETE' ? {} : await readJson(request);
    let match = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (match && method === 'GET') {
      this.listComments(Number(match[1]), url, request, response);
      return;
    }
    if (match && method === 'POST') {
      if (typeof body.body !== 'string' || body.body === '') {
        sendJson(response, 422, { message: 'Validation Failed' });
        return;
      }
      const comment = this.seedComment(Number(match[1]), body.body);
      sendJson(response, 201, this.view(comment));
      return;
    }
    match = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (match) {
      const index = this.comments.findIndex((c) => c.id === Number(match?.[1]));
      const comment = this.comments[index];
      if (comment === undefined) {
        sendJson(response, 404, { message: 'Not Found' });
      } else if (method === 'PATCH' && typeof body.body === 'string') {
        comment.body = body.body;
        sendJson(response, 200, this.view(comment));
      } else if (method === 'DELETE') {
        this.comments.splice(index, 1);
        response.writeHead(204).end();
      } else {
        sendJson(response, 422, { message: 'Validation Failed' });
      }
      return;
    }
    match = /^\/statuses\/([0-9a-f]{7,64})$/i.exec(rest);
    if (match && method === 'POST') {
      if (typeof body.state !== 'string' || !STATES.has(body.state)) {
        sendJson(response, 422, { message: 'Validation Failed', errors: [{ field: 'state' }] });
        return;
      }
      const status: StandInStatus = {
        sha: match[1] ?? '',
        state: body.state,
        context: typeof body.context === 'string' ? body.context : 'default',
        description: typeof body.description === 'string' ? body.description : '',
        target_url: typeof body.target_url === 'string' ? body.target_url : null,
      };
      this.statuses.push(status);
      sendJson(response, 201, { id: this.statuses.length, ...status });
      return;
    }
    sendJson(response, 404, { message: 'Not Found' });
  }

  private async handleAssets(
    commentId: number,
    attachmentId: string | undefined,
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    if (!this.comments.some((c) => c.id === commentId)) {
      sendJson(response, 404, { message: 'comment not found' });
      return;
    }
    const view = (a: StandInAttachment) => ({
      id: a.id,
      name: a.name,
      size: a.bytes.length,
      browser_download_url: `${this.url.replace(this.prefix, '')}/attachments/${String(a.id)}`,
    });
    const method = request.method ?? '';
    if (attachmentId === undefined && method === 'GET') {
      sendJson(response, 200, this.attachments.filter((a) => a.commentId === commentId).map(view));
    } else if (attachmentId === undefined && method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      // The multipart body read by fetch's own FormData parser (deprecated for servers because it
      // buffers; a stand-in reading one small test upload can afford that).
      const upload = new Response(Buffer.concat(chunks), {
        headers: { 'content-type': request.headers['content-type'] ?? '' },
      });
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      const form = await upload.formData();
      const file = form.get('attachment');
      if (!(file instanceof File)) {
        sendJson(response, 500, { message: 'GetFile: http: no such file' });
        return;
      }
      const attachment: StandInAttachment = {
        id: this.nextId++,
        commentId,
        name: url.searchParams.get('name') ?? file.name,
        bytes: Buffer.from(await file.arrayBuffer()),
      };
      this.attachments.push(attachment);
      sendJson(response, 201, view(attachment));
    } else if (attachmentId !== undefined && method === 'DELETE') {
      const index = this.attachments.findIndex(
        (a) => a.id === Number(attachmentId) && a.commentId === commentId,
      );
      if (index < 0) {
        sendJson(response, 404, { message: 'no such attachment in comment' });
        return;
      }
      this.attachments.splice(index, 1);
      response.writeHead(204).end();
    } else {
      sendJson(response, 404, { message: 'Not Found' });
    }
  }

  private listComments(
    issue: number,
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, 100);
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const all = this.comments.filter((c) => c.issue === issue);
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    if (page < last) {
      const next = new URL(url.pathname + url.search, `http://${request.headers.host ?? ''}`);
      next.searchParams.set('page', String(page + 1));
      response.setHeader('link', `<${next.toString()}>; rel="next"`);
    }
    sendJson(
      response,
      200,
      all.slice((page - 1) * perPage, page * perPage).map((c) => this.view(c)),
    );
  }

  private view(comment: StandInComment): Record<string, unknown> {
    const [owner, repo] = this.repository.split('/');
    return {
      id: comment.id,
      body: comment.body,
      html_url: `https://forge.test/${owner ?? ''}/${repo ?? ''}/pull/${String(comment.issue)}#issuecomment-${String(comment.id)}`,
      user: { login: 'recipe-ci-bot' },
    };
  }
}
