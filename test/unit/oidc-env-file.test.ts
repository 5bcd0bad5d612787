import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeEnvFile } from '../../src/oidc/env-file.ts';
import { tempDir } from '../support/temp-dir.ts';

test('an env file keeps its other lines, replaces ours, and is private', () => {
  const path = join(tempDir('recipe-ci-oidc-env-'), '.env');
  writeFileSync(path, 'DOMAIN=x.example.org\nOIDC_ISSUER=old\n# comment\n', { mode: 0o644 });
  writeEnvFile(path, [
    ['OIDC_ISSUER', 'https://sso/realms/r'],
    ['OIDC_SECRET', 'abc'],
  ]);
  assert.equal(
    readFileSync(path, 'utf8'),
    'DOMAIN=x.example.org\n# comment\nOIDC_ISSUER=https://sso/realms/r\nOIDC_SECRET=abc\n',
  );
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.throws(() => writeEnvFile(path, [['A', 'x\ny']]), /line break/);
});
