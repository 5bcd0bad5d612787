/**
 * The JSON Keycloak's admin API takes for a realm, a client and a user. A realm carries its
 * client and user inside it, so one `POST /admin/realms` creates all three. No `id` is sent:
 * Keycloak makes its own, and an `id` from us is one more thing that can collide.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface AppClient {
  clientId: string;
  secret: string;
  redirectUris: string[];
  webOrigins: string[];
}

export interface TestUser {
  username: string;
  password: string;
}

/** A secret Keycloak never saw until we sent it: 32 random bytes, URL- and .env-safe. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function clientRepresentation(client: AppClient): Record<string, unknown> {
  return {
    clientId: client.clientId,
    name: 'recipe-ci test client',
    enabled: true,
    protocol: 'openid-connect',
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    secret: client.secret,
    redirectUris: client.redirectUris,
    webOrigins: client.webOrigins,
    standardFlowEnabled: true,
    // Both only so that verification can prove the client works with real grants.
    serviceAccountsEnabled: true,
    directAccessGrantsEnabled: true,
  };
}

/** Keycloak refuses an email whose local part is longer than this (its EmailValidationUtil). */
const MAX_EMAIL_LOCAL_PART = 64;
const EMAIL_HASH_HEX = 16;

/**
 * The test user's address: `<username>@example.org` while that is valid; a longer username (a
 * run name in client isolation reaches 90 characters) is cut and given a hash of the whole name,
 * so the address stays unique in a shared realm, where Keycloak refuses duplicate emails.
 */
export function testEmail(username: string): string {
  if (username.length <= MAX_EMAIL_LOCAL_PART) return `${username}@example.org`;
  const hash = createHash('sha256').update(username).digest('hex').slice(0, EMAIL_HASH_HEX);
  const head = username.slice(0, MAX_EMAIL_LOCAL_PART - EMAIL_HASH_HEX - 1).replace(/-+$/, '');
  return `${head}-${hash}@example.org`;
}

/**
 * Email, first and last name are set because Keycloak's user profile (v24+) otherwise refuses
 * token requests with "Account is not fully set up".
 */
export function userRepresentation(user: TestUser): Record<string, unknown> {
  return {
    username: user.username,
    enabled: true,
    email: testEmail(user.username),
    emailVerified: true,
    firstName: 'Recipe',
    lastName: 'Tester',
    requiredActions: [],
    credentials: [{ type: 'password', value: user.password, temporary: false }],
  };
}

export function realmRepresentation(
  realm: string,
  client: AppClient,
  user: TestUser | undefined,
): Record<string, unknown> {
  return {
    realm,
    enabled: true,
    displayName: `recipe-ci ${realm}`,
    clients: [clientRepresentation(client)],
    users: user ? [userRepresentation(user)] : [],
  };
}
