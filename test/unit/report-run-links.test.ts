import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runLinksOf } from '../../src/platform/run-links.ts';
import { tempDir } from '../support/temp-dir.ts';

const SHA = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);

function event(payload: unknown): string {
  const file = join(tempDir('recipe-ci-event-'), 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

const forge = {
  GITHUB_SERVER_URL: 'https://git.example.org/',
  GITHUB_REPOSITORY: 'coop/notes',
  GITHUB_RUN_ID: '912',
  GITHUB_RUN_NUMBER: '41',
  GITHUB_SHA: SHA,
};

test('a pull_request run: its number and head commit; the run page by id', () => {
  const links = runLinksOf({
    ...forge,
    GITHUB_EVENT_PATH: event({ pull_request: { number: 7, head: { sha: HEAD } } }),
  });
  assert.deepEqual(links, {
    repository: 'coop/notes',
    pullRequest: 7,
    sha: HEAD,
    runUrl: 'https://git.example.org/coop/notes/actions/runs/912',
    artifactsUrl: 'https://git.example.org/coop/notes/actions/runs/912#artifacts',
  });
  // Gitea serves run pages by id as GitHub does; Forgejo by the repository's run number.
  assert.equal(runLinksOf({ ...forge, GITEA_ACTIONS: 'true' }).runUrl?.endsWith('/runs/912'), true);
  const forgejo = runLinksOf({ ...forge, GITEA_ACTIONS: 'true', FORGEJO_ACTIONS: 'true' });
  assert.equal(forgejo.runUrl, 'https://git.example.org/coop/notes/actions/runs/41');
});

test('!testme: the pull request from the comment, no commit (GITHUB_SHA is the default branch)', () => {
  const onPull = runLinksOf({
    ...forge,
    GITHUB_EVENT_PATH: event({ issue: { number: 9, pull_request: { url: 'x' } } }),
  });
  assert.equal(onPull.pullRequest, 9);
  assert.equal(onPull.sha, undefined);
  const onIssue = runLinksOf({ ...forge, GITHUB_EVENT_PATH: event({ issue: { number: 3 } }) });
  assert.equal(onIssue.pullRequest, undefined);
  assert.equal(onIssue.sha, SHA);
});

test('Drone and Woodpecker: their own variables; a missing or torn event file is no event', () => {
  assert.deepEqual(
    runLinksOf({
      DRONE_REPO: 'coop/notes',
      DRONE_PULL_REQUEST: '12',
      DRONE_COMMIT_SHA: SHA,
      DRONE_BUILD_LINK: 'https://drone.example.org/coop/notes/5',
    }),
    {
      repository: 'coop/notes',
      pullRequest: 12,
      sha: SHA,
      runUrl: 'https://drone.example.org/coop/notes/5',
      artifactsUrl: 'https://drone.example.org/coop/notes/5',
    },
  );
  const woodpecker = runLinksOf({
    CI_REPO: 'coop/notes',
    CI_COMMIT_PULL_REQUEST: '4',
    CI_COMMIT_SHA: SHA,
    CI_PIPELINE_URL: 'https://ci.example.org/repos/3/pipeline/8',
    GITHUB_EVENT_PATH: '/nonexistent/event.json',
  });
  assert.equal(woodpecker.pullRequest, 4);
  assert.equal(woodpecker.runUrl, 'https://ci.example.org/repos/3/pipeline/8');
  const torn = join(tempDir('recipe-ci-event-'), 'event.json');
  writeFileSync(torn, '{"pull_request":');
  assert.equal(
    runLinksOf({ GITHUB_EVENT_PATH: torn, DRONE_PULL_REQUEST: 'x' }).pullRequest,
    undefined,
  );
});
