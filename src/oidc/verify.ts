/**
 * Prove the new realm works before anyone deploys against it: the discovery document names the
 * expected issuer, the client gets a token with its secret, and the test user logs in (with an
 * ID token that verifies against the realm's keys). Retried for a bounded time, because on a
 * clustered Keycloak the other nodes learn of a new realm through their caches a little later.
 */
import { idTokenProblem } from './id-token.ts';
import { keycloakReason, type HttpDeps, type KeycloakHttp } from './http.ts';
import type { AppClient, TestUser } from './representation.ts';
import { getErrorMessage } from '../shared/errors.ts';

export interface Endpoints {
  issuer: string;
  discoveryUrl: string;
  tokenEndpoint: string;
}

export interface VerifyOptions {
  timeoutMs: number;
  intervalMs: number;
  now: () => number;
}

export function realmEndpoints(baseUrl: string, realm: string): Endpoints {
  const issuer = `${baseUrl}/realms/${encodeURIComponent(realm)}`;
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    tokenEndpoint: `${issuer}/protocol/openid-connect/token`,
  };
}

/** Resolves with the endpoints the discovery document gave; throws the last problem at the deadline. */
export async function verifyRealm(
  http: KeycloakHttp,
  deps: HttpDeps,
  signal: AbortSignal,
  expected: Endpoints,
  client: AppClient,
  user: TestUser | undefined,
  options: VerifyOptions,
): Promise<Endpoints> {
  const deadline = options.now() + options.timeoutMs;
  let attempt = 0;
  for (;;) {
    attempt++;
    const problem = await verifyOnce(http, expected, client, user);
    if (typeof problem !== 'string') return problem;
    if (options.now() + options.intervalMs > deadline || signal.aborted) {
      throw new Error(
        `the realm did not verify after ${String(attempt)} attempt(s) in ${String(Math.round(options.timeoutMs / 1000))}s: ${problem}`,
      );
    }
    await deps.sleep(options.intervalMs, signal);
  }
}

async function verifyOnce(
  http: KeycloakHttp,
  expected: Endpoints,
  client: AppClient,
  user: TestUser | undefined,
): Promise<Endpoints | string> {
  try {
    const discovery = await http.request('GET', expected.discoveryUrl, { attempts: 1 });
    if (discovery.status !== 200) return `discovery: ${keycloakReason(discovery)}`;
    const doc = discovery.body as {
      issuer?: unknown;
      token_endpoint?: unknown;
      jwks_uri?: unknown;
    };
    if (doc.issuer !== expected.issuer) {
      return `discovery names issuer "${String(doc.issuer)}", expected "${expected.issuer}" (is keycloak-url the public URL Keycloak knows itself by?)`;
    }
    if (typeof doc.token_endpoint !== 'string' || typeof doc.jwks_uri !== 'string') {
      return 'discovery has no token_endpoint or jwks_uri';
    }
    const found = { ...expected, tokenEndpoint: doc.token_endpoint };
    const credentials = { client_id: client.clientId, client_secret: client.secret };
    const cc = await http.request('POST', doc.token_endpoint, {
      form: { grant_type: 'client_credentials', ...credentials },
      attempts: 1,
    });
    if (cc.status !== 200) return `the client_credentials grant failed: ${keycloakReason(cc)}`;
    if (user === undefined) return found;
    const password = await http.request('POST', doc.token_endpoint, {
      form: {
        grant_type: 'password',
        ...credentials,
        username: user.username,
        password: user.password,
        scope: 'openid',
      },
      attempts: 1,
    });
    if (password.status !== 200) {
      return `the password grant of user "${user.username}" failed: ${keycloakReason(password)}`;
    }
    const idToken = (password.body as { id_token?: unknown }).id_token;
    if (typeof idToken !== 'string') return 'the password grant returned no id_token';
    const jwks = await http.request('GET', doc.jwks_uri, { attempts: 1 });
    if (jwks.status !== 200) return `JWKS: ${keycloakReason(jwks)}`;
    return idTokenProblem(idToken, jwks.body, expected.issuer, client.clientId) ?? found;
  } catch (error) {
    return getErrorMessage(error);
  }
}
