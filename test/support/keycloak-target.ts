/**
 * The Keycloak the oidc-realm tests run against, most real first:
 * - RECIPE_CI_KEYCLOAK_URL: a Keycloak someone else runs (the e2e-keycloak workflow's container);
 *   its admin user (RECIPE_CI_KEYCLOAK_ADMIN / _PASSWORD) sets up the least-privilege client;
 * - the lab's Keycloak (test/lab/setup.sh), started for the test file and stopped after it;
 * - the stand-in, only where neither exists (a laptop without the lab), said so on stderr.
 * Faults a real Keycloak cannot produce on demand are tested on a stand-in of their own.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_PRINCIPALS, KeycloakStandIn } from './keycloak-stand-in/index.ts';
import {
  adminCaller,
  addLeastPrivilegeClient,
  addServiceAccountClient,
  addFederatedClient,
  labKeycloakMissing,
  startLabKeycloak,
} from './keycloak-lab.ts';

export type KeycloakKind = 'external' | 'lab' | 'stand-in';

export interface KeycloakTarget {
  kind: KeycloakKind;
  /** For messages: "Keycloak 26.7.3 (lab)", "the Keycloak stand-in". */
  description: string;
  url: string;
  /** The stand-in, when that is what runs (call counts need it). */
  standIn: KeycloakStandIn | undefined;
  /** Least-privilege admin client (create-realm only). */
  client: { id: string; secret: string };
  /** A full admin, for the tests' own looking and planting. */
  admin: { username: string; password: string };
  realmNames(): Promise<string[]>;
  /** Create a realm by name as the least-privilege client (as an earlier run of ours would). */
  plantRealm(name: string): Promise<void>;
  clientIdsOf(realm: string): Promise<string[]>;
  /** Another least-privilege (create-realm only) login; real Keycloak only. */
  addLeastPrivilegeClient(id: string): Promise<{ id: string; secret: string }>;
  /** A login with no role at all; real Keycloak only. */
  addClientWithoutRoles(id: string): Promise<{ id: string; secret: string }>;
  /** A create-realm-only client that logs in with a federated client assertion; real only. */
  addFederatedClient(federated: {
    clientId: string;
    alias: string;
    issuer: string;
    jwksUrl: string;
    subject: string;
  }): Promise<void>;
  /** Create or delete a realm as the full admin (someone other than our login). */
  plantRealmAsAdmin(name: string): Promise<void>;
  deleteRealmAsAdmin(name: string): Promise<void>;
  /** Users of a realm as (username, email). */
  usersOf(realm: string): Promise<{ username: string; email?: string }[]>;
  stop(): Promise<void>;
}

/** Why no real Keycloak runs for these tests, or undefined when one does. */
export function realKeycloakMissing(): string | undefined {
  return process.env.RECIPE_CI_KEYCLOAK_URL ? undefined : labKeycloakMissing();
}

export async function startKeycloakTarget(): Promise<KeycloakTarget> {
  const external = process.env.RECIPE_CI_KEYCLOAK_URL;
  if (external) {
    const admin = {
      username: process.env.RECIPE_CI_KEYCLOAK_ADMIN ?? 'admin',
      password: process.env.RECIPE_CI_KEYCLOAK_ADMIN_PASSWORD ?? 'admin',
    };
    const client = { id: 'recipe-ci', secret: 'e2e-least-privilege-secret-0123456789' };
    const url = external.replace(/\/+$/, '');
    await addLeastPrivilegeClient(url, admin, client);
    return target('external', `Keycloak at ${url}`, url, admin, client, undefined, async () => {});
  }
  if (labKeycloakMissing() === undefined) {
    const lab = await startLabKeycloak();
    return target(
      'lab',
      `Keycloak ${lab.version} (lab, started in ${(lab.startMs / 1000).toFixed(1)} s)`,
      lab.url,
      lab.admin,
      lab.client,
      undefined,
      () => lab.stop(),
    );
  }
  process.stderr.write(
    `oidc-realm tests: ${labKeycloakMissing() ?? ''}; running against the Keycloak stand-in\n`,
  );
  const standIn = await KeycloakStandIn.start();
  const principal = DEFAULT_PRINCIPALS.find((p) => p.kind === 'client');
  const client =
    principal?.kind === 'client'
      ? { id: principal.clientId, secret: principal.secret }
      : { id: '', secret: '' };
  return target(
    'stand-in',
    'the Keycloak stand-in',
    standIn.url,
    { username: 'admin', password: 'stand-in-admin-password' },
    client,
    standIn,
    () => standIn.stop(),
  );
}

function target(
  kind: KeycloakKind,
  description: string,
  url: string,
  admin: { username: string; password: string },
  client: { id: string; secret: string },
  standIn: KeycloakStandIn | undefined,
  stop: () => Promise<void>,
): KeycloakTarget {
  const call = adminCaller(url, admin);
  const json = async <T>(path: string): Promise<T | undefined> => {
    const response = await call('GET', path);
    return response.status === 200 ? ((await response.json()) as T) : undefined;
  };
  return {
    kind,
    description,
    url,
    standIn,
    client,
    admin,
    async realmNames() {
      const realms = await json<{ realm: string }[]>('/admin/realms?briefRepresentation=true');
      return (realms ?? []).map((r) => r.realm);
    },
    async plantRealm(name) {
      const login = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client.id,
          client_secret: client.secret,
        }),
      });
      const { access_token: token } = (await login.json()) as { access_token?: string };
      const result = await fetch(`${url}/admin/realms`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token ?? ''}`, 'content-type': 'application/json' },
        body: JSON.stringify({ realm: name, enabled: true }),
      });
      if (result.status !== 201) throw new Error(`planting ${name}: HTTP ${String(result.status)}`);
    },
    async clientIdsOf(realm) {
      const clients = await json<{ clientId: string }[]>(
        `/admin/realms/${encodeURIComponent(realm)}/clients?first=0&max=1000`,
      );
      return (clients ?? []).map((c) => c.clientId);
    },
    async addLeastPrivilegeClient(id) {
      const login = { id, secret: randomBytes(18).toString('base64url') };
      await addLeastPrivilegeClient(url, admin, login);
      return login;
    },
    async addClientWithoutRoles(id) {
      const login = { id, secret: randomBytes(18).toString('base64url') };
      await addServiceAccountClient(url, admin, login);
      return login;
    },
    addFederatedClient: (federated) => addFederatedClient(url, admin, federated),
    async plantRealmAsAdmin(name) {
      const result = await call('POST', '/admin/realms', { realm: name, enabled: true });
      if (result.status !== 201) throw new Error(`planting ${name}: HTTP ${String(result.status)}`);
    },
    async deleteRealmAsAdmin(name) {
      await call('DELETE', `/admin/realms/${encodeURIComponent(name)}`);
    },
    async usersOf(realm) {
      const users = await json<{ username: string; email?: string }[]>(
        `/admin/realms/${encodeURIComponent(realm)}/users?first=0&max=1000`,
      );
      return (users ?? []).map((u) => ({ username: u.username, email: u.email }));
    },
    stop,
  };
}
