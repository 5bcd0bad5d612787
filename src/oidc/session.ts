/**
 * One phase's connection to Keycloak: the HTTP client and a way to get a fresh admin token.
 * A session per phase, because a token issued before a realm was created does not carry the
 * rights on it (least privilege), and master tokens expire in about a minute anyway.
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
          assertion: () => fetchJobIdToken(env, auth.audience, deps.fetch),
        }
      : auth;
  return { http, deps, signal, token: () => adminToken(http, login, onSecret) };
}
