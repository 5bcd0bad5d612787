/**
 * HTTP checks against real HTTP and HTTPS servers on loopback: retries through failures inside
 * the budget, body patterns, curl-style resolve (the Host header and TLS SNI keep the URL's
 * name), certificate checks and their opt-out, headers, and redirects left unfollowed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TLSSocket } from 'node:tls';
import type { GateSettings } from '../../src/readiness/gate.ts';
import { realGateDeps } from '../../src/readiness/gate-deps.ts';
import { runHttpChecks, type HttpOutcome } from '../../src/http/checks.ts';
import { parseHttpChecks } from '../../src/http/spec.ts';
import { tempDir } from '../support/temp-dir.ts';

const SETTINGS: GateSettings = {
  timeoutMs: 4000,
  connectTimeoutMs: 1000,
  intervalMs: 100,
  settle: 1,
  cloudInit: 'skip',
  cloudInitAllow: new Set(['done']),
};

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const servers: (http.Server | https.Server)[] = [];
let tls: { key: Buffer; cert: Buffer };

before(() => {
  const dir = tempDir('recipe-ci-http-');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      ...['-subj', '/CN=app.example.test', '-addext', 'subjectAltName=DNS:app.example.test'],
    ],
    { stdio: 'ignore' },
  );
  tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
});
after(() => {
  for (const server of servers) server.close();
});

async function serve(handler: Handler, secure = false): Promise<number> {
  const server = secure ? https.createServer(tls, handler) : http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function check(item: unknown, settings: Partial<GateSettings> = {}): Promise<HttpOutcome> {
  const deps = realGateDeps('unused: HTTP checks do not use SSH');
  const [outcome] = await runHttpChecks(
    parseHttpChecks([item]),
    { ...SETTINGS, ...settings },
    deps,
    new AbortController().signal,
    deps.now(),
  );
  assert.ok(outcome);
  return outcome;
}

describe('HTTP checks', () => {
  it('retry through 503s until the page answers 200 with the expected body', async () => {
    let requests = 0;
    const port = await serve((_request, response) => {
      requests++;
      if (requests < 4) response.writeHead(503).end('starting');
      else response.writeHead(200).end('{"status":"UP"}');
    });
    const outcome = await check({ url: `http://127.0.0.1:${String(port)}/health`, body: '"UP"' });
    assert.equal(outcome.passed, true, outcome.reason);
    assert.equal(outcome.attempts, 4);
    assert.equal(outcome.status, 200);
    assert.deepEqual(
      outcome.timeline.map((e) => e.event),
      ['HTTP 503, expected 200-399', 'HTTP 200', 'ready'],
    );
  });

  it('a body that never matches fails when the budget ends, saying so', async () => {
    const port = await serve((_request, response) => response.writeHead(200).end('maintenance'));
    const outcome = await check(
      { url: `http://127.0.0.1:${String(port)}/`, body: 'Welcome' },
      { timeoutMs: 800 },
    );
    assert.equal(outcome.passed, false);
    assert.match(outcome.reason, /^timed out; last: HTTP 200, body does not match \/Welcome\/$/);
    assert.ok(outcome.attempts >= 2, `${String(outcome.attempts)} attempts`);
    assert.ok(outcome.elapsedMs < 2000, `${String(outcome.elapsedMs)}ms: within the budget`);
  });

  it('resolve connects to the given address and keeps the URL’s name in Host', async () => {
    let host: string | undefined;
    const port = await serve((request, response) => {
      host = request.headers.host;
      response.writeHead(204).end();
    });
    const url = `http://app.example.test:${String(port)}/`;
    const unresolved = await check({ url }, { timeoutMs: 500 });
    assert.equal(unresolved.passed, false);
    assert.match(unresolved.reason, /ENOTFOUND|EAI_AGAIN/);
    const resolved = await check({ url, resolve: `app.example.test:${String(port)}:127.0.0.1` });
    assert.equal(resolved.passed, true, resolved.reason);
    assert.equal(host, `app.example.test:${String(port)}`);
  });

  it('HTTPS verifies the certificate unless insecure; SNI carries the URL’s name', async () => {
    let sni: string | false | null | undefined;
    const port = await serve((request, response) => {
      if (request.socket instanceof TLSSocket) sni = request.socket.servername;
      response.writeHead(200).end('ok');
    }, true);
    const url = `https://app.example.test:${String(port)}/`;
    const verified = await check({ url, resolve: '127.0.0.1' }, { timeoutMs: 500 });
    assert.equal(verified.passed, false);
    assert.match(verified.reason, /SELF_SIGNED|self-signed/);
    const insecure = await check({ url, resolve: '127.0.0.1', insecure: true });
    assert.equal(insecure.passed, true, insecure.reason);
    assert.equal(sni, 'app.example.test');
  });

  it('headers are sent as given', async () => {
    const port = await serve((request, response) => {
      const authorised = request.headers.authorization === 'Bearer t0ken';
      response.writeHead(authorised ? 200 : 401).end();
    });
    const url = `http://127.0.0.1:${String(port)}/`;
    const without = await check({ url }, { timeoutMs: 400 });
    assert.match(without.reason, /HTTP 401, expected 200-399/);
    const withHeader = await check({ url, headers: { Authorization: 'Bearer t0ken' } });
    assert.equal(withHeader.passed, true, withHeader.reason);
  });

  it('redirects are not followed: a 302 counts as up by default, and fails status 200', async () => {
    let requests = 0;
    const port = await serve((_request, response) => {
      requests++;
      response.writeHead(302, { location: 'http://elsewhere.example.test/login' }).end();
    });
    const url = `http://127.0.0.1:${String(port)}/`;
    const lenient = await check({ url });
    assert.equal(lenient.passed, true, lenient.reason);
    assert.equal(requests, 1);
    const strict = await check({ url, status: 200 }, { timeoutMs: 400 });
    assert.match(
      strict.reason,
      /HTTP 302 → http:\/\/elsewhere\.example\.test\/login, expected 200$/,
    );
  });

  it('a server that accepts and never answers costs one attempt budget, then fails', async () => {
    const port = await serve(() => {
      /* never answers */
    });
    const outcome = await check(
      { url: `http://127.0.0.1:${String(port)}/` },
      { timeoutMs: 1200, connectTimeoutMs: 300 },
    );
    assert.equal(outcome.passed, false);
    assert.match(outcome.reason, /no answer within \d+ms/);
  });

  it('cancellation ends the checks at once', async () => {
    const port = await serve((_request, response) => response.writeHead(500).end());
    const controller = new AbortController();
    const deps = realGateDeps('unused');
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const [outcome] = await runHttpChecks(
      parseHttpChecks([`http://127.0.0.1:${String(port)}/`]),
      { ...SETTINGS, timeoutMs: 60_000 },
      deps,
      controller.signal,
      deps.now(),
    );
    assert.ok(outcome);
    assert.equal(outcome.passed, false);
    assert.match(outcome.reason, /^cancelled/);
    assert.ok(Date.now() - started < 5000, 'stopped long before the 60s budget');
  });
});
