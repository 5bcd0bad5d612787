import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  VersionError,
  choosePrevious,
  majorBump,
  parseRecipeVersion,
  publishedVersions,
  type RecipeVersion,
} from '../../src/recipe/versions.ts';

const TAGS = ['1.0.0+1.0', '1.1.0+1.1', '2.0.0+2.0', '2.1.0-rc.1+2.1', 'latest', 'v0.9.0'];

function version(tag: string): RecipeVersion {
  const parsed = parseRecipeVersion(tag);
  assert.ok(parsed, tag);
  return parsed;
}

test('tags are <recipe semver>+<app version>; the app part may be anything', () => {
  const v = version('1.4.0+30.0.2');
  assert.equal(v.recipe.version, '1.4.0');
  assert.equal(v.app, '30.0.2');
  assert.equal(v.appMajor, 30);
  assert.equal(version('0.3.1+v2.4-alpine').appMajor, 2);
  assert.equal(version('0.3.1+latest').appMajor, undefined);
  assert.equal(version('v0.9.0').app, undefined);
  assert.equal(parseRecipeVersion('latest'), undefined);
  assert.equal(parseRecipeVersion('1.0.0+'), undefined);
});

test('published versions: newest first, pre-releases and other tags left out', () => {
  assert.deepEqual(
    publishedVersions(TAGS).map((v) => v.tag),
    ['2.0.0+2.0', '1.1.0+1.1', '1.0.0+1.0', 'v0.9.0'],
  );
});

test('previous: auto is the newest older than the candidate; a named tag must exist and be older', () => {
  assert.equal(choosePrevious(version('2.0.0+2.0'), TAGS, 'auto')?.tag, '1.1.0+1.1');
  assert.equal(choosePrevious(version('2.2.0+2.2'), TAGS, 'auto')?.tag, '2.0.0+2.0');
  assert.equal(choosePrevious(undefined, TAGS, 'auto')?.tag, '2.0.0+2.0');
  assert.equal(choosePrevious(version('0.1.0+1'), TAGS, 'auto'), undefined);
  assert.equal(choosePrevious(version('2.0.0+2.0'), TAGS, '1.0.0+1.0')?.tag, '1.0.0+1.0');
  assert.throws(
    () => choosePrevious(version('2.0.0+2.0'), TAGS, '1.5.0+1.5'),
    (e: unknown) =>
      e instanceof VersionError &&
      /"1\.5\.0\+1\.5" is not a version tag of this recipe \(newest: 2\.0\.0\+2\.0, 1\.1\.0\+1\.1, 1\.0\.0\+1\.0\)/.test(
        e.message,
      ),
  );
  assert.throws(
    () => choosePrevious(version('1.1.0+1.1'), TAGS, '2.0.0+2.0'),
    /"2\.0\.0\+2\.0" is not older than the candidate 1\.1\.0\+1\.1/,
  );
  assert.throws(() => choosePrevious(undefined, [], '1.0.0+1'), /it has no version tags/);
});

test('a major bump of either part is named', () => {
  assert.equal(majorBump(version('1.1.0+1.1'), version('1.2.0+1.9')), undefined);
  assert.equal(
    majorBump(version('1.1.0+1.1'), version('2.0.0+1.9')),
    'major upgrade (recipe 1 → 2)',
  );
  assert.equal(
    majorBump(version('1.1.0+29.0'), version('1.2.0+30.0')),
    'major upgrade (app 29 → 30)',
  );
  assert.equal(
    majorBump(version('1.1.0+1.1'), version('2.0.0+2.0')),
    'major upgrade (recipe 1 → 2, app 1 → 2)',
  );
  assert.equal(majorBump(version('1.1.0+latest'), version('1.2.0+2.0')), undefined);
});
