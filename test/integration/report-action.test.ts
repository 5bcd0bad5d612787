/**
 * actions/report as a runner runs it (dist/report/main.js, an event payload file, GITEA_ACTIONS
 * and the API under /api/v1 as Gitea serves it) against a stand-in of the comments and statuses
 * API, and `recipe-ci report` as a Drone step calls it. Two runs on one pull request leave one
 * card; API failures are warnings; without a token the card goes to the summary and files only.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cardMarker } from '../../src/report/card.ts';
import { FakeActionsEnv, runProcess } from '../support/fake-actions-env.ts';
import { ForgeReviewStandIn } from '../support/forge-review-stand-in.ts';
import { summary, tier, tiersWith } from '../support/results-sample.ts';
import { tempDir } from '../support/temp-dir.ts';

const CARD_MARKER = cardMarker('notes');
const TOKEN = 'gitea-token-5f1e2d3c4b';
const SHA = '3f786850e387550fdab836ed7e6dc881de23001b';
const PR = 7;
/** A 1×1 PNG: the upload only has to arrive byte for byte. */
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function resultsFolder(targets: Record<string, unknown>): string {
  const root = tempDir('recipe-ci-report-results-');
  for (const [name, content] of Object.entries(targets)) {
    mkdirSync(join(root, `recipe-ci-notes-${name}`));
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    writeFileSync(join(root, `recipe-ci-notes-${name}`, 'results.json'), text);
  }
  return root;
}

function eventFile(): string {
  const file = join(tempDir('recipe-ci-event-'), 'event.json');
  writeFileSync(file, JSON.stringify({ pull_request: { number: PR, head: { sha: SHA } } }));
  return file;
}

describe('actions/report against a stand-in of the comments and statuses API', () => {
  const api = new ForgeReviewStandIn('coop/notes', TOKEN, '/api/v1');
  let server = '';
  before(async () => {
    await api.start();
    server = api.url.replace(/\/api\/v1$/, '');
  });
  after(() => api.close());

  const report = (
    results: string,
    inputs: Record<string, string> = {},
    env: NodeJS.ProcessEnv = {},
  ) => {
    const runner = new FakeActionsEnv();
    return runner.run(
      'report',
      'main',
      { results, token: TOKEN, 'output-dir': join(runner.dir, 'card'), ...inputs },
      {
        env: {
          GITEA_ACTIONS: 'true',
          GITHUB_SERVER_URL: server,
          GITHUB_REPOSITORY: 'coop/notes',
          GITHUB_RUN_ID: '912',
          GITHUB_RUN_NUMBER: '41',
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: eventFile(),
          ...env,
        },
      },
    );
  };

  it('two runs on one pull request leave one card, edited; statuses per target and overall', async () => {
    const someoneElse = api.seedComment(PR, 'LGTM, but see the upgrade notes');
    const first = await report(
      resultsFolder({
        lab: {
          version: 1,
          ...summary(tiersWith({ restore: tier('restore', 'failed', 'data gone') })),
        },
        hetzner: { version: 1, ...summary(tiersWith()) },
      }),
    );
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.equal(first.outputs.status, 'failed');
    assert.equal(first.outputs.level, 'L2');
    const cards = () => api.comments.filter((c) => c.issue === PR && c.body.includes(CARD_MARKER));
    assert.equal(cards().length, 1);
    assert.match(cards()[0]?.body ?? '', /## ❌ recipe-ci: notes failed · level L2/);
    assert.match(first.outputs['comment-url'] ?? '', /#issuecomment-\d+$/);
    assert.match(
      cards()[0]?.body ?? '',
      new RegExp(`\\[workflow run\\]\\(${server}/coop/notes/actions/runs/912\\)`),
    );
    assert.match(first.summary, /recipe-ci: notes failed · level L2/);
    assert.match(first.stdout, /::group::recipe-ci card: notes failed/);

    const second = await report(resultsFolder({ lab: { version: 1, ...summary(tiersWith()) } }));
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.equal(cards().length, 1, 'the re-run edits the card');
    assert.match(cards()[0]?.body ?? '', /## ✅ recipe-ci: notes passed · level L5/);
    assert.equal(api.comments.find((c) => c.id === someoneElse.id)?.body, someoneElse.body);

    const statuses = api.latestStatuses(SHA);
    assert.equal(statuses.get('recipe-ci')?.state, 'success');
    assert.equal(statuses.get('recipe-ci/lab')?.state, 'success');
    assert.equal(statuses.get('recipe-ci/lab')?.description, 'L5 passed');
    // The first run's statuses stay for the target the second did not test.
    assert.equal(statuses.get('recipe-ci/hetzner')?.state, 'success');
    const firstLab = api.statuses.find((s) => s.context === 'recipe-ci/lab');
    assert.equal(firstLab?.state, 'failure');
    assert.equal(firstLab.description, 'L2 failed at backup/restore: data gone');
    assert.equal(firstLab.target_url, `${server}/coop/notes/actions/runs/912`);

    // The files for the next step: the card, a badge and its shields.io JSON.
    assert.equal(readFileSync(second.outputs.card ?? '', 'utf8'), cards()[0]?.body);
    assert.match(
      readFileSync(second.outputs.badge ?? '', 'utf8'),
      /<title>notes: L5 passed<\/title>/,
    );
    assert.equal(
      (JSON.parse(readFileSync(second.outputs['badge-json'] ?? '', 'utf8')) as { color: string })
        .color,
      'brightgreen',
    );
    // Only the mask command itself, which the runner consumes, carries the token.
    const leaks = second.stdout.split('\n').filter((l) => l.includes(TOKEN));
    assert.deepEqual(leaks, [`::add-mask::${TOKEN}`]);
  });

  it('Gitea: the screenshot is attached to the card and shown in it; a re-run replaces it', async () => {
    const issue = 10;
    const png = Buffer.from(ONE_PIXEL_PNG, 'base64');
    const withShot = () => {
      const root = resultsFolder({
        lab: {
          version: 1,
          target: 'lab',
          screenshot: { file: 'screenshot.png', url: 'https://notes.ci.example.test/' },
          ...summary(tiersWith()),
        },
      });
      writeFileSync(join(root, 'recipe-ci-notes-lab', 'screenshot.png'), png);
      return root;
    };
    for (let run = 1; run <= 2; run++) {
      const result = await report(withShot(), { 'pull-request': String(issue) });
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const card = api.comments.filter((c) => c.issue === issue);
      assert.equal(card.length, 1);
      const images = api.attachments.filter((a) => a.commentId === card[0]?.id);
      assert.equal(images.length, 1, `run ${String(run)}: one image, the old one removed`);
      assert.equal(images[0]?.name, 'recipe-ci-screenshot-lab.png');
      const [image] = images;
      assert.ok(image);
      assert.deepEqual(image.bytes, png);
      assert.match(
        card[0]?.body ?? '',
        new RegExp(`!\\[lab\\]\\(${server}/attachments/${String(image.id)}\\)`),
      );
    }
  });

  it("GitHub: no image upload there, so the card links to the run's artifacts", async () => {
    const issue = 11;
    const root = resultsFolder({
      lab: {
        version: 1,
        target: 'lab',
        screenshot: { file: 'screenshot.png', url: 'https://notes.ci.example.test/' },
        ...summary(tiersWith()),
      },
    });
    writeFileSync(
      join(root, 'recipe-ci-notes-lab', 'screenshot.png'),
      Buffer.from(ONE_PIXEL_PNG, 'base64'),
    );
    // GitHub's API at its own root, as api.github.com serves it.
    const github = new ForgeReviewStandIn('coop/notes', TOKEN);
    await github.start();
    try {
      const result = await report(
        root,
        { 'pull-request': String(issue) },
        { GITEA_ACTIONS: '', GITHUB_API_URL: github.url },
      );
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const card = github.comments.find((c) => c.issue === issue);
      assert.match(
        card?.body ?? '',
        new RegExp(`\\[download\\]\\(${server}/coop/notes/actions/runs/912#artifacts\\)`),
      );
      assert.equal(github.attachments.length, 0);
      assert.ok(!github.requests.some((r) => r.includes('/assets')));
      assert.ok(existsSync(join(result.outputs.card ?? '', '..', 'screenshots', 'lab.png')));
    } finally {
      await github.close();
    }
  });

  it('duplicates left by two report jobs at once settle on the oldest card', async () => {
    const issue = 8;
    const oldest = api.seedComment(issue, `${CARD_MARKER}\nold card`);
    api.seedComment(issue, `${CARD_MARKER}\nracing card`);
    const result = await report(resultsFolder({ lab: { version: 1, ...summary(tiersWith()) } }), {
      'pull-request': String(issue),
    });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const left = api.comments.filter((c) => c.issue === issue);
    assert.deepEqual(
      left.map((c) => c.id),
      [oldest.id],
    );
    assert.match(left[0]?.body ?? '', /notes passed/);
  });

  it('a failing API call is a warning with its status code; the card still reaches the summary', async () => {
    api.failNext(403, 502);
    const result = await report(resultsFolder({ lab: { version: 1, ...summary(tiersWith()) } }));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /::warning::report: list the comments of #7: HTTP 403/);
    assert.match(
      result.stdout,
      /::warning::report: set status recipe-ci\/lab on 3f786850e387: HTTP 502/,
    );
    assert.equal(result.outputs.status, 'passed');
    assert.equal(result.outputs['comment-url'], '');
    assert.match(result.summary, /notes passed/);
  });

  it('without a token: the summary and the files only, no call; bad results are named', async () => {
    const before = api.requests.length;
    const result = await report(
      resultsFolder({
        lab: { version: 1, ...summary(tiersWith()) },
        old: { version: 2, recipe: 'notes', tiers: [] },
        torn: '{"version":',
      }),
      { token: '' },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(api.requests.length, before);
    assert.equal(result.outputs.status, 'incomplete');
    assert.match(
      result.stdout,
      /::notice::no token: the card goes to the job summary and a file only/,
    );
    assert.match(
      result.stdout,
      /::warning::.*recipe-ci-notes-old\/results\.json is results version 2/,
    );
    assert.match(result.summary, /recipe-ci-notes-torn\/results\.json` does not parse/);
    assert.ok(existsSync(result.outputs.card ?? ''));
  });

  it('bad input fails naming the input, before any call or file', async () => {
    const before = api.requests.length;
    const runner = new FakeActionsEnv();
    const out = join(runner.dir, 'card');
    for (const [inputs, message] of [
      [{ results: '' }, /input "results" is empty; give the results folder/],
      [{ sha: 'not-a-sha' }, /input "sha" "not-a-sha" is not a commit SHA/],
      [{ 'pull-request': '0' }, /input "pull-request"/],
    ] as [Record<string, string>, RegExp][]) {
      const result = await runner.run(
        'report',
        'main',
        { results: 'x', token: TOKEN, 'output-dir': out, ...inputs },
        { env: { GITHUB_REPOSITORY: 'coop/notes', GITHUB_API_URL: api.url } },
      );
      assert.notEqual(result.code, 0);
      assert.match(result.stdout, message);
    }
    assert.equal(api.requests.length, before);
    assert.ok(!existsSync(out));
  });

  it('recipe-ci report on a Drone step: token from GITHUB_TOKEN, pull request from DRONE_*', async () => {
    const issue = 9;
    const out = join(tempDir('recipe-ci-report-cli-'), 'card');
    const results = resultsFolder({
      lab: {
        version: 1,
        screenshot: { file: 'screenshot.png', url: 'https://notes.ci.example.test/' },
        ...summary(tiersWith()),
      },
    });
    writeFileSync(
      join(results, 'recipe-ci-notes-lab', 'screenshot.png'),
      Buffer.from(ONE_PIXEL_PNG, 'base64'),
    );
    const result = await runProcess(
      ['dist/cli.js', 'report', '--results', results, '--api-url', api.url, '--output-dir', out],
      {
        PATH: process.env.PATH,
        GITHUB_TOKEN: TOKEN,
        DRONE_REPO: 'coop/notes',
        DRONE_PULL_REQUEST: String(issue),
        DRONE_COMMIT_SHA: SHA,
        DRONE_BUILD_LINK: 'https://drone.test/coop/notes/12',
      },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const outputs = JSON.parse(result.stdout) as Record<string, string>;
    assert.equal(outputs.status, 'passed');
    const card = api.comments.filter((c) => c.issue === issue);
    assert.equal(card.length, 1);
    assert.match(card[0]?.body ?? '', /\[workflow run\]\(https:\/\/drone\.test\/coop\/notes\/12\)/);
    // Gitea's API, known by its /api/v1 base: the screenshot is attached and shown.
    const image = api.attachments.find((a) => a.commentId === card[0]?.id);
    assert.ok(image);
    assert.match(
      card[0]?.body ?? '',
      new RegExp(`!\\[lab\\]\\(${server}/attachments/${String(image.id)}\\)`),
    );
    assert.ok(!(result.stdout + result.stderr).includes(TOKEN));
  });
});
