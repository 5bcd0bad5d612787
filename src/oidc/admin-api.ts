/**
 * The admin calls we make, each turning Keycloak's status codes into what they mean for us:
 * 201 created, 409 already there, 404 already gone, 403 "you may see nothing" on the realm list.
 */
import { KeycloakError, keycloakReason, type HttpResult, type KeycloakHttp } from './http.ts';

const enc = encodeURIComponent;

/**
 * Keycloak answers 431, with no body, to a bearer token past its header limit. An admin client's
 * ordinary access token carries a role for every realm the client created: on Keycloak 26.7.3
 * about 635 bytes a realm, refused at 104 leftovers. From then on every admin call of that
 * login fails, the janitor's too, until the token leaves the roles out.
 */
const HEADERS_TOO_LARGE =
  '; Keycloak refused the request headers as too large: the admin access token carries a role for every realm this admin client created (about 635 bytes each, so about 100 leftover realms reach the limit). Turn on lightweight access tokens for the admin client (client attribute client.use.lightweight.access.token.enabled: "true", Keycloak 24 or later; see the oidc-realm README), then run the janitor (mode: janitor) to remove the leftover realms';

function fail(what: string, result: HttpResult, hint = ''): never {
  const why = result.status === 431 ? HEADERS_TOO_LARGE : hint;
  throw new KeycloakError(`${what} failed: ${keycloakReason(result)}${why}`, result.status);
}

/**
 * One POST for realm, client and user. A 5xx is retried; a 409 after an earlier 5xx on the same
 * name means our first attempt did create the realm (the name holds our run and epoch).
 */
export async function createRealm(
  http: KeycloakHttp,
  token: string,
  representation: Record<string, unknown>,
): Promise<void> {
  const realm = String(representation.realm);
  let sawServerError = false;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const result = await http.request('POST', '/admin/realms', {
      token,
      json: representation,
      attempts: 1,
    });
    if (result.status === 201) return;
    if (result.status === 409 && sawServerError) return;
    if (result.status >= 500 && attempt < 3) {
      sawServerError = true;
      continue;
    }
    if (result.status === 403) {
      fail(
        `creating realm "${realm}"`,
        result,
        "; the admin account needs master's create-realm role",
      );
    }
    if (result.status === 409) {
      fail(`creating realm "${realm}"`, result, '; a realm of that name already exists');
    }
    fail(`creating realm "${realm}"`, result);
  }
}

/** Delete a realm: true when deleted, false when it was already gone. */
export async function deleteRealm(http: KeycloakHttp, token: string, realm: string) {
  return deleteAt(http, token, `/admin/realms/${enc(realm)}`, `deleting realm "${realm}"`);
}

export async function deleteClient(http: KeycloakHttp, token: string, realm: string, id: string) {
  return deleteAt(
    http,
    token,
    `/admin/realms/${enc(realm)}/clients/${enc(id)}`,
    `deleting client ${id} of realm "${realm}"`,
  );
}

export async function deleteUser(http: KeycloakHttp, token: string, realm: string, id: string) {
  return deleteAt(
    http,
    token,
    `/admin/realms/${enc(realm)}/users/${enc(id)}`,
    `deleting user ${id} of realm "${realm}"`,
  );
}

async function deleteAt(
  http: KeycloakHttp,
  token: string,
  path: string,
  what: string,
): Promise<boolean> {
  const result = await http.request('DELETE', path, { token, attempts: 5 });
  if (result.status === 204 || result.status === 200) return true;
  if (result.status === 404) return false;
  fail(what, result);
}

/**
 * Realm names the token may see. Keycloak answers 403, not `[]`, to a caller who can see no
 * realm — a least-privilege janitor with nothing left to sweep — so 403 means "none".
 */
export async function listRealms(http: KeycloakHttp, token: string): Promise<string[]> {
  const result = await http.request('GET', '/admin/realms?briefRepresentation=true', { token });
  if (result.status === 403) return [];
  if (result.status !== 200 || !Array.isArray(result.body)) fail('listing realms', result);
  return (result.body as { realm?: unknown }[])
    .map((r) => r.realm)
    .filter((r): r is string => typeof r === 'string');
}

/** True when the realm exists and the token may read it. */
export async function realmExists(http: KeycloakHttp, token: string, realm: string) {
  const result = await http.request('GET', `/admin/realms/${enc(realm)}`, { token });
  if (result.status === 200) return true;
  if (result.status === 404) return false;
  fail(`reading realm "${realm}"`, result);
}

/** Create an entity under a realm (client or user); its id from the Location header. */
export async function createInRealm(
  http: KeycloakHttp,
  token: string,
  realm: string,
  kind: 'clients' | 'users',
  representation: Record<string, unknown>,
): Promise<string> {
  const result = await http.request('POST', `/admin/realms/${enc(realm)}/${kind}`, {
    token,
    json: representation,
    attempts: 1,
  });
  if (result.status === 403) {
    fail(
      `creating ${kind.slice(0, -1)} in realm "${realm}"`,
      result,
      `; the admin login may not manage realm "${realm}" (a create-realm-only login manages just the realms it created): name a shared-realm this login created, or let it make a new one`,
    );
  }
  if (result.status !== 201 || result.location === undefined) {
    fail(`creating ${kind.slice(0, -1)} in realm "${realm}"`, result);
  }
  return decodeURIComponent(result.location.split('/').pop() ?? '');
}

/** Clients or users of a realm as (id, name) pairs, for the janitor of the shared realm. */
export async function listInRealm(
  http: KeycloakHttp,
  token: string,
  realm: string,
  kind: 'clients' | 'users',
  search: string,
): Promise<{ id: string; name: string }[]> {
  const query =
    kind === 'clients'
      ? `clientId=${enc(search)}&search=true&max=1000`
      : `search=${enc(search)}&briefRepresentation=true&max=1000`;
  const result = await http.request('GET', `/admin/realms/${enc(realm)}/${kind}?${query}`, {
    token,
  });
  if (result.status === 404 || result.status === 403) return [];
  if (result.status !== 200 || !Array.isArray(result.body)) fail(`listing ${kind}`, result);
  return (result.body as { id?: unknown; clientId?: unknown; username?: unknown }[]).flatMap(
    (e) => {
      const name = kind === 'clients' ? e.clientId : e.username;
      return typeof e.id === 'string' && typeof name === 'string' ? [{ id: e.id, name }] : [];
    },
  );
}
