/**
 * Post step: remove what main made, with a token fetched now — main's has long expired (admin
 * tokens live about a minute). Keycloak 26 checks the caller's current roles, so the fresh token
 * of the account that created a realm may delete it. 404 counts as gone; 5xx is retried by the
 * HTTP client. Returns what it removed and throws with the exact list of what remains.
 */
import type { StateStore } from '../platform/state.ts';
import { deleteClient, deleteRealm, deleteUser, listInRealm } from './admin-api.ts';
import type { Session } from './session.ts';
import { OidcState } from './state-keys.ts';
import { getErrorMessage } from '../shared/errors.ts';

/** What main's state says exists, or undefined when main created nothing. */
export interface Leftovers {
  realm?: string;
  sharedRealm?: string;
  client?: { name: string; id: string | undefined };
  user?: { name: string; id: string | undefined };
}

export function leftoversFromState(state: StateStore): Leftovers | undefined {
  if (state.get(OidcState.isolation) === 'client') {
    const sharedRealm = state.get(OidcState.sharedRealm);
    const clientName = state.get(OidcState.clientName);
    if (sharedRealm === undefined || clientName === undefined) return undefined;
    const userName = state.get(OidcState.userName);
    return {
      sharedRealm,
      client: { name: clientName, id: state.get(OidcState.clientUuid) },
      ...(userName === undefined
        ? {}
        : { user: { name: userName, id: state.get(OidcState.userId) } }),
    };
  }
  const realm = state.get(OidcState.realm);
  return realm === undefined ? undefined : { realm };
}

export function describeLeftovers(left: Leftovers): string {
  if (left.realm !== undefined) return `realm ${left.realm}`;
  const parts = [`client ${left.client?.name ?? '?'}`];
  if (left.user) parts.push(`user ${left.user.name}`);
  return `${parts.join(' and ')} in realm ${left.sharedRealm ?? '?'}`;
}

export async function removeLeftovers(session: Session, left: Leftovers): Promise<string[]> {
  const token = await session.token();
  const done: string[] = [];
  const failed: string[] = [];
  const attempt = async (what: string, fn: () => Promise<boolean>): Promise<void> => {
    try {
      done.push(`${what}: ${(await fn()) ? 'deleted' : 'already gone'}`);
    } catch (error) {
      failed.push(`${what} (${getErrorMessage(error)})`);
    }
  };
  if (left.realm !== undefined) {
    const realm = left.realm;
    await attempt(`realm ${realm}`, () => deleteRealm(session.http, token, realm));
  }
  const shared = left.sharedRealm;
  if (shared !== undefined) {
    for (const [kind, entity] of [
      ['clients', left.client],
      ['users', left.user],
    ] as const) {
      if (entity === undefined) continue;
      const label = `${kind === 'clients' ? 'client' : 'user'} ${entity.name} in ${shared}`;
      await attempt(label, async () => {
        // Killed between the create call and saving its id: find it by its unique name.
        const id =
          entity.id ??
          (await listInRealm(session.http, token, shared, kind, entity.name)).find(
            (e) => e.name === entity.name,
          )?.id;
        if (id === undefined) return false;
        return kind === 'clients'
          ? deleteClient(session.http, token, shared, id)
          : deleteUser(session.http, token, shared, id);
      });
    }
  }
  if (failed.length > 0) {
    throw new Error(
      `could not remove: ${failed.join('; ')}; the janitor (mode: janitor) removes it once older than max-age`,
    );
  }
  return done;
}
