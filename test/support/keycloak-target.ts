/**
 * What the oidc-realm integration tests run against: the Keycloak stand-in on loopback, or a
 * real Keycloak when RECIPE_CI_KEYCLOAK_URL is set (the e2e-keycloak workflow). Against a real
 * one, the admin user (RECIPE_CI_KEYCLOAK_ADMIN / RECIPE_CI_KEYCLOAK_ADMIN_PASSWORD) sets up the
 * least-privilege client the action logs in with: a service account holding only `create-realm`.
 */
import { DEFAULT_PRINCIPALS, KeycloakStandIn } from './keycloak-stand-in/index.ts';

export interface KeycloakTarget {
  url: string;
  /** The stand-in, when that is what runs (fault injection and call counts need it). */
  standIn: KeycloakStandIn | undefined;
  /** Least-privilege admin client (create-realm only). */
  client: { id: string; secret: string };
  /** A full admin, for the tests' own looking and planting. */
  admin: { username: string; password: string };
  realmNames(): Promise<string[]>;
  /** Create a realm by name as the least-privilege client (as an earlier run of ours would). */
  plantRealm(name: string): Promise<void>;
  clientIdsOf(realm: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startKeycloakTarget(): Promise<KeycloakTarget> {
  const real = process.env.RECIPE_CI_KEYCLOAK_URL;
  const standIn = real ? undefined : await KeycloakStandIn.start();
  const url = (real ?? standIn?.url ?? '').replace(/\/+$/, '');
  const admin = real
    ? {
        username: process.env.RECIPE_CI_KEYCLOAK_ADMIN ?? 'admin',
        password: process.env.RECIPE_CI_KEYCLOAK_ADMIN_PASSWORD ?? 'admin',
      }
    : { username: 'admin', password: 'stand-in-admin-password' };
  const standInClient = DEFAULT_PRINCIPALS.find((p) => p.kind === 'client');
  const client =
    standInClient?.kind === 'client' && !real
      ? { id: standInClient.clientId, secret: standInClient.secret }
      : { id: 'recipe-ci', secret: 'e2e-least-privilege-secret-0123456789' };

  const token = async (form: Record<string, string>): Promise<string> => {
    const response = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams(form),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`test login failed: HTTP ${String(response.status)}`);
    return body.access_token;
  };
  const adminToken = (): Promise<string> =>
    token({ grant_type: 'password', client_id: 'admin-cli', ...admin });
  const call = async (method: string, path: string, bearer: string, json?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  if (real) await ensureLeastPrivilegeClient(call, await adminToken(), client);

  return {
    url,
    standIn,
    client,
    admin,
    async realmNames() {
      const result = await call(
        'GET',
        '/admin/realms?briefRepresentation=true',
        await adminToken(),
      );
      return (result.body as { realm: string }[]).map((r) => r.realm);
    },
    async plantRealm(name) {
      const bearer = await token({
        grant_type: 'client_credentials',
        client_id: client.id,
        client_secret: client.secret,
      });
      const result = await call('POST', '/admin/realms', bearer, { realm: name, enabled: true });
      if (result.status !== 201) throw new Error(`planting ${name}: HTTP ${String(result.status)}`);
    },
    async clientIdsOf(realm) {
      const result = await call(
        'GET',
        `/admin/realms/${realm}/clients?first=0&max=1000`,
        await adminToken(),
      );
      return result.status === 200
        ? (result.body as { clientId: string }[]).map((c) => c.clientId)
        : [];
    },
    async stop() {
      await standIn?.stop();
    },
  };
}

type Call = (
  method: string,
  path: string,
  bearer: string,
  json?: unknown,
) => Promise<{ status: number; body: unknown }>;

/** A master client whose service account holds only the realm role `create-realm`. */
async function ensureLeastPrivilegeClient(
  call: Call,
  bearer: string,
  client: { id: string; secret: string },
): Promise<void> {
  const found = await call('GET', `/admin/realms/master/clients?clientId=${client.id}`, bearer);
  if ((found.body as unknown[]).length > 0) return;
  await call('POST', '/admin/realms/master/clients', bearer, {
    clientId: client.id,
    secret: client.secret,
    publicClient: false,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
  });
  const [created] = (
    await call('GET', `/admin/realms/master/clients?clientId=${client.id}`, bearer)
  ).body as { id: string }[];
  const user = (
    await call(
      'GET',
      `/admin/realms/master/clients/${created?.id ?? ''}/service-account-user`,
      bearer,
    )
  ).body as { id: string };
  const role = (await call('GET', '/admin/realms/master/roles/create-realm', bearer)).body;
  await call('POST', `/admin/realms/master/users/${user.id}/role-mappings/realm`, bearer, [role]);
}
