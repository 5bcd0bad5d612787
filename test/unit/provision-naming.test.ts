import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createdAtFromLabels, runIdentity } from '../../src/provision/naming.ts';
import { slug } from '../../src/shared/slug.ts';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

test('a run is named <prefix>-<repo>-<run id>-<attempt> and labelled with its creation time', () => {
  const id = runIdentity(
    'recipe-ci',
    { GITHUB_REPOSITORY: 'coop-cloud/Next_Cloud', GITHUB_RUN_ID: '123', GITHUB_RUN_ATTEMPT: '2' },
    NOW,
  );
  assert.equal(id.name, 'recipe-ci-next-cloud-123-2');
  assert.deepEqual(id.labels, {
    'recipe-ci': 'recipe-ci',
    'recipe-ci-repo': 'next-cloud',
    'recipe-ci-run': '123-2',
    'recipe-ci-created': String(NOW / 1000),
  });
  assert.equal(createdAtFromLabels(id.labels), NOW);
});

test('long repository names are cut so the name stays a valid hostname, keeping the run', () => {
  const id = runIdentity(
    'recipe-ci',
    {
      GITHUB_REPOSITORY: `o/${'a'.repeat(80)}`,
      GITHUB_RUN_ID: '9876543210',
      GITHUB_RUN_ATTEMPT: '1',
    },
    NOW,
  );
  assert.ok(id.name.length <= 63, id.name);
  assert.match(id.name, /^recipe-ci-a+-9876543210-1$/);
});

test('outside a runner the name still differs per run', () => {
  const a = runIdentity('rc', {}, NOW);
  const b = runIdentity('rc', {}, NOW + 5000);
  assert.notEqual(a.name, b.name);
  assert.match(a.name, /^rc-local-manual[a-z0-9]+-1$/);
});

test('a missing or damaged creation label means "not ours to judge"', () => {
  assert.equal(createdAtFromLabels({}), undefined);
  assert.equal(createdAtFromLabels({ 'recipe-ci-created': 'yesterday' }), undefined);
  assert.equal(slug('--Hello World__'), 'hello-world');
});
