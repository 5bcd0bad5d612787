/**
 * A forge's git side on loopback: the repositories under one folder (`<owner>/<name>`), served
 * over git's smart HTTP protocol by git's own `git http-backend` (a CGI program) behind Node's
 * HTTP server. Engines that fetch actions by URL (`uses: http://host/owner/repo/path@ref`), and
 * not from a path, clone from here as they would from a Gitea or Forgejo instance.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>`: a repository is `<url>/<owner>/<name>`. */
  url: string;
  close(): Promise<void>;
}

export interface GitHttpServerOptions {
  /** The CGI program and its arguments; `git http-backend` unless a test needs another. */
  backend?: string[];
}

/** Serve every repository under `root` read-only until `close()`. */
export async function startGitHttpServer(
  root: string,
  options: GitHttpServerOptions = {},
): Promise<GitHttpServer> {
  const backend = options.backend ?? ['git', 'http-backend'];
  const server = createServer((request, response) => {
    serveOne(backend, root, request, response);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${String(port)}`, close: () => closeServer(server) };
}

/** The CGI's `Status:` value as an HTTP status, or undefined when it is not one. */
function parseStatus(value: string): number | undefined {
  const status = Number.parseInt(value, 10);
  return Number.isInteger(status) && status >= 100 && status <= 999 ? status : undefined;
}

function serveOne(
  backend: string[],
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  // Fetching only: a push is refused before git sees it.
  if (url.pathname.endsWith('/git-receive-pack') || url.search.includes('git-receive-pack')) {
    response.writeHead(403).end('read-only\n');
    return;
  }
  const [program = 'git', ...args] = backend;
  // A group of its own: http-backend runs upload-pack, which writes to the same pipe.
  const cgi = spawn(program, args, {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: request.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      // Clients may send the body gzip-compressed; http-backend inflates it when told.
      HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let errors = '';
  /** The answer has been given (a 500 for a head that is not one): 'close' adds nothing. */
  let ended = false;
  // A program that cannot start: 'close' follows and answers 500 with this.
  cgi.on('error', (error) => (errors += `${error.message}\n`));
  // The backend may stop reading the body (it failed, or needed no more of it): EPIPE, no crash.
  cgi.stdin.on('error', () => undefined);
  request.pipe(cgi.stdin);
  // The answer ended before the backend did (the client left, or its status made no sense):
  // nothing reads what it writes any more, so it and what it started are ended.
  response.on('close', () => {
    const pid = cgi.pid;
    if (pid === undefined || pid <= 1 || cgi.exitCode !== null || cgi.signalCode !== null) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // gone already
    }
    cgi.stdout.destroy();
  });
  let head = Buffer.alloc(0);
  let headerDone = false;
  cgi.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headerDone) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headerDone = true;
    let status: number | undefined = 200;
    const headers: [string, string][] = [];
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = parseStatus(value);
      else headers.push([name, value]);
    }
    try {
      if (status === undefined) throw new Error('its Status header is not an HTTP status');
      response.writeHead(status, headers.flat());
    } catch (error) {
      // A head Node cannot send: the client gets a 500 that says why, and the rest is dropped.
      ended = true;
      const why = error instanceof Error ? error.message : String(error);
      response.writeHead(500).end(`git http-backend answered a head we cannot send: ${why}\n`);
      cgi.stdout.destroy();
      return;
    }
    response.write(head.subarray(end + 4));
  });
  cgi.on('close', (code) => {
    if (ended) return;
    ended = true;
    if (!headerDone) {
      response.writeHead(500).end(`git http-backend exited ${String(code)}: ${errors}`);
      return;
    }
    response.end();
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((closed) => server.close(() => closed()));
}
