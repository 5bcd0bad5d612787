/**
 * Sweep what killed runs leaked. Only names our prefix made (they parse back to an epoch) and
 * only those older than max-age: a young realm may belong to a run still going. Foreign realms,
 * `master` and the shared CI realm never parse, so they are never touched. In client isolation
 * the shared realm's run clients and users are swept the same way.
 */
import { deleteClient, deleteRealm, deleteUser, listInRealm, listRealms } from './admin-api.ts';
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
  const token = await session.token();
  const entries: SweepEntry[] = [];
  const candidates: { kind: SweepEntry['kind']; name: string; id: string }[] = [];
  for (const realm of await listRealms(session.http, token)) {
    candidates.push({ kind: 'realm', name: realm, id: realm });
  }
  if (options.sharedRealm !== undefined) {
    for (const kind of ['clients', 'users'] as const) {
      const found = await listInRealm(
        session.http,
        token,
        options.sharedRealm,
        kind,
        `${options.prefix}-`,
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
      const deleted =
        candidate.kind === 'realm'
          ? await deleteRealm(session.http, token, candidate.id)
          : candidate.kind === 'client'
            ? await deleteClient(session.http, token, shared, candidate.id)
            : await deleteUser(session.http, token, shared, candidate.id);
      entry.action = deleted ? 'deleted' : 'gone';
    } catch (error) {
      entry.action = 'failed';
      entry.detail = getErrorMessage(error);
    }
  }
  return entries;
}
