import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesSelector } from '../support/hcloud-stand-in.ts';

// The janitor's safety rests on label selectors; the stand-in must read them as Hetzner documents.
const labels = { 'recipe-ci': 'ci', 'recipe-ci-created': '1700000000', env: 'test' };

test('the stand-in reads label selectors as documented', () => {
  assert.equal(matchesSelector(labels, null), true);
  assert.equal(matchesSelector(labels, 'recipe-ci=ci,recipe-ci-created'), true);
  assert.equal(matchesSelector(labels, 'recipe-ci==ci'), true);
  assert.equal(matchesSelector(labels, 'recipe-ci=other,recipe-ci-created'), false);
  assert.equal(matchesSelector({}, 'recipe-ci=ci,recipe-ci-created'), false);
  assert.equal(matchesSelector(labels, 'env!=prod'), true);
  assert.equal(matchesSelector(labels, '!owner'), true);
  assert.equal(matchesSelector(labels, '!env'), false);
  assert.equal(matchesSelector(labels, 'env in (test,staging)'), true);
  assert.equal(matchesSelector(labels, 'env notin (test,staging),recipe-ci'), false);
});
