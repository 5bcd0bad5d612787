/**
 * The Keycloak stand-in keeps the behaviours of Keycloak that recipe-ci depends on (from
 * shared/PLATFORM-FACTS.md). If one of these changes, the oidc-realm tests stop proving anything.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { KeycloakStandIn } from '../support/keycloak-stand-in/index.ts';

let kc: KeycloakStandIn;
before(async () => {
  kc = await KeycloakStandIn.start();
});
after(async () => {
  await kc.stop();
});

async function token(form: Record<string, string>): Promise<string> {
  const response = await fetch(`${kc.url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

const leastPrivilege = (): Promise<string> =>
  token({
    grant_type: 'client_credentials',
    client_id: 'recipe-ci',
    client_secret: 'stand-in-admin-client-secret',
  });

async function admin(method: string, path: string, bearer: string, json?: unknown) {
  const response = await fetch(`${kc.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await response.text();
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

test('a least-privilege token sees no realm: the list answers 403, not []', async () => {
  const listed = await admin('GET', '/admin/realms', await leastPrivilege());
  assert.equal(listed.status, 403);
});

test('the creator manages its realm with any token of its own, as Keycloak 26 does', async () => {
  // Keycloak checks the caller's current roles, not the token's age (seen on 26.7.3).
  const early = await leastPrivilege();
  const created = await admin('POST', '/admin/realms', early, { realm: 'rights-1' });
  assert.equal(created.status, 201);
  assert.equal(created.location, `${kc.url}/admin/realms/rights-1`);
  assert.deepEqual((await admin('GET', '/admin/realms', early)).body, [
    { id: kc.realms.get('rights-1')?.id, realm: 'rights-1' },
  ]);
  assert.equal((await admin('DELETE', '/admin/realms/rights-1', early)).status, 204);
  assert.equal((await admin('DELETE', '/admin/realms/rights-1', early)).status, 404);
});

test('409 for a duplicate, 400 for reserved characters, 401 without a valid token', async () => {
  const bearer = await leastPrivilege();
  assert.equal((await admin('POST', '/admin/realms', bearer, { realm: 'dup-1' })).status, 201);
  const dup = await admin('POST', '/admin/realms', bearer, { realm: 'dup-1' });
  assert.equal(dup.status, 409);
  assert.deepEqual(dup.body, { errorMessage: 'Realm dup-1 already exists' });
  for (const bad of ['a/b', 'a:b', 'a#b', 'a`b']) {
    assert.equal((await admin('POST', '/admin/realms', bearer, { realm: bad })).status, 400, bad);
  }
  assert.equal((await admin('GET', '/admin/realms', 'forged')).status, 401);
});

test('admin tokens expire', async () => {
  kc.adminTokenTtlSeconds = 1;
  try {
    const bearer = await leastPrivilege();
    assert.equal((await admin('GET', '/admin/realms', bearer)).status, 200, 'sees dup-1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await admin('GET', '/admin/realms', bearer)).status, 401);
  } finally {
    kc.adminTokenTtlSeconds = 60;
  }
});

test('injected 5xx faults answer as often as asked, then the real API again', async () => {
  kc.faults.push({ method: 'GET', path: /^\/admin\/realms$/, status: 500, times: 2 });
  const bearer = await leastPrivilege();
  assert.equal((await admin('GET', '/admin/realms', bearer)).status, 500);
  assert.equal((await admin('GET', '/admin/realms', bearer)).status, 500);
  assert.equal((await admin('GET', '/admin/realms', bearer)).status, 200);
});

test('protocol endpoints: issuer per realm, client_credentials, password grant, unready users', async () => {
  const bearer = await leastPrivilege();
  await admin('POST', '/admin/realms', bearer, {
    realm: 'proto-1',
    clients: [
      {
        clientId: 'app',
        secret: 'app-secret',
        serviceAccountsEnabled: true,
        directAccessGrantsEnabled: true,
      },
    ],
    users: [
      {
        username: 'Full',
        email: 'f@example.org',
        firstName: 'F',
        lastName: 'L',
        credentials: [{ type: 'password', value: 'pw' }],
      },
      { username: 'bare', credentials: [{ type: 'password', value: 'pw' }] },
    ],
  });
  const doc = (await (
    await fetch(`${kc.url}/realms/proto-1/.well-known/openid-configuration`)
  ).json()) as {
    issuer: string;
    token_endpoint: string;
    jwks_uri: string;
  };
  assert.equal(doc.issuer, `${kc.url}/realms/proto-1`);
  assert.equal(doc.token_endpoint, `${kc.url}/realms/proto-1/protocol/openid-connect/token`);
  assert.equal(doc.jwks_uri, `${kc.url}/realms/proto-1/protocol/openid-connect/certs`);
  const grant = async (form: Record<string, string>) => {
    const response = await fetch(doc.token_endpoint, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'app', client_secret: 'app-secret', ...form }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  assert.equal((await grant({ grant_type: 'client_credentials' })).status, 200);
  const ok = await grant({
    grant_type: 'password',
    username: 'full',
    password: 'pw',
    scope: 'openid',
  });
  assert.equal(ok.status, 200);
  assert.match(ok.body.id_token ?? '', /^ey/);
  const wrong = await grant({ grant_type: 'password', username: 'full', password: 'no' });
  assert.deepEqual([wrong.status, wrong.body.error_description], [401, 'Invalid user credentials']);
  const bare = await grant({ grant_type: 'password', username: 'bare', password: 'pw' });
  assert.deepEqual(
    [bare.status, bare.body.error_description],
    [400, 'Account is not fully set up'],
  );
  const gone = await fetch(`${kc.url}/realms/nope/.well-known/openid-configuration`);
  assert.equal(gone.status, 404);
});
