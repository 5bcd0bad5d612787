/**
 * The stand-in's data: realms with their clients and users, and the master realm's admin
 * principals. Follows Keycloak's admin representations (RealmRepresentation, ClientRepresentation,
 * UserRepresentation) for the fields recipe-ci sends and reads.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export interface StoredClient {
  id: string;
  clientId: string;
  secret: string | undefined;
  publicClient: boolean;
  serviceAccountsEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  redirectUris: string[];
  webOrigins: string[];
}

export interface StoredUser {
  id: string;
  username: string;
  email: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  enabled: boolean;
  password: string | undefined;
}

export interface StoredRealm {
  id: string;
  realm: string;
  /** Who created it (`client:<id>` / `user:<name>`), for the creator's rights. */
  createdBy: string;
  createdAtMs: number;
  clients: Map<string, StoredClient>;
  users: Map<string, StoredUser>;
}

/** An admin login of the master realm and what it may do. */
export type AdminPrincipal =
  | { kind: 'client'; clientId: string; secret: string; role: 'admin' | 'create-realm' }
  | { kind: 'user'; username: string; password: string; role: 'admin' | 'create-realm' };

type Json = Record<string, unknown>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function clientFrom(rep: Json): StoredClient {
  const publicClient = rep.publicClient === true;
  return {
    id: randomUUID(),
    clientId: str(rep.clientId) ?? '',
    // Keycloak generates a secret for a confidential client that comes without one.
    secret: publicClient ? undefined : (str(rep.secret) ?? randomBytes(24).toString('base64url')),
    publicClient,
    serviceAccountsEnabled: rep.serviceAccountsEnabled === true,
    directAccessGrantsEnabled: rep.directAccessGrantsEnabled === true,
    redirectUris: strings(rep.redirectUris),
    webOrigins: strings(rep.webOrigins),
  };
}

export function userFrom(rep: Json): StoredUser {
  const credentials = Array.isArray(rep.credentials) ? (rep.credentials as Json[]) : [];
  const password = credentials.find((c) => c.type === 'password');
  return {
    id: randomUUID(),
    username: (str(rep.username) ?? '').toLowerCase(),
    email: str(rep.email),
    firstName: str(rep.firstName),
    lastName: str(rep.lastName),
    enabled: rep.enabled !== false,
    password: str(password?.value),
  };
}

export function clientJson(client: StoredClient): Json {
  return {
    id: client.id,
    clientId: client.clientId,
    publicClient: client.publicClient,
    serviceAccountsEnabled: client.serviceAccountsEnabled,
    directAccessGrantsEnabled: client.directAccessGrantsEnabled,
    redirectUris: client.redirectUris,
    webOrigins: client.webOrigins,
  };
}

export function userJson(user: StoredUser): Json {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    enabled: user.enabled,
  };
}
