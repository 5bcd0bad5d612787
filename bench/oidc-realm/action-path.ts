/**
 * One realm's whole life through oidc-realm's own code, as the action runs it: main's
 * `createAndVerify` (realm, client and test user in one admin call, then discovery, a
 * client_credentials grant, a password grant and the ID token checked against the JWKS), and
 * post's `removeLeftovers` in a session of its own. Each phase is timed, and every HTTP request
 * is counted, admin calls apart.
 */
import { leftoversFromState, removeLeftovers } from '../../src/oidc/cleanup.ts';
import { createAndVerify } from '../../src/oidc/create.ts';
import { realHttpDeps, type HttpDeps } from '../../src/oidc/http.ts';
import { openSession, type Session } from '../../src/oidc/session.ts';
import { readOidcSettings, type OidcSettings } from '../../src/oidc/settings.ts';
import { Inputs } from '../../src/platform/inputs.ts';
import { Secrets } from '../../src/platform/secrets.ts';
import { StateStore } from '../../src/platform/state.ts';
import type { LabKeycloak } from '../../test/support/keycloak-lab.ts';
import { timed } from './measure.ts';

/** The realm prefix of everything this benchmark creates. */
export const PREFIX = 'bench';

/** oidc-realm's settings for a realm per run with a test user, logging in as the lab's client. */
export function benchSettings(keycloak: LabKeycloak): OidcSettings {
  const values: Record<string, string> = {
    'keycloak-url': keycloak.url,
    'admin-client-id': keycloak.client.id,
    'admin-client-secret': keycloak.client.secret,
    'admin-auth': 'auto',
    'realm-prefix': PREFIX,
    user: 'true',
    isolation: 'realm',
    cleanup: 'always',
    mode: 'create',
    'max-age': '6h',
    'dry-run': 'false',
    'verify-timeout': '30s',
  };
  return readOidcSettings(
    new Inputs({ get: (name) => values[name], label: (name) => name, onSecret: () => undefined }),
  );
}

/** HTTP side effects that count what they send. */
export class CountingDeps implements HttpDeps {
  requests = 0;
  readonly sleep = realHttpDeps.sleep;
  readonly fetch: typeof fetch = (input, init) => {
    this.requests++;
    return realHttpDeps.fetch(input, init);
  };
}

/** A session as the action opens one per phase: a new HTTP client and a fresh admin login. */
export function benchSession(settings: OidcSettings, deps: HttpDeps = realHttpDeps): Session {
  return openSession(
    settings.keycloakUrl,
    settings.auth,
    deps,
    new AbortController().signal,
    () => undefined,
    {},
  );
}

export interface ActionLife {
  realm: string;
  /** Main's and post's admin logins together (part of create and of delete). */
  loginMs: number;
  /** Main's "Creating realm" group: admin login and the one POST. */
  createMs: number;
  /** Main's "Verifying realm" group: discovery, two grants, JWKS. */
  verifyMs: number;
  /** Post: a fresh admin login and the DELETE. */
  deleteMs: number;
  totalMs: number;
  /** Requests to /admin/… in main and post. */
  adminCalls: number;
  /** Every HTTP request: admin calls, admin logins, discovery, grants, JWKS. */
  requests: number;
}

export async function actionLife(settings: OidcSettings, runId: number): Promise<ActionLife> {
  const secrets = new Secrets(() => undefined);
  const saved = new Map<string, string>();
  const state = new StateStore(
    { saveState: (k, v) => saved.set(k, v), getState: (k) => saved.get(k) },
    secrets,
  );
  const phases = new Map<string, number>();
  const deps = new CountingDeps();
  let loginMs = 0;
  const timedLogins = (session: Session): Session => ({
    ...session,
    async token() {
      const login = await timed(session.token);
      loginMs += login.ms;
      return login.value;
    },
  });
  const main = timedLogins(benchSession(settings, deps));
  const started = performance.now();
  await createAndVerify(
    main,
    settings,
    { repo: 'oidc-realm', runId: String(runId), attempt: '1' },
    {
      state,
      onSecret: (value) => secrets.add(value),
      async group(title, fn) {
        const { ms, value } = await timed(fn);
        phases.set(title.split(' ')[0] ?? title, ms);
        return value;
      },
      info: () => undefined,
      now: () => Date.now(),
    },
  );
  const left = leftoversFromState(state);
  if (left?.realm === undefined) throw new Error('main saved no realm in its state');
  const post = timedLogins(benchSession(settings, deps));
  const removed = await timed(() => removeLeftovers(post, left));
  if (removed.value.join() !== `realm ${left.realm}: deleted`) {
    throw new Error(`post did not delete ${left.realm}: ${removed.value.join('; ')}`);
  }
  return {
    realm: left.realm,
    loginMs,
    createMs: phases.get('Creating') ?? Number.NaN,
    verifyMs: phases.get('Verifying') ?? Number.NaN,
    deleteMs: removed.ms,
    totalMs: performance.now() - started,
    adminCalls: main.http.adminCalls + post.http.adminCalls,
    requests: deps.requests,
  };
}
