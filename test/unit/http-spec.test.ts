import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  HttpSpecError,
  parseHttpChecks,
  statusAccepted,
  type HttpCheck,
} from '../../src/http/spec.ts';

function one(item: unknown): HttpCheck {
  const [check] = parseHttpChecks([item]);
  assert.ok(check);
  return check;
}

function fails(value: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseHttpChecks(value),
    (error: unknown) => {
      assert.ok(error instanceof HttpSpecError, `an HttpSpecError, not ${String(error)}`);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

test('absent means no checks; a bare URL is a check with the defaults', () => {
  assert.deepEqual(parseHttpChecks(undefined), []);
  assert.deepEqual(parseHttpChecks(null), []);
  const check = one('https://app.example.test/');
  assert.equal(check.label, 'https://app.example.test/');
  assert.equal(check.status.text, '200-399');
  assert.equal(check.insecure, false);
  assert.equal(check.body, undefined);
  assert.equal(check.resolve, undefined);
  assert.deepEqual(check.headers, {});
});

test('status: a code, a range, a class, or a list of them', () => {
  const accepted = (status: unknown, code: number): boolean =>
    statusAccepted(code, one({ url: 'http://x/', status }));
  assert.equal(accepted(204, 204), true);
  assert.equal(accepted(204, 200), false);
  assert.equal(accepted('200-299', 299), true);
  assert.equal(accepted('200-299', 300), false);
  assert.equal(accepted('3xx', 302), true);
  assert.equal(accepted('3XX', 404), false);
  assert.equal(accepted([200, '401'], 401), true);
  assert.equal(accepted(undefined, 302), true);
  assert.equal(accepted(undefined, 404), false);
  fails([{ url: 'http://x/', status: 'ok' }], /item 1: status "ok" is not a status; write 200/);
  fails([{ url: 'http://x/', status: '299-200' }], /status "299-200" is not a status/);
  fails([{ url: 'http://x/', status: 700 }], /status 700 is not a status/);
  fails([{ url: 'http://x/', status: [] }], /status is an empty list/);
});

test('body is a regular expression matched anywhere in the page', () => {
  const check = one({ url: 'http://x/', body: '"status":\\s*"UP"' });
  assert.ok(check.body?.test('{"status": "UP"}'));
  fails([{ url: 'http://x/', body: '(' }], /item 1: body \/\(\/ is not a valid regular expression/);
  fails([{ url: 'http://x/', body: 3 }], /body must be a regex string/);
});

test('resolve: an IP, or curl form that must name the URL’s host and port', () => {
  assert.equal(one({ url: 'https://a.test/', resolve: '10.1.2.3' }).resolve, '10.1.2.3');
  assert.equal(one({ url: 'https://a.test/', resolve: '[fd00::5]' }).resolve, 'fd00::5');
  assert.equal(one({ url: 'https://a.test/', resolve: 'a.test:443:10.1.2.3' }).resolve, '10.1.2.3');
  assert.equal(one({ url: 'http://a.test:8080/', resolve: 'A.test:8080:[::1]' }).resolve, '::1');
  fails(
    [{ url: 'https://a.test/', resolve: 'b.test:443:10.1.2.3' }],
    /resolve "b.test:443:10.1.2.3" is for b.test:443, but the url is for a.test:443/,
  );
  fails(
    [{ url: 'http://a.test/', resolve: 'a.test:443:10.1.2.3' }],
    /but the url is for a.test:80/,
  );
  fails([{ url: 'http://a.test/', resolve: 'server.example' }], /must be an IP address/);
});

test('headers are single-line values with valid names; insecure is a boolean', () => {
  const check = one({
    url: 'http://x/',
    headers: { 'X-Token': 'abc', 'X-Num': 3 },
    insecure: true,
  });
  assert.deepEqual(check.headers, { 'X-Token': 'abc', 'X-Num': '3' });
  assert.equal(check.insecure, true);
  fails([{ url: 'http://x/', headers: ['a'] }], /headers must be a mapping of name: value/);
  fails(
    [{ url: 'http://x/', headers: { 'bad name': 'v' } }],
    /header name "bad name" is not a valid HTTP header name/,
  );
  fails([{ url: 'http://x/', headers: { A: 'x\r\nB: y' } }], /header A must be on one line/);
  fails([{ url: 'http://x/', insecure: 'yes' }], /insecure must be true or false/);
});

test('the list itself, URLs and unknown fields', () => {
  fails({ url: 'http://x/' }, /must be a YAML list of checks/);
  fails(
    ['http://x/', { url: 'https://y/', stauts: 200 }],
    /item 2 has an unknown field "stauts"; the fields are url, status/,
  );
  fails([{ status: 200 }], /item 1 needs a url/);
  fails([42], /item 1 must be a URL or a mapping/);
  fails(['not a url'], /url "not a url" is not a URL/);
  fails(['ftp://x/'], /must start with http:\/\/ or https:\/\//);
  fails(['https://user:pw@x/'], /must not carry credentials/);
});
