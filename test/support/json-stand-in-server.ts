/**
 * The HTTP plumbing the forge API stand-ins share: a server on a free loopback port whose
 * handler errors become 500s, closed with its open connections, and JSON in and out.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export class JsonStandInServer {
  private server: Server | undefined;

  /** Listens on 127.0.0.1; the base URL (with `prefix`, as Gitea serves under /api/v1). */
  async start(handle: Handler, prefix: string): Promise<string> {
    const server = createServer((request, response) => {
      void handle(request, response).catch((error: unknown) => {
        sendJson(response, 500, { message: String(error) });
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${String(port)}${prefix}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => {
        resolve();
      });
      this.server?.closeAllConnections();
    });
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  if (text === '') return {};
  return JSON.parse(text) as Record<string, unknown>;
}
