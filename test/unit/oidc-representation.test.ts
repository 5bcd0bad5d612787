import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keycloakReason } from '../../src/oidc/http.ts';
import { runName } from '../../src/oidc/names.ts';
import { testEmail, userRepresentation } from '../../src/oidc/representation.ts';

test('the test email is the username while it fits, and a valid unique address when it does not', () => {
  assert.equal(testEmail('tester'), 'tester@example.org');
  const at64 = 'a'.repeat(64);
  assert.equal(testEmail(at64), `${at64}@example.org`);
  // The longest run name: a 20-character prefix, a 30-character repo, an 11-digit run id.
  const long = runName(
    'abcdefghijklmnopqrst',
    { repo: 'an-unusually-long-recipe-repository-name', runId: '12345678901', attempt: '3' },
    1_800_000_000,
    'beef',
  );
  assert.ok(long.length > 64, long);
  const email = testEmail(long);
  const local = email.split('@')[0] ?? '';
  assert.ok(local.length <= 64, `${local} (${String(local.length)})`);
  assert.match(email, /^[a-z0-9]+(?:-[a-z0-9]+)*@example\.org$/);
  assert.ok(local.startsWith('abcdefghijklmnopqrst-an-unusually'), 'still says whose it is');
  const sibling = testEmail(long.replace(/beef$/, 'cafe'));
  assert.notEqual(sibling, email, 'two runs in one second get two addresses');
  assert.equal(userRepresentation({ username: long, password: 'x' }).email, email);
});

test("Keycloak's reason is read from each error shape it uses", () => {
  const reason = (status: number, body: unknown) =>
    keycloakReason({ status, location: undefined, body, text: JSON.stringify(body) });
  assert.equal(
    reason(401, { error: 'unauthorized_client', error_description: 'Invalid client credentials' }),
    'HTTP 401 unauthorized_client: Invalid client credentials',
  );
  assert.equal(
    reason(400, { field: 'email', errorMessage: 'error-invalid-email', params: ['email', 'x'] }),
    'HTTP 400 email: error-invalid-email',
  );
  assert.equal(
    reason(400, {
      errors: [
        { field: 'username', errorMessage: 'error-invalid-length' },
        { field: 'email', errorMessage: 'error-invalid-email' },
      ],
    }),
    'HTTP 400 username: error-invalid-length, email: error-invalid-email',
  );
  assert.equal(reason(401, { error: 'HTTP 401 Unauthorized' }), 'HTTP 401 Unauthorized');
  assert.equal(
    reason(409, { errorMessage: 'Realm x already exists' }),
    'HTTP 409 Realm x already exists',
  );
});
