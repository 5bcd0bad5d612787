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

/** Serve every repository under `root` read-only until `close()`. */
export async function startGitHttpServer(root: string): Promise<GitHttpServer> {
  const server = createServer((request, response) => {
    serveOne(root, request, response);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${String(port)}`, close: () => closeServer(server) };
}

function serveOne(root: string, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  // Fetching only: a push is refused before git sees it.
  if (url.pathname.endsWith('/git-receive-pack') || url.search.includes('git-receive-pack')) {
    response.writeHead(403).end('read-only\n');
    return;
  }
  const cgi = spawn('git', ['http-backend'], {
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
  });
  request.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let headerDone = false;
  let errors = '';
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
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else response.setHeader(name, value);
    }
    response.writeHead(status);
    response.write(head.subarray(end + 4));
  });
  cgi.on('close', (code) => {
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
