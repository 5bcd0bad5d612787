/**
 * The shared HTTP client against a real node:http server on loopback: retries, Retry-After,
 * no retry where none is due, the network cause of a refused connection, the time limit and a
 * cancel. Waits between attempts are recorded, not slept.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import {
  describeNetworkCause,
  HttpError,
  httpRequest,
  retryAfterMs,
  shownUrl,
  withTimeLimit,
  type HttpDeps,
} from '../../src/shared/http-client.ts';
import { CancelledError } from '../../src/shared/errors.ts';

type Answer = (request: IncomingMessage, response: ServerResponse) => void;

let answers: Answer[] = [];
const seen: { method: string; url: string; body: string; headers: IncomingMessage['headers'] }[] =
  [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    seen.push({
      method: request.method ?? '',
      url: request.url ?? '',
      body,
      headers: request.headers,
    });
    const answer = answers.shift() ?? json(200, { ok: true });
    answer(request, response);
  });
});
let base = '';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

const waits: number[] = [];
const deps: HttpDeps = {
  fetch: (input, init) => fetch(input, init),
  sleep: (ms) => {
    waits.push(ms);
    return Promise.resolve();
  },
};

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  answers = [];
  seen.length = 0;
  waits.length = 0;
});

/** A port nothing listens on: bound, read, closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('a 503 is retried with the shared backoff, then the answer is read as JSON', async () => {
  answers = [json(503, { error: 'busy' }), json(503, {}), json(201, { id: 7 })];
  const retries: string[] = [];
  const response = await httpRequest(
    {
      method: 'POST',
      url: `${base}/things`,
      json: { name: 'a' },
      headers: { authorization: 'Bearer secret-token' },
      backoff: { firstMs: 100, capMs: 1000, jitter: 0 },
      onRetry: (r) => retries.push(`${String(r.attempt)} ${r.reason} ${r.text ?? ''}`),
    },
    deps,
  );
  assert.equal(response.status, 201);
  assert.deepEqual(response.json, { id: 7 });
  assert.deepEqual(waits, [100, 150]);
  assert.deepEqual(retries, ['1 HTTP 503 {"error":"busy"}', '2 HTTP 503 {}']);
  assert.equal(seen.length, 3);
  assert.ok(seen.every((r) => r.method === 'POST' && r.body === '{"name":"a"}'));
  const [first] = seen;
  assert.ok(first);
  assert.equal(first.headers['content-type'], 'application/json');
  assert.equal(first.headers.authorization, 'Bearer secret-token');
});

test('Retry-After is honoured, up to its cap', async () => {
  answers = [json(429, {}, { 'retry-after': '2' }), json(503, {}, { 'retry-after': '3600' })];
  const response = await httpRequest(
    { method: 'GET', url: `${base}/limited`, maxRetryAfterMs: 30_000 },
    deps,
  );
  assert.equal(response.status, 200);
  assert.deepEqual(waits, [2000, 30_000]);
  const date = new Date(Date.parse('2030-01-01T00:00:00Z')).toUTCString();
  const headers = new Headers({ 'retry-after': date });
  assert.equal(retryAfterMs(headers, 60_000, Date.parse('2029-12-31T23:59:55Z')), 5000);
  assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' }), 60_000), undefined);
});

test('a 400 is answered at once, and a retryable status is answered when attempts run out', async () => {
  answers = [json(400, { error: 'bad' })];
  const refused = await httpRequest({ method: 'PUT', url: `${base}/x` }, deps);
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.json, { error: 'bad' });
  assert.equal(seen.length, 1);
  assert.deepEqual(waits, []);

  answers = [json(500, {}), json(500, {}), json(500, {})];
  const failing = await httpRequest(
    { method: 'GET', url: `${base}/y`, attempts: 2, retryOn: (s) => s >= 500 },
    deps,
  );
  assert.equal(failing.status, 500);
  assert.equal(seen.length, 3, 'one for the 400, two for the 500s');
});

test('a refused connection: status undefined, method and URL without the query, the cause once', async () => {
  const port = await closedPort();
  const notices: (number | undefined)[] = [];
  const error = await httpRequest(
    {
      method: 'GET',
      url: `http://127.0.0.1:${String(port)}/realms/master?token=secret`,
      attempts: 3,
      onRetry: (r) => notices.push(r.status),
    },
    deps,
  ).then(
    () => assert.fail('answered'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof HttpError);
  assert.equal(error.status, undefined);
  assert.equal(error.method, 'GET');
  assert.equal(error.url, `http://127.0.0.1:${String(port)}/realms/master`);
  assert.equal(error.reason, 'connection refused: ECONNREFUSED');
  assert.equal(
    error.message,
    `GET http://127.0.0.1:${String(port)}/realms/master: connection refused: ECONNREFUSED`,
  );
  assert.doesNotMatch(error.message, /secret/);
  assert.deepEqual(notices, [undefined, undefined]);
  assert.equal(waits.length, 2);
});

test('the time limit ends a silent attempt as "no answer in …", and it is retried', async () => {
  answers = [() => undefined, json(200, { late: false })];
  const reasons: string[] = [];
  const response = await httpRequest(
    { method: 'GET', url: `${base}/slow`, timeoutMs: 200, onRetry: (r) => reasons.push(r.reason) },
    deps,
  );
  assert.equal(response.status, 200);
  assert.deepEqual(reasons, ['no answer in 200ms']);

  answers = [() => undefined];
  await assert.rejects(
    httpRequest({ method: 'GET', url: `${base}/slow`, timeoutMs: 1000, attempts: 1 }, deps),
    (error: unknown) =>
      error instanceof HttpError &&
      error.status === undefined &&
      /: no answer in 1s$/.test(error.message),
  );
});

test('a cancel throws its own reason at once, not a network failure, and is not retried', async () => {
  answers = [() => undefined];
  const controller = new AbortController();
  const started = Date.now();
  const pending = httpRequest(
    { method: 'GET', url: `${base}/hang`, signal: controller.signal },
    deps,
  );
  setTimeout(() => controller.abort(new CancelledError('SIGTERM')), 50);
  await assert.rejects(pending, CancelledError);
  assert.ok(Date.now() - started < 5000);
  assert.equal(seen.length, 1);
  assert.deepEqual(waits, []);
  await assert.rejects(
    httpRequest({ method: 'GET', url: `${base}/x`, signal: controller.signal }, deps),
    CancelledError,
  );
  assert.equal(seen.length, 1, 'an aborted signal sends nothing');
});

test('network causes are described once, in words and with the code', () => {
  const withCause = (cause: unknown) => new TypeError('fetch failed', { cause });
  const coded = (code: string, message: string) => Object.assign(new Error(message), { code });
  assert.equal(
    describeNetworkCause(withCause(coded('ENOTFOUND', 'getaddrinfo ENOTFOUND sso.invalid'))),
    'host name not found: ENOTFOUND',
  );
  assert.equal(
    describeNetworkCause(
      withCause(new AggregateError([coded('ECONNREFUSED', 'connect ECONNREFUSED ::1:80')])),
    ),
    'connection refused: ECONNREFUSED',
  );
  assert.equal(
    describeNetworkCause(withCause(coded('CERT_HAS_EXPIRED', 'certificate has expired'))),
    'certificate has expired: CERT_HAS_EXPIRED',
  );
  assert.equal(describeNetworkCause(withCause(new Error('bad port'))), 'bad port');
  const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  assert.equal(describeNetworkCause(timeout, 30_000), 'no answer in 30s');
  assert.equal(describeNetworkCause(withCause(timeout)), 'no answer in time');
});

test('shownUrl drops the query, fragment and credentials', () => {
  assert.equal(shownUrl('https://user:pw@api.example/v1/x?token=t#f'), 'https://api.example/v1/x');
  assert.equal(shownUrl('not a url?secret=1'), 'not a url');
});

test('a form body is sent url-encoded, and redirects can be seen rather than followed', async () => {
  answers = [
    (_request, response) => {
      response.writeHead(302, { location: '/elsewhere' });
      response.end();
    },
  ];
  const response = await httpRequest(
    {
      method: 'POST',
      url: `${base}/token`,
      form: { grant_type: 'password', a: 'b c' },
      redirect: 'manual',
    },
    deps,
  );
  assert.equal(response.status, 302);
  assert.equal(response.headers.get('location'), '/elsewhere');
  assert.equal(response.json, undefined);
  const [sent] = seen;
  assert.ok(sent);
  assert.equal(sent.body, 'grant_type=password&a=b+c');
  assert.equal(sent.headers['content-type'], 'application/x-www-form-urlencoded');
});

test('withTimeLimit gives a fetch of its own (octokit) a time limit per call', async () => {
  answers = [() => undefined];
  const limited = withTimeLimit(200);
  const error = await limited(`${base}/silent`).then(
    () => assert.fail('answered'),
    (e: unknown) => e,
  );
  assert.equal(describeNetworkCause(error, 200), 'no answer in 200ms');
  const answered = await limited(`${base}/fine`);
  assert.equal(answered.status, 200);
});
