import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namedSecretValues, namesSecret } from '../../src/platform/secret-names.ts';

test('names that say secret: a word ending a part of the name', () => {
  for (const name of [
    'OIDC_CLIENT_SECRET',
    'OIDC_PASSWORD',
    'HCLOUD_TOKEN',
    'SSH_PRIVATE_KEY',
    'APIKEY',
    'app_api_tokens',
    'INPUT_ADMIN-CLIENT-SECRET',
  ]) {
    assert.ok(namesSecret(name), name);
  }
  for (const name of [
    'KEYCLOAK_URL',
    'KEYCLOAK_REALM',
    'OIDC_CLIENT_ID',
    'PRIVATE_KEY_PATH',
    'SECRET_FILE',
    'TOKEN_DIR',
    'OIDC_TOKEN_ENDPOINT',
    'TOKEN_URI',
    'TOKENIZER',
    'PATH',
  ]) {
    assert.ok(!namesSecret(name), name);
  }
});

test('short values are not masked by name alone', () => {
  assert.deepEqual(
    namedSecretValues([
      ['API_KEY', 'abcdef'],
      ['TOKEN_TTL_KEY', '300'],
      ['PASSWORD', undefined],
      ['TITLE', 'long enough but not a secret'],
    ]),
    ['abcdef'],
  );
});
