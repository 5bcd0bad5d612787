/**
 * What main hands to post: names and ids only, never a secret. Saved *before* each create call,
 * so a run killed in the middle of one still tells post what to look for (404 = never made).
 */
export const OidcState = {
  isolation: 'isolation',
  realm: 'realm',
  sharedRealm: 'shared-realm',
  clientName: 'client-name',
  clientUuid: 'client-uuid',
  userName: 'user-name',
  userId: 'user-id',
} as const;
