import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, fetchJobIdToken } from '../../src/oidc/admin-auth.ts';
import { KeycloakHttp } from '../../src/oidc/http.ts';

/** A fetch that records requests and answers from a script (no network in unit tests). */
function scripted(answers: [number, unknown][]) {
  const seen: { url: string; body: string }[] = [];
  const fetchFn = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    seen.push({
      url: input instanceof Request ? input.url : input.toString(),
      body: typeof init?.body === 'string' ? init.body : '',
    });
    const [status, body] = answers.shift() ?? [500, {}];
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  };
  return { seen, fetchFn };
}

const sleep = (): Promise<void> => Promise.resolve();

test('federated login: the job token, for the audience, is sent as a jwt-bearer client assertion', async () => {
  const { seen, fetchFn } = scripted([
    [200, { value: 'job.jwt.token' }],
    [200, { access_token: 'admin-token' }],
  ]);
  const http = new KeycloakHttp(
    'https://sso',
    { fetch: fetchFn, sleep },
    new AbortController().signal,
  );
  const masked: string[] = [];
  const token = await adminToken(
    http,
    {
      kind: 'federated',
      clientId: 'gh-actions',
      assertion: () =>
        fetchJobIdToken(
          {
            ACTIONS_ID_TOKEN_REQUEST_URL: 'https://gh/token?x=1',
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'b',
          },
          'https://sso/realms/master',
          { fetch: fetchFn, sleep },
        ),
    },
    (v) => masked.push(v),
  );
  assert.equal(token, 'admin-token');
  assert.deepEqual(masked, ['job.jwt.token', 'admin-token']);
  assert.equal(seen[0]?.url, 'https://gh/token?x=1&audience=https%3A%2F%2Fsso%2Frealms%2Fmaster');
  const form = new URLSearchParams(seen[1]?.body);
  assert.equal(form.get('grant_type'), 'client_credentials');
  assert.equal(form.get('client_id'), 'gh-actions');
  assert.equal(
    form.get('client_assertion_type'),
    'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  );
  assert.equal(form.get('client_assertion'), 'job.jwt.token');
  assert.equal(form.get('client_secret'), null);
});

test('no job token on the runner (Gitea): the error says what to set, and that Gitea cannot', async () => {
  await assert.rejects(
    fetchJobIdToken({}, 'aud', { fetch, sleep }),
    /Gitea cannot issue job tokens — use admin-client-secret/,
  );
});

test('a refused login names the grant and quotes Keycloak', async () => {
  const { fetchFn } = scripted([
    [
      401,
      {
        error: 'invalid_client',
        error_description: 'Invalid client or Invalid client credentials',
      },
    ],
  ]);
  const http = new KeycloakHttp(
    'https://sso',
    { fetch: fetchFn, sleep },
    new AbortController().signal,
  );
  await assert.rejects(
    adminToken(http, { kind: 'client-secret', clientId: 'ci', secret: 'x' }, () => undefined),
    /the client_credentials grant of admin client "ci" .* was refused \(HTTP 401 invalid_client: Invalid client or Invalid client credentials\)/,
  );
});
