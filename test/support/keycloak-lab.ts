/**
 * The real Keycloak that `test/lab/setup.sh` unpacks under /opt/recipe-ci-lab/keycloak, run for a
 * test file (or the demo, or a benchmark): `kc.sh start-dev` on loopback and a free port, with the
 * in-memory H2 database (nothing outlives the process) and a bootstrap admin from environment
 * variables. Once discovery answers, it sets up what the tests log in with: a service-account
 * client holding only master's `create-realm` role, with lightweight access tokens (least
 * privilege, as we tell users to set it up). `stop()` ends the whole process group; an exiting
 * test process does the same, so no Keycloak outlives the tests that started it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signalGroup } from './process-group.ts';

/** Where setup.sh puts it; RECIPE_CI_LAB_KEYCLOAK points elsewhere. */
export const LAB_KEYCLOAK_HOME =
  process.env.RECIPE_CI_LAB_KEYCLOAK ?? '/opt/recipe-ci-lab/keycloak';

/** Start-up on 2 cores takes about 40 s (20 s of it re-augmenting); allow for a loaded machine. */
const START_TIMEOUT_MS = 240_000;
const STOP_GRACE_MS = 15_000;

export interface LabKeycloak {
  url: string;
  /** "26.7.3", from the distribution's version.txt. */
  version: string;
  /** The bootstrap admin of the master realm. */
  admin: { username: string; password: string };
  /** A master client whose service account holds only `create-realm`. */
  client: { id: string; secret: string };
  /** From spawn to discovery answering. */
  startMs: number;
  /** Resident memory of the Keycloak JVM now, in bytes. */
  rssBytes(): number;
  /** Every realm's name, master included, as the admin sees them. */
  realmNames(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Why the lab Keycloak cannot run here, or undefined when it can. */
export function labKeycloakMissing(): string | undefined {
  if (!existsSync(join(LAB_KEYCLOAK_HOME, 'bin', 'kc.sh'))) {
    return `no Keycloak at ${LAB_KEYCLOAK_HOME} (run test/lab/setup.sh as root)`;
  }
  try {
    // start-dev writes its build (lib/quarkus) and data (data/) into its own folder.
    accessSync(LAB_KEYCLOAK_HOME, constants.W_OK);
  } catch {
    return `the Keycloak at ${LAB_KEYCLOAK_HOME} is not writable by this user (it writes its build and data there)`;
  }
  return undefined;
}

export async function startLabKeycloak(
  options: { log?: (line: string) => void } = {},
): Promise<LabKeycloak> {
  const missing = labKeycloakMissing();
  if (missing !== undefined) throw new Error(missing);
  const version = readFileSync(join(LAB_KEYCLOAK_HOME, 'version.txt'), 'utf8')
    .replace(/^.*Version\s*/i, '')
    .trim();
  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}`;
  const admin = { username: 'lab-admin', password: randomBytes(18).toString('base64url') };
  const started = Date.now();
  const child = spawn(
    join(LAB_KEYCLOAK_HOME, 'bin', 'kc.sh'),
    ['start-dev', '--http-host=127.0.0.1', `--http-port=${String(port)}`, '--db=dev-mem'],
    {
      detached: true, // its own process group: stop() and exit end java and anything it started
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        KC_BOOTSTRAP_ADMIN_USERNAME: admin.username,
        KC_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      },
    },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      output.push(line);
      if (output.length > 200) output.shift();
      options.log?.(line);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const killAtExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killAtExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killAtExit);
    await stopGroup(child);
  };

  try {
    await waitForDiscovery(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  const startMs = Date.now() - started;
  const client = { id: 'recipe-ci', secret: randomBytes(24).toString('base64url') };
  try {
    await addLeastPrivilegeClient(url, admin, client);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    version,
    admin,
    client,
    startMs,
    rssBytes: () => rssOf(child.pid),
    async realmNames() {
      const response = await adminCaller(url, admin)(
        'GET',
        '/admin/realms?briefRepresentation=true',
      );
      return ((await response.json()) as { realm: string }[]).map((r) => r.realm);
    },
    stop,
  };
}

async function waitForDiscovery(url: string, child: ChildProcess, output: string[]) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Keycloak exited while starting:\n${output.slice(-20).join('\n')}`);
    }
    try {
      const response = await fetch(`${url}/realms/master/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(
    `Keycloak did not answer discovery in ${String(START_TIMEOUT_MS / 1000)} s:\n${output.slice(-20).join('\n')}`,
  );
}

type Call = (method: string, path: string, json?: unknown) => Promise<Response>;

/** The admin's calls, with a token fetched per call (master tokens live a minute). */
export function adminCaller(url: string, admin: { username: string; password: string }): Call {
  return async (method, path, json) => {
    const login = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', ...admin }),
    });
    const { access_token: token } = (await login.json()) as { access_token?: string };
    if (token === undefined) throw new Error(`admin login: HTTP ${String(login.status)}`);
    return fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  };
}

/**
 * Lightweight access tokens, as our README tells users to set on the admin client: an ordinary
 * token carries a role per realm the client created and, at about a hundred leftovers, outgrows
 * the request headers Keycloak accepts (HTTP 431 on every admin call).
 */
export const LIGHTWEIGHT_TOKENS = { 'client.use.lightweight.access.token.enabled': 'true' };

/**
 * A master client whose service account holds only the realm role `create-realm`, with
 * lightweight access tokens: what our README tells users to make, and the least an oidc-realm
 * run can work with. Idempotent.
 */
export async function addLeastPrivilegeClient(
  url: string,
  admin: { username: string; password: string },
  client: { id: string; secret: string },
): Promise<void> {
  const serviceAccount = await addServiceAccountClient(url, admin, client, {
    attributes: LIGHTWEIGHT_TOKENS,
  });
  if (serviceAccount !== undefined) await grantCreateRealm(url, admin, serviceAccount);
}

/**
 * The secretless admin login (Keycloak ≥ 26.6, on by default in 26.7): an OIDC identity provider
 * in master that trusts a job token issuer's keys for client assertions, and a create-realm-only
 * client whose credential is a token of that issuer with exactly `subject` as its `sub`.
 */
export async function addFederatedClient(
  url: string,
  admin: { username: string; password: string },
  federated: { clientId: string; alias: string; issuer: string; jwksUrl: string; subject: string },
): Promise<void> {
  const call = adminCaller(url, admin);
  const provider = await call('POST', '/admin/realms/master/identity-provider/instances', {
    alias: federated.alias,
    providerId: 'oidc',
    enabled: true,
    hideOnLogin: true,
    config: {
      issuer: federated.issuer,
      useJwksUrl: 'true',
      jwksUrl: federated.jwksUrl,
      supportsClientAssertions: 'true',
    },
  });
  if (provider.status !== 201) {
    throw new Error(
      `creating identity provider ${federated.alias}: HTTP ${String(provider.status)}`,
    );
  }
  const serviceAccount = await addServiceAccountClient(
    url,
    admin,
    { id: federated.clientId },
    {
      clientAuthenticatorType: 'federated-jwt',
      attributes: {
        'jwt.credential.issuer': federated.alias,
        'jwt.credential.sub': federated.subject,
        ...LIGHTWEIGHT_TOKENS,
      },
    },
  );
  if (serviceAccount !== undefined) await grantCreateRealm(url, admin, serviceAccount);
}

async function grantCreateRealm(
  url: string,
  admin: { username: string; password: string },
  serviceAccount: string,
): Promise<void> {
  const call = adminCaller(url, admin);
  const role = (await (await call('GET', '/admin/realms/master/roles/create-realm')).json()) as {
    id: string;
    name: string;
  };
  const mapped = await call(
    'POST',
    `/admin/realms/master/users/${serviceAccount}/role-mappings/realm`,
    [role],
  );
  if (mapped.status !== 204) {
    throw new Error(`granting create-realm: HTTP ${String(mapped.status)}`);
  }
}

/**
 * A master client with a service account and no role at all; the service account user's id,
 * or undefined when the client was already there.
 */
export async function addServiceAccountClient(
  url: string,
  admin: { username: string; password: string },
  client: { id: string; secret?: string },
  representation: Record<string, unknown> = {},
): Promise<string | undefined> {
  const call = adminCaller(url, admin);
  const existing = (await (
    await call('GET', `/admin/realms/master/clients?clientId=${encodeURIComponent(client.id)}`)
  ).json()) as { id: string }[];
  if (existing.length > 0) return undefined;
  const created = await call('POST', '/admin/realms/master/clients', {
    clientId: client.id,
    secret: client.secret,
    publicClient: false,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
    directAccessGrantsEnabled: false,
    ...representation,
  });
  if (created.status !== 201) {
    throw new Error(`creating client ${client.id}: HTTP ${String(created.status)}`);
  }
  const uuid = (created.headers.get('location') ?? '').split('/').pop() ?? '';
  const user = (await (
    await call('GET', `/admin/realms/master/clients/${uuid}/service-account-user`)
  ).json()) as { id: string };
  return user.id;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child.pid, signal);
}

/** SIGTERM to the group (Keycloak shuts down cleanly), SIGKILL if it is still there later. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const late = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(late);
}

function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
