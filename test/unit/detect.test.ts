import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPlatform } from '../../src/platform/detect.ts';

test('detection order: act, Forgejo, Gitea, GitHub, then the command line', () => {
  const gh = { GITHUB_ACTIONS: 'true' };
  assert.equal(detectPlatform({}).kind, 'cli');
  assert.equal(detectPlatform(gh).kind, 'github');
  assert.equal(detectPlatform({ ...gh, GITEA_ACTIONS: 'true' }).kind, 'gitea');
  assert.equal(
    detectPlatform({ ...gh, GITEA_ACTIONS: 'true', FORGEJO_ACTIONS: 'true' }).kind,
    'forgejo',
  );
  assert.equal(detectPlatform({ ...gh, GITEA_ACTIONS: 'true', ACT: 'true' }).kind, 'act');
});

test('only GitHub is known to render the job summary', () => {
  assert.equal(detectPlatform({ GITHUB_ACTIONS: 'true' }).rendersSummary, true);
  assert.equal(
    detectPlatform({ GITHUB_ACTIONS: 'true', GITEA_ACTIONS: 'true' }).rendersSummary,
    false,
  );
});

test('API base: GITHUB_API_URL, else /api/v1 on Gitea and Forgejo', () => {
  assert.equal(
    detectPlatform({ GITHUB_ACTIONS: 'true', GITHUB_API_URL: 'https://api.github.com' }).apiUrl,
    'https://api.github.com',
  );
  assert.equal(
    detectPlatform({
      GITHUB_ACTIONS: 'true',
      GITEA_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://git.example.org/',
    }).apiUrl,
    'https://git.example.org/api/v1',
  );
  assert.equal(detectPlatform({}).apiUrl, undefined);
});
