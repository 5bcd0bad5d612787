import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRealm, deleteRealm, listRealms } from '../../src/oidc/admin-api.ts';
import { KeycloakError, KeycloakHttp } from '../../src/oidc/http.ts';

/** A Keycloak that answers every request with `status` and `body` (no network in unit tests). */
function answering(status: number, body: string): KeycloakHttp {
  const fetchFn = (): Promise<Response> => Promise.resolve(new Response(body, { status }));
  return new KeycloakHttp(
    'https://sso',
    { fetch: fetchFn, sleep: () => Promise.resolve() },
    new AbortController().signal,
  );
}

test('HTTP 431 names the cause and the fix: lightweight access tokens, then the janitor', async () => {
  // Keycloak 26.7.3 answers an oversized bearer token with 431 and no body; at 104 leftover
  // realms the admin client's token had grown past it, and the janitor's list failed too.
  const http = answering(431, '');
  for (const call of [
    () => listRealms(http, 'big-token'),
    () => createRealm(http, 'big-token', { realm: 'ci-x' }),
    () => deleteRealm(http, 'big-token', 'ci-x'),
  ]) {
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof KeycloakError);
      assert.equal(error.status, 431);
      assert.match(error.message, /failed: HTTP 431 no body; Keycloak refused the request headers/);
      assert.match(error.message, /carries a role for every realm this admin client created/);
      assert.match(error.message, /client\.use\.lightweight\.access\.token\.enabled: "true"/);
      assert.match(error.message, /run the janitor \(mode: janitor\)/);
      return true;
    });
  }
});

test('other refusals keep their own hint', async () => {
  await assert.rejects(
    createRealm(answering(403, '{"error":"HTTP 403 Forbidden"}'), 't', { realm: 'ci-x' }),
    /failed: HTTP 403 Forbidden; the admin account needs master's create-realm role$/,
  );
});
