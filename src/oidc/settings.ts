/**
 * The oidc-realm inputs, parsed once. Every mistake we can see without Keycloak — a URL that is
 * not one, a prefix Keycloak would reject, a redirect URI that is not a URL, no or two admin
 * logins, an env-map naming a setting we do not have — fails here, before any call.
 */
import type { Inputs } from '../platform/inputs.ts';
import type { AdminAuth } from './admin-auth.ts';
import { prefixProblem, realmNameProblem } from './names.ts';

/** What a run can hand to the app, by the names env-map and the outputs use. */
export const SETTINGS = [
  'realm',
  'issuer',
  'discovery-url',
  'token-endpoint',
  'client-id',
  'client-secret',
  'username',
  'password',
] as const;
export type SettingName = (typeof SETTINGS)[number];
export const SECRET_SETTINGS: ReadonlySet<SettingName> = new Set(['client-secret', 'password']);

/** Admin login as configured; a federated login's assertion is fetched when needed. */
export type AdminAuthConfig =
  | Exclude<AdminAuth, { kind: 'federated' }>
  | { kind: 'federated'; clientId: string; audience: string };

export interface OidcSettings {
  /** Base URL without a trailing slash: issuers are `${keycloakUrl}/realms/<realm>`. */
  keycloakUrl: string;
  auth: AdminAuthConfig;
  prefix: string;
  /** The app client's id in realm isolation; undefined in client isolation (named after the run). */
  clientId: string | undefined;
  redirectUris: string[];
  webOrigins: string[];
  user: boolean;
  isolation: 'realm' | 'client';
  /** The CI realm that client isolation shares between runs. */
  sharedRealm: string;
  envFile: string | undefined;
  envMap: [string, SettingName][];
  cleanup: 'always' | 'on-success' | 'never';
  mode: 'create' | 'janitor';
  maxAgeMs: number;
  dryRun: boolean;
  verifyTimeoutMs: number;
}

export function readOidcSettings(inputs: Inputs): OidcSettings {
  const keycloakUrl = readBaseUrl(inputs);
  const auth = readAdminAuth(inputs, keycloakUrl);
  const prefix = inputs.defaulted('realm-prefix', inputs.string('realm-prefix'));
  const problem = prefixProblem(prefix);
  if (problem !== undefined) inputs.fail('realm-prefix', `"${prefix}" ${problem}`);
  const isolation = inputs.defaulted('isolation', inputs.choice('isolation', ['realm', 'client']));
  const clientId = inputs.string('client-id');
  if (clientId !== undefined && isolation === 'client') {
    inputs.fail(
      'client-id',
      'cannot be set with isolation: client; each run gets a client named after the run so runs never collide and the janitor can find leftovers — remove client-id or use isolation: realm',
    );
  }
  if (clientId !== undefined && !/^[A-Za-z0-9._-]+$/.test(clientId)) {
    inputs.fail('client-id', `"${clientId}" may hold only letters, digits, ".", "_" and "-"`);
  }
  const sharedRealm = inputs.string('shared-realm') ?? `${prefix}-shared`;
  const sharedProblem = realmNameProblem(sharedRealm);
  if (sharedProblem !== undefined) inputs.fail('shared-realm', `"${sharedRealm}" ${sharedProblem}`);
  const redirectUris = inputs.list('redirect-uris');
  for (const uri of redirectUris) {
    if (!isAbsoluteUrl(uri)) {
      inputs.fail(
        'redirect-uris',
        `entry "${uri}" is not an absolute URL; write it like https://app.example.org/oidc/callback (a trailing * is allowed)`,
      );
    }
  }
  const webOrigins = inputs.list('web-origins');
  for (const origin of webOrigins) {
    if (origin !== '+' && origin !== '*' && !isOrigin(origin)) {
      inputs.fail(
        'web-origins',
        `entry "${origin}" is not an origin; write scheme://host[:port] with no path, or "+" for the redirect URIs' origins`,
      );
    }
  }
  const mode = inputs.defaulted('mode', inputs.choice('mode', ['create', 'janitor']));
  return {
    keycloakUrl,
    auth,
    prefix,
    clientId,
    redirectUris,
    webOrigins,
    user: inputs.defaulted('user', inputs.boolean('user')),
    isolation,
    sharedRealm,
    envFile: inputs.string('env-file'),
    envMap: readEnvMap(inputs),
    cleanup: inputs.defaulted(
      'cleanup',
      inputs.choice('cleanup', ['always', 'on-success', 'never']),
    ),
    mode,
    maxAgeMs: inputs.defaulted('max-age', inputs.duration('max-age', { min: 60_000 })),
    dryRun: inputs.defaulted('dry-run', inputs.boolean('dry-run')),
    verifyTimeoutMs: inputs.defaulted(
      'verify-timeout',
      inputs.duration('verify-timeout', { min: 1000, max: 600_000 }),
    ),
  };
}

function readBaseUrl(inputs: Inputs): string {
  const raw = inputs.required('keycloak-url', 'give the base URL of the shared Keycloak');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    inputs.fail('keycloak-url', `"${raw}" is not a URL; write it like https://sso.example.org`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    inputs.fail('keycloak-url', `"${raw}" must start with https:// (or http://)`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '') {
    inputs.fail(
      'keycloak-url',
      `"${raw}" must be a plain base URL without query, fragment or user`,
    );
  }
  // Keycloak ≥ 17 serves at the root; a legacy /auth base keeps its path.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function readAdminAuth(inputs: Inputs, keycloakUrl: string): AdminAuthConfig {
  const method = inputs.defaulted(
    'admin-auth',
    inputs.choice('admin-auth', ['auto', 'client-secret', 'password', 'federated']),
  );
  const clientId = inputs.string('admin-client-id');
  const secret = inputs.secret('admin-client-secret');
  const username = inputs.string('admin-username');
  const password = inputs.secret('admin-password');
  if (method === 'federated') {
    if (clientId === undefined) {
      inputs.fail('admin-client-id', 'is required with admin-auth: federated');
    }
    return {
      kind: 'federated',
      clientId,
      audience: inputs.string('admin-audience') ?? `${keycloakUrl}/realms/master`,
    };
  }
  const haveClient = clientId !== undefined || secret !== undefined;
  const haveUser = username !== undefined || password !== undefined;
  if (method === 'auto' && haveClient && haveUser) {
    inputs.fail(
      'admin-client-id',
      'and admin-username were both given; give one admin login (the client is preferred)',
    );
  }
  if (method === 'client-secret' || (method === 'auto' && haveClient)) {
    if (clientId === undefined)
      inputs.fail('admin-client-id', 'is required with admin-client-secret');
    if (secret === undefined)
      inputs.fail('admin-client-secret', 'is required with admin-client-id');
    return { kind: 'client-secret', clientId, secret };
  }
  if (method === 'password' || haveUser) {
    if (username === undefined) inputs.fail('admin-username', 'is required with admin-password');
    if (password === undefined) inputs.fail('admin-password', 'is required with admin-username');
    return { kind: 'password', username, password };
  }
  inputs.fail(
    'admin-client-id',
    'is empty and so is admin-username: give admin-client-id + admin-client-secret (preferred), admin-username + admin-password, or admin-auth: federated',
  );
}

function readEnvMap(inputs: Inputs): [string, SettingName][] {
  const value = inputs.yaml('env-map');
  if (value === undefined || value === null) {
    return SETTINGS.map((s) => [`OIDC_${s.toUpperCase().replace(/-/g, '_')}`, s]);
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    inputs.fail(
      'env-map',
      'must be a YAML mapping of env names to settings, like `OIDC_ISSUER: issuer`',
    );
  }
  const entries: [string, SettingName][] = [];
  for (const [name, setting] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      inputs.fail('env-map', `key "${name}" is not an env variable name ([A-Za-z_][A-Za-z0-9_]*)`);
    }
    if (!(SETTINGS as readonly unknown[]).includes(setting)) {
      inputs.fail(
        'env-map',
        `maps ${name} to "${String(setting)}", which is not a setting; use one of ${SETTINGS.join(', ')}`,
      );
    }
    entries.push([name, setting as SettingName]);
  }
  return entries;
}

function isAbsoluteUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) && (url.host !== '' || url.protocol !== 'http:')
    );
  } catch {
    return false;
  }
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return url.origin !== 'null' && url.origin === text.replace(/\/$/, '');
  } catch {
    return false;
  }
}
