import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeAppEnv } from '../../src/deploy/app-env.ts';
import { parseDockerTime, stackName } from '../../src/deploy/swarm.ts';

describe('mergeAppEnv', () => {
  const sample =
    'TYPE=notes:1.0.0+1.0\nDOMAIN=a.example.test\n#OIDC_ISSUER=\n# OIDC_SCOPE=openid\n';

  it('replaces set keys, switches on commented ones in place, appends the rest under a marker', () => {
    const merged = mergeAppEnv(sample, {
      DOMAIN: 'b.example.test',
      OIDC_ISSUER: 'https://sso.example.test/realms/r',
      OIDC_SCOPE: 'openid email',
      OIDC_CLIENT_SECRET: "it's",
    });
    assert.equal(
      merged,
      'TYPE=notes:1.0.0+1.0\nDOMAIN=b.example.test\nOIDC_ISSUER=https://sso.example.test/realms/r\n' +
        "OIDC_SCOPE='openid email'\n\n# added by recipe-ci for this run\nOIDC_CLIENT_SECRET=\"it's\"\n",
    );
  });

  it('refuses values a line cannot hold and names that are not variables', () => {
    assert.throws(() => mergeAppEnv(sample, { A: 'x\ny' }), /cannot span lines/);
    assert.throws(() => mergeAppEnv(sample, { 'A-B': 'x' }), /cannot be an env variable name/);
  });
});

describe('swarm names and times', () => {
  it('a stack is the domain with underscores, cut to 45 characters as abra does', () => {
    assert.equal(stackName('note-0a0a0a.ci.example.test'), 'note-0a0a0a_ci_example_test');
    assert.equal(stackName(`note-0a0a0a.${'x'.repeat(60)}.test`).length, 45);
  });

  it('reads Go’s default time rendering and RFC 3339', () => {
    assert.equal(
      parseDockerTime('2026-01-02 03:04:05.123456789 +0000 UTC').toISOString(),
      '2026-01-02T03:04:05.123Z',
    );
    assert.equal(
      parseDockerTime('2026-01-02T05:04:05+02:00').toISOString(),
      '2026-01-02T03:04:05.000Z',
    );
    assert.ok(Number.isNaN(parseDockerTime('2 hours ago').getTime()));
  });
});
