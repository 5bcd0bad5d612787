/**
 * Alert issues of the reconcile action, end to end: a real long-lived app (command backend), a
 * broken release rolled back, and the issue that says so opened, kept open while the release
 * stays rejected, updated (never duplicated) on a retry, and closed once a newer release is
 * healthy. By default against the GitHub issues stand-in (as GitHub and, under `/api/v1`, as
 * Gitea/Forgejo); with RECIPE_CI_ISSUES_API_URL/_TOKEN/_REPOSITORY set, the same test runs
 * against a real repository's issues (the e2e-alerts workflow), on an app name unique to the run,
 * and closes whatever it opened even when it fails.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { addRelease, recipeRepo } from '../support/recipe-repo.ts';
import { issuesTarget, realIssuesApi } from '../support/issues-target.ts';
import { DOMAIN, newApp, ok, reconcile, stopApps } from '../support/reconcile-app.ts';

after(stopApps);

/** Unique per workflow run against a real repository, so parallel runs never share an issue. */
function appDomain(): string {
  if (!realIssuesApi()) return DOMAIN;
  const run = process.env.GITHUB_RUN_ID ?? String(Date.now());
  return `notes-${run}-${process.env.GITHUB_RUN_ATTEMPT ?? '1'}.example.test`;
}

describe('reconcile alert issues', () => {
  for (const platform of ['github', 'gitea'] as const) {
    const skip = platform === 'gitea' && realIssuesApi() ? 'the real API here is GitHub' : false;
    it(
      `${platform}: opened on a rollback, kept open while rejected, updated not duplicated, closed when healthy on latest`,
      { skip },
      async () => {
        const target = await issuesTarget(platform === 'gitea' ? { prefix: '/api/v1' } : {});
        const domain = appDomain();
        const title = `[recipe-ci] ${domain}: rolled-back`;
        try {
          const standIn = target.standIn;
          if (standIn) {
            standIn.seed(title, { pull: true });
            standIn.seed('[recipe-ci] other.example.test: rolled-back');
            for (let i = 0; i < 105; i++) standIn.seed(`unrelated ${String(i)}`);
          }
          const env: NodeJS.ProcessEnv =
            platform === 'gitea'
              ? {
                  GITEA_ACTIONS: 'true',
                  GITHUB_SERVER_URL: target.apiUrl.replace(/\/api\/v1$/, ''),
                  GITHUB_REPOSITORY: target.repository,
                }
              : { GITHUB_API_URL: target.apiUrl, GITHUB_REPOSITORY: target.repository };
          const inputs = { domain, 'alert-issues': 'true', 'alert-token': target.token };
          const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
          const app = newApp(repo);
          ok(await reconcile(repo, app, inputs, env), 'deployed-fresh');
          assert.deepEqual(await target.open(title), [], 'no issue while all is well');

          addRelease(repo, '1.1.0+1.1', { broken: true });
          const rolledBack = await reconcile(repo, app, inputs, env);
          ok(rolledBack, 'rolled-back');
          const opened = /alert issue: opened #(\d+)/.exec(rolledBack.stdout);
          assert.ok(opened, rolledBack.stdout);
          const number = Number(opened[1]);
          const [issue, ...more] = await target.open(title);
          assert.equal(more.length, 0, 'one issue');
          assert.equal(issue?.number, number);
          assert.match(issue.body, /1\.1\.0\+1\.1 failed its health gate/);

          // The release is rejected now: the next run touches neither the app nor the issue.
          const held = await reconcile(repo, app, inputs, env);
          ok(held, 'held-rejected');
          assert.doesNotMatch(held.stdout, /alert issue:/);
          assert.deepEqual(
            (await target.open(title)).map((i) => i.number),
            [number],
            'the rolled-back issue stays open, alone',
          );

          // A retry that fails again reports on the same issue.
          const retried = await reconcile(repo, app, { ...inputs, 'retry-rejected': 'true' }, env);
          ok(retried, 'rolled-back');
          assert.match(
            retried.stdout,
            new RegExp(
              `alert issue: (updated #${String(number)} |#${String(number)} .* already says this)`,
            ),
          );
          assert.deepEqual(
            (await target.open(title)).map((i) => i.number),
            [number],
            'updated, not duplicated',
          );

          addRelease(repo, '1.2.0+1.2');
          const fixed = await reconcile(repo, app, inputs, env);
          ok(fixed, 'upgraded');
          assert.match(fixed.stdout, new RegExp(`alert issue: closed #${String(number)} `));
          const closed = await target.get(number);
          assert.equal(closed.state, 'closed');
          assert.match(
            closed.comments.join('\n'),
            /healthy on 1\.2\.0\+1\.2 \(upgraded\); closing/,
          );
          assert.deepEqual(await target.open(`[recipe-ci] ${domain}:`), []);

          if (standIn) {
            const other = standIn.issues.find((i) => i.title.startsWith('[recipe-ci] other'));
            assert.equal(other?.state, 'open', "another app's issue is left alone");
            const pull = standIn.issues.find((i) => i.title === title && i.pull);
            assert.equal(pull?.state, 'open', 'a pull request with the same title is left alone');
            assert.ok(
              standIn.requests.some((r) => r.includes('page=2')),
              'followed the Link header',
            );
            assert.ok(
              standIn.requests.every((r) => r.includes(`${standIn.prefix}/repos/ops/warm/issues`)),
            );
          }
        } finally {
          // Whatever happened above, leave no issue of this run open in a real repository.
          const left = await target.closeAll(`[recipe-ci] ${domain}:`);
          if (target.real && left.length > 0)
            console.log(`closed left-over issues ${left.join(', ')}`);
          await target.stop();
        }
      },
    );
  }

  it('a token the API refuses: the alert is a warning, the result stands', async () => {
    const target = await issuesTarget({ token: 'right' });
    try {
      const domain = appDomain();
      const repo = recipeRepo({ tags: ['1.1.0+1.1'] });
      const app = newApp(repo);
      ok(await reconcile(repo, app, { domain }), 'deployed-fresh');
      addRelease(repo, '2.0.0+2.0');
      const result = await reconcile(
        repo,
        app,
        { domain, 'alert-issues': 'true', 'alert-token': 'wrong' },
        { GITHUB_API_URL: target.apiUrl, GITHUB_REPOSITORY: target.repository },
      );
      ok(result, 'held-major');
      assert.match(result.stdout, /::warning::alert issue not updated: .*Bad credentials/);
      assert.match(result.stdout, /^::add-mask::wrong$/m, 'the token is masked');
      assert.equal(result.stdout.split('wrong').length, 2, 'and appears nowhere else');
    } finally {
      await target.stop();
    }
  });
});
