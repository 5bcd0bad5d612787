/**
 * Sweep what killed runs leaked. Only names our prefix made (they parse back to an epoch) and
 * only those older than max-age: a young realm may belong to a run still going. Foreign realms,
 * `master` and the shared CI realm never parse, so they are never touched. In client isolation
 * the shared realm's run clients and users are swept the same way.
 */
import { deleteClient, deleteRealm, deleteUser, listInRealm, listRealms } from './admin-api.ts';
import { KeycloakError } from './http.ts';
import { parseRunName } from './names.ts';
import type { Session } from './session.ts';
import { getErrorMessage } from '../shared/errors.ts';

export interface JanitorOptions {
  prefix: string;
  maxAgeMs: number;
  dryRun: boolean;
  nowMs: number;
  /** Also sweep run clients and users in this shared realm. */
  sharedRealm: string | undefined;
}

export interface SweepEntry {
  kind: 'realm' | 'client' | 'user';
  name: string;
  ageSeconds: number;
  action: 'deleted' | 'gone' | 'would delete' | 'kept (young)' | 'failed';
  detail?: string;
}

export async function sweep(session: Session, options: JanitorOptions): Promise<SweepEntry[]> {
  const admin = adminCalls(session);
  const entries: SweepEntry[] = [];
  const candidates: { kind: SweepEntry['kind']; name: string; id: string }[] = [];
  for (const realm of await admin((token) => listRealms(session.http, token))) {
    candidates.push({ kind: 'realm', name: realm, id: realm });
  }
  if (options.sharedRealm !== undefined) {
    const shared = options.sharedRealm;
    for (const kind of ['clients', 'users'] as const) {
      const found = await admin((token) =>
        listInRealm(session.http, token, shared, kind, `${options.prefix}-`),
      );
      for (const e of found) {
        candidates.push({ kind: kind === 'clients' ? 'client' : 'user', name: e.name, id: e.id });
      }
    }
  }
  for (const candidate of candidates) {
    const epoch = parseRunName(options.prefix, candidate.name);
    if (epoch === undefined) continue;
    const ageSeconds = Math.round(options.nowMs / 1000 - epoch);
    const entry: SweepEntry = {
      kind: candidate.kind,
      name: candidate.name,
      ageSeconds,
      action: 'kept (young)',
    };
    entries.push(entry);
    if (ageSeconds * 1000 < options.maxAgeMs) continue;
    if (options.dryRun) {
      entry.action = 'would delete';
      continue;
    }
    try {
      const shared = options.sharedRealm ?? '';
      const deleted = await admin((token) =>
        candidate.kind === 'realm'
          ? deleteRealm(session.http, token, candidate.id)
          : candidate.kind === 'client'
            ? deleteClient(session.http, token, shared, candidate.id)
            : deleteUser(session.http, token, shared, candidate.id),
      );
      entry.action = deleted ? 'deleted' : 'gone';
    } catch (error) {
      entry.action = 'failed';
      entry.detail = getErrorMessage(error);
    }
  }
  return entries;
}

/**
 * Admin calls with one token, renewed when Keycloak answers 401 and the call made once more.
 * Master tokens live a minute (Keycloak's default) and a sweep can outlast one: with a single
 * token for the whole sweep, Keycloak 26.7.3 refused the last 24 of 300 deletions. A login per
 * call would also do, at a login (and, with a federated login, a job token from the runner) per
 * realm; a 401 costs one wasted call a minute. A 401 the fresh token gets too is the call's to
 * report.
 */
function adminCalls(session: Session): <T>(call: (token: string) => Promise<T>) => Promise<T> {
  let token: string | undefined;
  return async (call) => {
    token ??= await session.token();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof KeycloakError && error.status === 401)) throw error;
      token = await session.token();
      return call(token);
    }
  };
}
