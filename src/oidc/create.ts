/**
 * Main step of `mode: create`: name, create, verify, hand over. In realm isolation the realm,
 * its client and its user are one admin call; in client isolation the shared CI realm is made
 * once (by whichever run comes first) and each run adds a client and a user to it.
 */
import type { StateStore } from '../platform/state.ts';
import { createInRealm, createRealm, realmExists } from './admin-api.ts';
import { KeycloakError } from './http.ts';
import { runName, type RunLabel } from './names.ts';
import {
  clientRepresentation,
  generateSecret,
  realmRepresentation,
  userRepresentation,
  type AppClient,
  type TestUser,
} from './representation.ts';
import type { Session } from './session.ts';
import type { OidcSettings, SettingName } from './settings.ts';
import { OidcState } from './state-keys.ts';
import { realmEndpoints, verifyRealm } from './verify.ts';

/** The default client id of a realm-per-run: the realm already makes it unique. */
const DEFAULT_CLIENT_ID = 'app';
const DEFAULT_USERNAME = 'tester';
const VERIFY_INTERVAL_MS = 1000;
/**
 * Waits before each new try when a just-created shared realm answers 403: a brief 403 right
 * after the creation has been reported (the new realm's rights reaching the node a moment later).
 */
const FRESH_REALM_RETRY_MS = [500, 1000, 2000, 4000];

export interface CreateHooks {
  state: StateStore;
  onSecret: (value: string) => void;
  group: <T>(title: string, fn: () => Promise<T>) => Promise<T>;
  info: (message: string) => void;
  now: () => number;
}

export interface Created {
  values: Record<SettingName, string>;
  adminCalls: number;
  elapsedMs: number;
}

export async function createAndVerify(
  session: Session,
  settings: OidcSettings,
  label: RunLabel,
  hooks: CreateHooks,
): Promise<Created> {
  const started = hooks.now();
  const name = runName(settings.prefix, label, started / 1000);
  const perRun = settings.isolation === 'client';
  const realm = perRun ? settings.sharedRealm : name;
  const client: AppClient = {
    clientId: perRun ? name : (settings.clientId ?? DEFAULT_CLIENT_ID),
    secret: generateSecret(),
    redirectUris: settings.redirectUris,
    webOrigins: settings.webOrigins,
  };
  hooks.onSecret(client.secret);
  const user: TestUser | undefined = settings.user
    ? { username: perRun ? name : DEFAULT_USERNAME, password: generateSecret() }
    : undefined;
  if (user) hooks.onSecret(user.password);

  hooks.state.set(OidcState.isolation, settings.isolation);
  if (perRun) {
    await hooks.group(`Adding client ${client.clientId} to shared realm ${realm}`, () =>
      addToSharedRealm(session, realm, client, user, hooks),
    );
  } else {
    await hooks.group(`Creating realm ${realm}`, async () => {
      const token = await session.token();
      // Saved before the call: a run killed during it still leaves post the name to delete.
      hooks.state.set(OidcState.realm, realm);
      await createRealm(session.http, token, realmRepresentation(realm, client, user));
      hooks.info(
        `created realm ${realm} with client ${client.clientId}${user ? ` and user ${user.username}` : ''} in one call`,
      );
    });
  }
  const adminCalls = session.http.adminCalls;

  const endpoints = await hooks.group(`Verifying realm ${realm}`, async () => {
    const found = await verifyRealm(
      session.http,
      session.deps,
      session.signal,
      realmEndpoints(settings.keycloakUrl, realm),
      client,
      user,
      { timeoutMs: settings.verifyTimeoutMs, intervalMs: VERIFY_INTERVAL_MS, now: hooks.now },
    );
    hooks.info(
      `discovery issuer matches; client_credentials grant ok${user ? '; password grant ok, id_token verified against the JWKS' : ''}`,
    );
    return found;
  });
  return {
    values: {
      realm,
      issuer: endpoints.issuer,
      'discovery-url': endpoints.discoveryUrl,
      'token-endpoint': endpoints.tokenEndpoint,
      'client-id': client.clientId,
      'client-secret': client.secret,
      username: user?.username ?? '',
      password: user?.password ?? '',
    },
    adminCalls,
    elapsedMs: hooks.now() - started,
  };
}

async function addToSharedRealm(
  session: Session,
  realm: string,
  client: AppClient,
  user: TestUser | undefined,
  hooks: CreateHooks,
): Promise<void> {
  hooks.state.set(OidcState.sharedRealm, realm);
  const token = await session.token();
  let fresh = false;
  if (!(await realmExists(session.http, token, realm))) {
    try {
      await createRealm(session.http, token, {
        realm,
        enabled: true,
        displayName: 'recipe-ci shared CI realm',
      });
      fresh = true;
      hooks.info(`created the shared realm ${realm}`);
    } catch (error) {
      // Another run created it between our look and our create: that is what we wanted.
      if (!(error instanceof KeycloakError && error.status === 409)) throw error;
    }
  }
  const add = (kind: 'clients' | 'users', representation: Record<string, unknown>) =>
    retryForbiddenWhileFresh(session, fresh, async () =>
      createInRealm(session.http, await session.token(), realm, kind, representation),
    );
  hooks.state.set(OidcState.clientName, client.clientId);
  const clientUuid = await add('clients', clientRepresentation(client));
  hooks.state.set(OidcState.clientUuid, clientUuid);
  if (user) {
    hooks.state.set(OidcState.userName, user.username);
    const userId = await add('users', userRepresentation(user));
    hooks.state.set(OidcState.userId, userId);
  }
  hooks.info(
    `added client ${client.clientId}${user ? ` and user ${user.username}` : ''} to ${realm}`,
  );
}

/** `call`, tried again after a 403 while the shared realm is only just created. */
async function retryForbiddenWhileFresh<T>(
  session: Session,
  fresh: boolean,
  call: () => Promise<T>,
): Promise<T> {
  for (const waitMs of fresh ? FRESH_REALM_RETRY_MS : []) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof KeycloakError && error.status === 403)) throw error;
      await session.deps.sleep(waitMs, session.signal);
    }
  }
  return call();
}
