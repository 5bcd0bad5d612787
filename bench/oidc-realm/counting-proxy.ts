/**
 * A loopback HTTP proxy in front of Keycloak that counts what passes through it: how the
 * benchmark learns what a kcadm.sh call sends without trusting its documentation. Used for one
 * untimed life only, so its own latency is in no figure.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RequestCount {
  /** Requests to /admin/…. */
  admin: number;
  all: number;
}

export interface CountingProxy {
  url: string;
  count: RequestCount;
  close(): Promise<void>;
}

export async function countingProxy(target: string): Promise<CountingProxy> {
  const count: RequestCount = { admin: 0, all: 0 };
  const server = createServer((incoming, reply) => {
    count.all++;
    if ((incoming.url ?? '').startsWith('/admin/')) count.admin++;
    const upstream = request(
      new URL(incoming.url ?? '/', target),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        reply.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(reply);
      },
    );
    upstream.on('error', () => {
      reply.writeHead(502).end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
