/**
 * Leftover realms — what killed runs leave when post never ran — and what they cost every later
 * run on the same Keycloak. Leftovers are made by the same create-realm-only login oidc-realm
 * uses, because that is who leaks them, and are named as runs name theirs, a day old, so the
 * janitor takes them. Keycloak grants the creator of a realm that realm's admin roles, and an
 * ordinary access token lists every role it holds: the login's token grows with each realm it
 * made and has not deleted. Lightweight access tokens (a client attribute) leave the roles out.
 */
import { sweep, type SweepEntry } from '../../src/oidc/janitor.ts';
import { createRealm, deleteRealm, listRealms, realmExists } from '../../src/oidc/admin-api.ts';
import { KeycloakError } from '../../src/oidc/http.ts';
import { runName } from '../../src/oidc/names.ts';
import { generateSecret, realmRepresentation } from '../../src/oidc/representation.ts';
import type { OidcSettings } from '../../src/oidc/settings.ts';
import { adminCaller, type LabKeycloak } from '../../test/support/keycloak-lab.ts';
import { actionLife, benchSession, PREFIX } from './action-path.ts';
import { stat, timed, type Stat } from './measure.ts';

const DAY_MS = 24 * 3600 * 1000;
/**
 * Run ids of today's length (11 digits): the token grows by the length of each realm's name,
 * so names as long as real ones put the limit where a real client meets it.
 */
const RUN_ID = 17_000_000_000;
/** Keycloak's answer when a request's headers (here: the bearer token) are too large. */
const HEADERS_TOO_LARGE = 431;

export type TokenKind = 'full' | 'lightweight';

/** Switch the lab's admin client between ordinary and lightweight access tokens. */
export async function setTokenKind(keycloak: LabKeycloak, kind: TokenKind): Promise<void> {
  const call = adminCaller(keycloak.url, keycloak.admin);
  const path = `/admin/realms/master/clients?clientId=${encodeURIComponent(keycloak.client.id)}`;
  const [client] = (await (await call('GET', path)).json()) as {
    id: string;
    attributes?: Record<string, string>;
  }[];
  if (client === undefined) throw new Error(`no client ${keycloak.client.id} in master`);
  const updated = await call('PUT', `/admin/realms/master/clients/${client.id}`, {
    ...client,
    attributes: {
      ...client.attributes,
      'client.use.lightweight.access.token.enabled': String(kind === 'lightweight'),
    },
  });
  if (updated.status !== 204) {
    throw new Error(`switching to ${kind} tokens: HTTP ${String(updated.status)}`);
  }
}

export interface CallTimes {
  /** Admin login (client_credentials against master). */
  token: Stat;
  /** `POST /admin/realms` with the realm, its client and its user, as main sends it. */
  create: Stat;
  /** `GET /admin/realms/<realm>`. */
  get: Stat;
  /** `GET /admin/realms?briefRepresentation=true`: the janitor's first call. */
  list: Stat;
  /** `DELETE /admin/realms/<realm>`, as post sends it. */
  delete: Stat;
  tokenBytes: number;
  /** How many realms the list showed this login. */
  listed: number;
  /** Every sample, ms, in the order taken. */
  samples: Record<CallName, number[]>;
}

type CallName = 'token' | 'create' | 'get' | 'list' | 'delete';

/**
 * The admin calls of one run, `reps` times, each timed alone: login, create; a second login
 * (post's), read, list, delete. Each made realm is deleted before the next.
 */
export async function typicalCalls(settings: OidcSettings, reps: number): Promise<CallTimes> {
  const samples: Record<CallName, number[]> = {
    token: [],
    create: [],
    get: [],
    list: [],
    delete: [],
  };
  let tokenBytes = 0;
  let listed = 0;
  for (let rep = 0; rep < reps; rep++) {
    const realm = runName(
      PREFIX,
      { repo: 'probe', runId: String(RUN_ID + rep), attempt: '1' },
      Date.now() / 1000,
    );
    const main = benchSession(settings);
    const login = await timed(() => main.token());
    samples.token.push(login.ms);
    tokenBytes = login.value.length;
    const representation = realmRepresentation(
      realm,
      { clientId: 'app', secret: generateSecret(), redirectUris: [], webOrigins: [] },
      { username: 'tester', password: generateSecret() },
    );
    samples.create.push(
      (await timed(() => createRealm(main.http, login.value, representation))).ms,
    );
    const post = benchSession(settings);
    const again = await timed(() => post.token());
    samples.token.push(again.ms);
    const token = again.value;
    const read = await timed(() => realmExists(post.http, token, realm));
    if (!read.value) throw new Error(`realm ${realm} was not there after its creation`);
    samples.get.push(read.ms);
    const list = await timed(() => listRealms(post.http, token));
    samples.list.push(list.ms);
    listed = list.value.length;
    const removed = await timed(() => deleteRealm(post.http, token, realm));
    if (!removed.value) throw new Error(`realm ${realm} was already gone at its deletion`);
    samples.delete.push(removed.ms);
  }
  return {
    token: stat(samples.token),
    create: stat(samples.create),
    get: stat(samples.get),
    list: stat(samples.list),
    delete: stat(samples.delete),
    tokenBytes,
    listed,
    samples: Object.fromEntries(
      Object.entries(samples).map(([name, values]) => [name, values.map((v) => Math.round(v))]),
    ) as Record<CallName, number[]>,
  };
}

export interface Wall {
  /** Leftover realms of this login when its first admin call was refused. */
  leftovers: number;
  /** Size of its last token that still worked, and of the first refused one. */
  lastGoodTokenBytes: number;
  refusedTokenBytes: number;
  /** What oidc-realm's main and the janitor said at that point. */
  actionError: string;
  janitorError: string;
}

export interface Added {
  from: number;
  to: number;
  ms: number;
  tokenKind: TokenKind;
  /** Set when the login's token grew too large for Keycloak's request headers. */
  wall: Omit<Wall, 'actionError' | 'janitorError'> | undefined;
}

/**
 * Leftovers up to `target`, small realms made `concurrency` at a time with a fresh admin login
 * each (as killed runs made them). Stops early when Keycloak refuses the login's token as too
 * large (HTTP 431): from then on this login can make no admin call at all.
 */
export async function addLeftovers(
  settings: OidcSettings,
  from: number,
  target: number,
  concurrency: number,
  tokenKind: TokenKind,
): Promise<Added> {
  const epoch = (Date.now() - DAY_MS) / 1000;
  let next = from;
  let made = from;
  let lastGood = 0;
  let wall: Added['wall'];
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < target && wall === undefined) {
      const i = next++;
      const session = benchSession(settings);
      const token = await session.token();
      const realm = runName(
        PREFIX,
        { repo: 'leftover', runId: String(RUN_ID + i), attempt: '1' },
        epoch,
      );
      try {
        await createRealm(session.http, token, { realm, enabled: true });
        made++;
        lastGood = Math.max(lastGood, token.length);
      } catch (error) {
        if (!(error instanceof KeycloakError && error.status === HEADERS_TOO_LARGE)) throw error;
        wall ??= { leftovers: 0, lastGoodTokenBytes: 0, refusedTokenBytes: token.length };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - started;
  if (wall !== undefined) {
    wall.leftovers = made;
    wall.lastGoodTokenBytes = lastGood;
  }
  return { from, to: made, ms, tokenKind, wall };
}

/** What oidc-realm's main and the janitor answer once the login's token is too large. */
export async function atTheWall(
  settings: OidcSettings,
): Promise<Pick<Wall, 'actionError' | 'janitorError'>> {
  const failure = async (fn: () => Promise<unknown>): Promise<string> => {
    try {
      await fn();
      return '';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };
  return {
    actionError: await failure(() => actionLife(settings, 0)),
    janitorError: await failure(() => janitorPass(settings)),
  };
}

export interface JanitorPass {
  ms: number;
  deleted: number;
  failed: number;
  /** The first failure's words, when any. */
  firstFailure: string | undefined;
}

/** One sweep exactly as the action's `mode: janitor` runs it (realm isolation). */
async function janitorPass(settings: OidcSettings): Promise<JanitorPass> {
  const { ms, value: entries } = await timed(() =>
    sweep(benchSession(settings), {
      prefix: settings.prefix,
      maxAgeMs: settings.maxAgeMs,
      dryRun: settings.dryRun,
      nowMs: Date.now(),
      sharedRealm: undefined,
    }),
  );
  const count = (action: SweepEntry['action']): number =>
    entries.filter((e) => e.action === action).length;
  return {
    ms,
    deleted: count('deleted'),
    failed: count('failed'),
    firstFailure: entries.find((e) => e.action === 'failed')?.detail,
  };
}

/**
 * The janitor, run again as a schedule would run it, until a pass leaves nothing it failed on
 * (or `maxPasses`): every pass is recorded, so a sweep that cannot finish in one go shows.
 */
export async function janitor(settings: OidcSettings, maxPasses: number): Promise<JanitorPass[]> {
  const passes: JanitorPass[] = [];
  while (passes.length < maxPasses) {
    const pass = await janitorPass(settings);
    passes.push(pass);
    if (pass.failed === 0 || pass.deleted === 0) break;
  }
  return passes;
}
