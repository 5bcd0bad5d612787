/**
 * The stand-in's admin REST API (`/admin/realms/…`), written from Keycloak's Admin REST API
 * documentation and the behaviour recorded in shared/PLATFORM-FACTS.md: 201 + Location on create,
 * 409 for a duplicate, 400 for reserved characters in a realm name, 404 for what is gone, 401 for
 * a missing or expired token, and 403 — not `[]` — on the realm list for a caller who can see
 * none. Rights follow least privilege: a `create-realm` principal manages only the realms it
 * created (with any token of its own, as Keycloak checks current roles). A user added on its own
 * is checked as Keycloak 26's user profile checks it (see userProfileErrors).
 */
import type { IssuedToken } from './protocol.ts';
import {
  clientFrom,
  clientJson,
  userFrom,
  userJson,
  type AdminPrincipal,
  type StoredRealm,
  type StoredUser,
} from './store.ts';
import { randomUUID } from 'node:crypto';

export interface AdminRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  bearer: string | undefined;
  body: unknown;
}

export interface AdminResponse {
  status: number;
  body?: unknown;
  location?: string;
}

export interface AdminOptions {
  baseUrl: () => string;
  realms: Map<string, StoredRealm>;
  tokens: Map<string, IssuedToken>;
  principals: AdminPrincipal[];
  onRealmDeleted: (realm: string) => void;
}

const RESERVED = /[:/?#@!$&()*+,;=[\]\\`]/;

type Caller = { principal: string; role: 'admin' | 'create-realm' };

export function handleAdmin(request: AdminRequest, options: AdminOptions): AdminResponse {
  const caller = authenticate(request.bearer, options);
  if (caller === undefined) return { status: 401, body: { error: 'HTTP 401 Unauthorized' } };
  const forbidden: AdminResponse = { status: 403, body: { error: 'HTTP 403 Forbidden' } };
  const parts = request.path.split('/').filter(Boolean).map(decodeURIComponent);
  // parts: ['admin', 'realms', realm?, kind?, id?, sub?]
  const [, , realmName, kind, id, sub] = parts;
  const { realms } = options;
  // Like Keycloak 26, rights are the caller's current roles: a token issued before the realm
  // was created manages it too.
  const may = (realm: StoredRealm): boolean =>
    caller.role === 'admin' || realm.createdBy === caller.principal;

  if (realmName === undefined) {
    if (request.method === 'GET') {
      const visible = [...realms.values()].filter(may);
      if (caller.role === 'admin') visible.unshift(masterRealm());
      if (visible.length === 0) return forbidden;
      return { status: 200, body: visible.map((r) => ({ id: r.id, realm: r.realm })) };
    }
    if (request.method === 'POST') return createRealm(request.body, caller, options);
    return { status: 405 };
  }
  const realm = realms.get(realmName);
  if (realm === undefined) {
    return realmName === 'master' && caller.role === 'admin'
      ? { status: 200, body: { realm: 'master' } }
      : { status: 404, body: { error: 'Realm not found.' } };
  }
  if (!may(realm)) return forbidden;
  if (kind === undefined) {
    if (request.method === 'GET')
      return { status: 200, body: { id: realm.id, realm: realm.realm, enabled: true } };
    if (request.method === 'DELETE') {
      realms.delete(realmName);
      options.onRealmDeleted(realmName);
      return { status: 204 };
    }
    return { status: 405 };
  }
  if (kind !== 'clients' && kind !== 'users')
    return { status: 404, body: { error: 'HTTP 404 Not Found' } };
  const map = kind === 'clients' ? realm.clients : realm.users;
  const location = (entityId: string): string =>
    `${options.baseUrl()}/admin/realms/${encodeURIComponent(realm.realm)}/${kind}/${entityId}`;
  if (id === undefined) {
    if (request.method === 'GET') {
      const needle = (
        request.query.get(kind === 'clients' ? 'clientId' : 'search') ?? ''
      ).toLowerCase();
      const exact = kind === 'clients' && request.query.get('search') !== 'true';
      const found = [...map.values()].filter((e) => {
        const name = 'clientId' in e ? e.clientId : e.username;
        return needle === '' || (exact ? name === needle : name.toLowerCase().includes(needle));
      });
      return {
        status: 200,
        body: found.map((e) => ('clientId' in e ? clientJson(e) : userJson(e))),
      };
    }
    if (request.method !== 'POST') return { status: 405 };
    const rep = (request.body ?? {}) as Record<string, unknown>;
    if (kind === 'clients') {
      const client = clientFrom(rep);
      if ([...realm.clients.values()].some((c) => c.clientId === client.clientId)) {
        return { status: 409, body: { errorMessage: `Client ${client.clientId} already exists` } };
      }
      realm.clients.set(client.id, client);
      return { status: 201, location: location(client.id) };
    }
    const user = userFrom(rep);
    const refused = userProfileErrors(user);
    if (refused.length > 0) return { status: 400, body: { errors: refused } };
    if ([...realm.users.values()].some((u) => u.username === user.username)) {
      return { status: 409, body: { errorMessage: 'User exists with same username' } };
    }
    realm.users.set(user.id, user);
    return { status: 201, location: location(user.id) };
  }
  const entity = map.get(id);
  if (entity === undefined) {
    return {
      status: 404,
      body: { error: kind === 'clients' ? 'Could not find client' : 'User not found' },
    };
  }
  if (sub === undefined && request.method === 'DELETE') {
    map.delete(id);
    return { status: 204 };
  }
  if (sub === undefined && request.method === 'GET') {
    return { status: 200, body: 'clientId' in entity ? clientJson(entity) : userJson(entity) };
  }
  if (sub === 'client-secret' && 'clientId' in entity && request.method === 'GET') {
    return { status: 200, body: { type: 'secret', value: entity.secret } };
  }
  if (sub === 'reset-password' && 'username' in entity && request.method === 'PUT') {
    const value = (request.body as { value?: unknown } | undefined)?.value;
    entity.password = typeof value === 'string' ? value : entity.password;
    return { status: 204 };
  }
  return { status: 404, body: { error: 'HTTP 404 Not Found' } };
}

/**
 * What Keycloak 26's user profile refuses when a user is added on its own (a realm import does
 * not check): a username under 3 characters, an email whose local part exceeds 64.
 */
function userProfileErrors(user: StoredUser): Record<string, unknown>[] {
  const errors: Record<string, unknown>[] = [];
  if (user.username.length < 3) {
    errors.push({
      field: 'username',
      errorMessage: 'error-invalid-length',
      params: ['username', 3, 255],
    });
  }
  const local = user.email?.split('@')[0];
  if (local !== undefined && local.length > 64) {
    errors.push({
      field: 'email',
      errorMessage: 'error-invalid-email',
      params: ['email', user.email],
    });
  }
  return errors;
}

function createRealm(body: unknown, caller: Caller, options: AdminOptions): AdminResponse {
  const rep = (body ?? {}) as Record<string, unknown>;
  const name = typeof rep.realm === 'string' ? rep.realm : '';
  if (name.trim() === '')
    return { status: 400, body: { errorMessage: 'Realm name cannot be empty' } };
  if (RESERVED.test(name)) {
    return { status: 400, body: { errorMessage: 'Realm name contains reserved characters' } };
  }
  if (name === 'master' || options.realms.has(name)) {
    return { status: 409, body: { errorMessage: `Realm ${name} already exists` } };
  }
  const realm: StoredRealm = {
    id: randomUUID(),
    realm: name,
    createdBy: caller.principal,
    createdAtMs: Date.now(),
    clients: new Map(),
    users: new Map(),
  };
  for (const c of Array.isArray(rep.clients) ? (rep.clients as Record<string, unknown>[]) : []) {
    const client = clientFrom(c);
    realm.clients.set(client.id, client);
  }
  for (const u of Array.isArray(rep.users) ? (rep.users as Record<string, unknown>[]) : []) {
    const user = userFrom(u);
    realm.users.set(user.id, user);
  }
  options.realms.set(name, realm);
  return { status: 201, location: `${options.baseUrl()}/admin/realms/${encodeURIComponent(name)}` };
}

/** The caller behind a bearer token: a master-realm token that has not expired. */
function authenticate(bearer: string | undefined, options: AdminOptions): Caller | undefined {
  if (bearer === undefined) return undefined;
  const token = options.tokens.get(bearer);
  if (token === undefined || token.realm !== 'master' || token.expiresAtMs <= Date.now()) {
    return undefined;
  }
  const principal =
    token.accountId !== undefined ? `user:${token.accountId}` : `client:${token.clientId}`;
  const found = options.principals.find((p) =>
    p.kind === 'user' ? principal === `user:${p.username}` : principal === `client:${p.clientId}`,
  );
  if (found === undefined) return undefined;
  return { principal, role: found.role };
}

function masterRealm(): StoredRealm {
  return {
    id: 'master',
    realm: 'master',
    createdBy: 'system',
    createdAtMs: 0,
    clients: new Map(),
    users: new Map(),
  };
}
