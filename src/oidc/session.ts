/**
 * One phase's connection to Keycloak: the HTTP client and a way to get a fresh admin token.
 * A new token per call, because master access tokens live about a minute and a phase (or the
 * hour between main and post) outlasts one. Keycloak 26 checks the caller's current roles, so a
 * token issued before the realm existed already manages it; freshness is only about expiry.
 */
import { adminToken, fetchJobIdToken, type AdminAuth } from './admin-auth.ts';
import { KeycloakHttp, type HttpDeps } from './http.ts';
import type { AdminAuthConfig } from './settings.ts';

export interface Session {
  http: KeycloakHttp;
  deps: HttpDeps;
  signal: AbortSignal;
  /** A new admin token on every call. */
  token: () => Promise<string>;
}

export function openSession(
  keycloakUrl: string,
  auth: AdminAuthConfig,
  deps: HttpDeps,
  signal: AbortSignal,
  onSecret: (value: string) => void,
  env: NodeJS.ProcessEnv,
): Session {
  const http = new KeycloakHttp(keycloakUrl, deps, signal);
  const login: AdminAuth =
    auth.kind === 'federated'
      ? {
          kind: 'federated',
          clientId: auth.clientId,
          assertion: () => fetchJobIdToken(env, auth.audience, deps, signal),
        }
      : auth;
  return { http, deps, signal, token: () => adminToken(http, login, onSecret) };
}
