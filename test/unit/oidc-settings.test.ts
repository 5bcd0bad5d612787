import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigurationError } from '../../src/shared/errors.ts';
import { Inputs } from '../../src/platform/inputs.ts';
import { readOidcSettings } from '../../src/oidc/settings.ts';

/** action.yml's defaults, as the runner passes them. */
const DEFAULTS: Record<string, string> = {
  'admin-auth': 'auto',
  'realm-prefix': 'ci',
  user: 'true',
  isolation: 'realm',
  cleanup: 'always',
  mode: 'create',
  'max-age': '6h',
  'dry-run': 'false',
  'verify-timeout': '30s',
};

function read(values: Record<string, string>, secrets: string[] = []) {
  return readOidcSettings(
    new Inputs({
      get: (name) => ({ ...DEFAULTS, 'keycloak-url': 'https://sso.example.org/', ...values })[name],
      label: (name) => `input "${name}"`,
      onSecret: (value) => secrets.push(value),
    }),
  );
}

function fails(values: Record<string, string>, pattern: RegExp): void {
  assert.throws(
    () => read(values),
    (error: unknown) => error instanceof ConfigurationError && pattern.test(error.message),
  );
}

const CLIENT = { 'admin-client-id': 'recipe-ci', 'admin-client-secret': 's3cret-value' };

test('client credentials preferred; secrets masked on read; base URL without trailing slash', () => {
  const secrets: string[] = [];
  const settings = read(CLIENT, secrets);
  assert.deepEqual(settings.auth, {
    kind: 'client-secret',
    clientId: 'recipe-ci',
    secret: 's3cret-value',
  });
  assert.equal(settings.keycloakUrl, 'https://sso.example.org');
  assert.deepEqual(secrets, ['s3cret-value']);
  assert.equal(settings.sharedRealm, 'ci-shared');
  assert.equal(settings.envMap[0]?.[0], 'OIDC_REALM');
  assert.equal(
    read({ ...CLIENT, 'keycloak-url': 'https://h/auth/' }).keycloakUrl,
    'https://h/auth',
  );
});

test('password grant, federated login, and the refusals of none or both', () => {
  assert.equal(read({ 'admin-username': 'a', 'admin-password': 'p' }).auth.kind, 'password');
  assert.deepEqual(read({ 'admin-auth': 'federated', 'admin-client-id': 'gh' }).auth, {
    kind: 'federated',
    clientId: 'gh',
    audience: 'https://sso.example.org/realms/master',
  });
  fails({}, /input "admin-client-id" is empty and so is admin-username/);
  fails({ ...CLIENT, 'admin-username': 'a' }, /were both given; give one admin login/);
  fails(
    { 'admin-auth': 'federated' },
    /input "admin-client-id" is required with admin-auth: federated/,
  );
  fails({ 'admin-password': 'p' }, /input "admin-username" is required with admin-password/);
});

test('bad URLs, prefixes, redirect URIs, origins and env-maps name the input and the fix', () => {
  fails(
    { ...CLIENT, 'keycloak-url': 'sso' },
    /input "keycloak-url" "sso" is not a URL; write it like https/,
  );
  fails({ ...CLIENT, 'keycloak-url': 'ftp://sso' }, /must start with https/);
  fails({ ...CLIENT, 'keycloak-url': 'https://sso/?x=1' }, /without query/);
  fails({ ...CLIENT, 'realm-prefix': 'CI' }, /input "realm-prefix" "CI" may hold only/);
  fails(
    { ...CLIENT, 'redirect-uris': 'https://ok/cb, /relative' },
    /entry "\/relative" is not an absolute URL/,
  );
  fails(
    { ...CLIENT, 'web-origins': 'https://a/b' },
    /input "web-origins" entry "https:\/\/a\/b" is not an origin/,
  );
  fails({ ...CLIENT, 'env-map': '- a' }, /input "env-map" must be a YAML mapping/);
  fails({ ...CLIENT, 'env-map': 'a-b: issuer' }, /key "a-b" is not an env variable name/);
  fails({ ...CLIENT, 'env-map': 'X: token' }, /maps X to "token", which is not a setting/);
  fails({ ...CLIENT, 'client-id': 'a b' }, /input "client-id" "a b" may hold only/);
  fails({ ...CLIENT, 'max-age': '10s' }, /input "max-age" must be at least 1m/);
  const ok = read({
    ...CLIENT,
    'redirect-uris': 'https://app/*\nhttp://localhost:8080/cb',
    'web-origins': '+\nhttps://app',
  });
  assert.deepEqual(ok.redirectUris, ['https://app/*', 'http://localhost:8080/cb']);
  assert.deepEqual(ok.webOrigins, ['+', 'https://app']);
});
