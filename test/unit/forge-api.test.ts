/**
 * Forge API failures as the card and the alerts see them, through the real octokit and the
 * shared HTTP client against a loopback server: the forge's status when it answered, undefined
 * and the network cause when it did not (octokit itself says 500 for both).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { forgeCommentAttachments } from '../../src/platform/comment-attachments.ts';
import { ForgeApiError, forgeError } from '../../src/platform/forge-api.ts';
import { githubIssues } from '../../src/platform/github-issues.ts';
import { githubReview } from '../../src/platform/github-review.ts';
import { ReviewApiError } from '../../src/platform/review-api.ts';

const TOKEN = 'forge-token-0123456789';
const paths: string[] = [];
const server = createServer((request, response) => {
  paths.push(`${request.method ?? ''} ${request.url ?? ''}`);
  response.writeHead(401, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ message: 'Bad credentials' }));
});
let answering = '';
let refusing = '';

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  answering = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/api/v1`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  refusing = `http://127.0.0.1:${String((probe.address() as AddressInfo).port)}/api/v1`;
  await new Promise((resolve) => probe.close(resolve));
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<ForgeApiError> {
  const error = await promise.then(
    () => assert.fail('succeeded'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ForgeApiError, String(error));
  assert.ok(!error.message.includes(TOKEN), 'no token in the message');
  return error;
}

const where = (apiUrl: string) => ({ token: TOKEN, apiUrl, repository: 'coop/app' });

test('octokit: an answer keeps its status; no answer has none, and says why once', async () => {
  const refused = await failure(githubReview(where(refusing)).listComments(7));
  assert.equal(refused.status, undefined);
  assert.equal(refused.message, 'list the comments of #7: connection refused: ECONNREFUSED');
  assert.ok(refused instanceof ReviewApiError, 'the card knows it by that name');

  const denied = await failure(githubIssues(where(answering)).listOpen());
  assert.equal(denied.status, 401);
  assert.match(denied.message, /^list the open issues: HTTP 401: Bad credentials/);

  const closing = await failure(githubIssues(where(refusing)).close(3, 'fixed'));
  assert.equal(closing.status, undefined);
  assert.equal(closing.message, 'close issue #3: connection refused: ECONNREFUSED');
});

test('comment images: the forge status or the network cause, in the same shape', async () => {
  paths.length = 0;
  const denied = await failure(forgeCommentAttachments(where(answering)).list(12));
  assert.equal(denied.status, 401);
  assert.equal(
    denied.message,
    'list the images of comment 12: HTTP 401: {"message":"Bad credentials"}',
  );
  assert.deepEqual(paths, ['GET /api/v1/repos/coop/app/issues/comments/12/assets']);

  const refused = await failure(
    forgeCommentAttachments(where(refusing)).upload(12, 'a.png', new Uint8Array([1])),
  );
  assert.equal(refused.status, undefined);
  assert.equal(refused.message, 'attach a.png to comment 12: connection refused: ECONNREFUSED');
});

test('a time limit reached inside octokit is told as no answer in the limit', () => {
  const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  const octokitError = Object.assign(new Error(timeout.message), { status: 500, cause: timeout });
  const error = forgeError('edit comment 5', octokitError);
  assert.equal(error.status, undefined);
  assert.equal(error.message, 'edit comment 5: no answer in 30s');
});
