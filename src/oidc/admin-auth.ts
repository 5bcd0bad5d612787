/**
 * Admin tokens from the master realm. Three ways in, most preferred first:
 * - client credentials of a service-account client that holds only master's `create-realm`
 *   (least privilege: it gets full rights on the realms it creates, and on nothing else);
 * - a federated client assertion: the job's own OIDC token (GitHub, Forgejo) presented as the
 *   client's credential, so no long-lived admin secret is stored (Keycloak ≥ 26.6);
 * - the `admin-cli` password grant of an admin user.
 * Master tokens live about a minute and carry only the rights held when they were issued, so
 * every phase asks for a new one instead of keeping one.
 */
import { KeycloakError, keycloakReason, type HttpDeps, type KeycloakHttp } from './http.ts';
import { HttpError, httpRequest } from '../shared/http-client.ts';

export type AdminAuth =
  | { kind: 'client-secret'; clientId: string; secret: string }
  | { kind: 'password'; username: string; password: string }
  | { kind: 'federated'; clientId: string; assertion: () => Promise<string> };

const TOKEN_PATH = '/realms/master/protocol/openid-connect/token';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Who we log in as, for messages. */
export function describeAdminAuth(auth: AdminAuth): string {
  switch (auth.kind) {
    case 'client-secret':
      return `the client_credentials grant of admin client "${auth.clientId}"`;
    case 'federated':
      return `the client_credentials grant of admin client "${auth.clientId}" with a federated client assertion (the job's OIDC token)`;
    case 'password':
      return `the password grant of admin user "${auth.username}" through admin-cli`;
  }
}

/** A fresh admin token; `onSecret` masks it before anything could print it. */
export async function adminToken(
  http: KeycloakHttp,
  auth: AdminAuth,
  onSecret: (value: string) => void,
): Promise<string> {
  let form: Record<string, string>;
  switch (auth.kind) {
    case 'client-secret':
      form = {
        grant_type: 'client_credentials',
        client_id: auth.clientId,
        client_secret: auth.secret,
      };
      break;
    case 'federated': {
      const assertion = await auth.assertion();
      onSecret(assertion);
      form = {
        grant_type: 'client_credentials',
        client_id: auth.clientId,
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
      };
      break;
    }
    case 'password':
      form = {
        grant_type: 'password',
        client_id: 'admin-cli',
        username: auth.username,
        password: auth.password,
      };
      break;
  }
  let result;
  try {
    result = await http.request('POST', TOKEN_PATH, { form });
  } catch (error) {
    // A cancel is not a login failure: it leaves as itself.
    if (!(error instanceof HttpError)) throw error;
    throw new KeycloakError(
      `admin login failed: ${error.message}; check keycloak-url (${http.baseUrl}) and that this runner can reach it`,
      undefined,
    );
  }
  const token = (result.body as { access_token?: unknown } | undefined)?.access_token;
  if (result.status !== 200 || typeof token !== 'string') {
    throw new KeycloakError(
      `admin login failed: ${describeAdminAuth(auth)} at ${http.url(TOKEN_PATH)} was refused (${keycloakReason(result)}); ${adminAuthHint(auth)}`,
      result.status,
    );
  }
  onSecret(token);
  return token;
}

function adminAuthHint(auth: AdminAuth): string {
  switch (auth.kind) {
    case 'client-secret':
      return 'check admin-client-id and admin-client-secret, and that the client has "Service accounts roles" enabled in the master realm';
    case 'federated':
      return "check the client's federated authenticator (identity provider alias, expected subject) and the job's id-token permission";
    case 'password':
      return 'check admin-username and admin-password (a master-realm user)';
  }
}

/**
 * The job's OIDC token from the runner (GitHub with `permissions: id-token: write`, Forgejo
 * with `enable-openid-connect: true`), for `audience`.
 */
export async function fetchJobIdToken(
  env: NodeJS.ProcessEnv,
  audience: string,
  deps: HttpDeps,
  signal?: AbortSignal,
): Promise<string> {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) {
    throw new KeycloakError(
      'admin-auth: federated needs the job OIDC token, but ACTIONS_ID_TOKEN_REQUEST_URL is not set; on GitHub add `permissions: id-token: write`, on Forgejo `enable-openid-connect: true`; Gitea cannot issue job tokens — use admin-client-secret there',
      undefined,
    );
  }
  const target = new URL(url);
  target.searchParams.set('audience', audience);
  let response;
  try {
    response = await httpRequest(
      { method: 'GET', url: target, headers: { authorization: `Bearer ${bearer}` }, signal },
      deps,
    );
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw new KeycloakError(`the runner gave no job OIDC token: ${error.message}`, undefined);
  }
  const value = (response.json as { value?: unknown } | undefined)?.value;
  if (response.status < 200 || response.status > 299 || typeof value !== 'string') {
    throw new KeycloakError(
      `the runner refused a job OIDC token (HTTP ${String(response.status)})`,
      response.status,
    );
  }
  return value;
}
