/**
 * The reconcile action as a runner runs it (dist/reconcile/main.js) on a
 * long-lived app of the example notes recipe, with the command backend for real: real git tags,
 * a real app process with a data folder, real backups and restores. Every command the recipe
 * runs is logged, so a hold can be shown to run no backup and no deploy.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { StepResult } from '../support/fake-actions-env.ts';
import { addRelease, recipeRepo } from '../support/recipe-repo.ts';
import {
  clearLog,
  commandsRun,
  health,
  ledger,
  ledgerText,
  newApp,
  notes,
  ok,
  pid,
  reconcile,
  stopApp,
  stopApps,
} from '../support/reconcile-app.ts';

after(stopApps);

describe('the reconcile action, command backend', () => {
  it('deploys a new app fresh, then two runs on a healthy latest do nothing', async () => {
    const repo = recipeRepo();
    const app = newApp(repo);
    const first = await reconcile(repo, app);
    ok(first, 'deployed-fresh');
    assert.equal(first.outputs['running-version'], '2.0.0+2.0');
    assert.equal(first.outputs['latest-version'], '2.0.0+2.0');
    assert.equal(first.outputs['last-good'], '2.0.0+2.0');
    assert.equal(await health(app.appDir), '200 ok 2.0.0+2.0');
    assert.deepEqual(commandsRun(app.appDir), ['version', 'deploy']);

    const started = pid(app.appDir);
    const ledgerBefore = readFileSync(join(app.appDir, 'recipe-ci-reconcile.json'), 'utf8');
    for (let run = 0; run < 2; run++) {
      clearLog(app.appDir);
      const again = await reconcile(repo, app);
      ok(again, 'noop-healthy');
      assert.deepEqual(commandsRun(app.appDir), ['version'], 'only the version was read');
    }
    assert.equal(pid(app.appDir), started, 'the same process still serves');
    assert.equal(
      readFileSync(join(app.appDir, 'recipe-ci-reconcile.json'), 'utf8'),
      ledgerBefore,
      'the ledger was not rewritten',
    );
    // No post step (actions/reconcile/action.yml): the job's end leaves the app running.
    assert.equal(await health(app.appDir), '200 ok 2.0.0+2.0', 'the app still serves');
  });

  it('upgrades to a new minor release: backup, upgrade, health gate; data kept', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
    const app = newApp(repo);
    ok(await reconcile(repo, app), 'deployed-fresh');
    await notes(app.appDir, 'written on 1.0');
    addRelease(repo, '1.1.0+1.1');
    clearLog(app.appDir);
    const result = await reconcile(repo, app);
    ok(result, 'upgraded');
    assert.equal(result.outputs['running-version'], '1.1.0+1.1');
    assert.equal(result.outputs['last-good'], '1.1.0+1.1');
    assert.deepEqual(commandsRun(app.appDir), ['version', 'backup', 'upgrade']);
    assert.equal(await health(app.appDir), '200 ok 1.1.0+1.1');
    assert.equal(await notes(app.appDir), 'written on 1.0');
  });

  it('rolls a broken release back: the backup is restored, last-good runs, data is there', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
    const app = newApp(repo);
    ok(await reconcile(repo, app), 'deployed-fresh');
    await notes(app.appDir, 'written before the upgrade');
    addRelease(repo, '1.1.0+1.1', { broken: true });
    clearLog(app.appDir);
    const result = await reconcile(repo, app);
    ok(result, 'rolled-back');
    assert.equal(result.outputs['running-version'], '1.0.0+1.0');
    assert.equal(result.outputs['last-good'], '1.0.0+1.0');
    assert.equal(result.outputs['latest-version'], '1.1.0+1.1');
    assert.deepEqual(
      commandsRun(app.appDir),
      ['version', 'backup', 'upgrade', 'restore', 'upgrade', 'logs'],
      'the logs are read for the report after a rollback',
    );
    assert.equal(await health(app.appDir), '200 ok 1.0.0+1.0');
    assert.equal(await notes(app.appDir), 'written before the upgrade');
    assert.match(result.stdout, /::warning::notes\.example\.test: rolled-back/);
    assert.match(result.summary, /\| restore the backup .* \| yes \|/);
    assert.equal(result.outputs['rejected-version'], '1.1.0+1.1');
    assert.equal(ledger(app.appDir).rejected?.version, '1.1.0+1.1');
  });

  it('a rejected release is not tried again: later runs only check last-good, until a newer release', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
    const app = newApp(repo);
    ok(await reconcile(repo, app), 'deployed-fresh');
    await notes(app.appDir, 'written on 1.0');
    addRelease(repo, '1.1.0+1.1', { broken: true });
    ok(await reconcile(repo, app), 'rolled-back');
    const rejected = ledger(app.appDir).rejected;
    assert.equal(rejected?.version, '1.1.0+1.1');
    assert.ok(!Number.isNaN(Date.parse(rejected.at)), rejected.at);
    assert.match(rejected.reason, /health gate \(upgrade to 1\.1\.0\+1\.1\)|health/);
    const afterRollback = ledgerText(app.appDir);
    const started = pid(app.appDir);

    clearLog(app.appDir);
    const second = await reconcile(repo, app);
    ok(second, 'held-rejected');
    assert.deepEqual(commandsRun(app.appDir), ['version'], 'no backup, no deploy, no upgrade');
    assert.equal(pid(app.appDir), started, 'last-good was not touched');
    assert.equal(ledgerText(app.appDir), afterRollback, 'the ledger was not rewritten');
    assert.equal(second.outputs['running-version'], '1.0.0+1.0');
    assert.equal(second.outputs['latest-version'], '1.1.0+1.1');
    assert.equal(second.outputs['rejected-version'], '1.1.0+1.1');
    assert.equal(second.outputs.status, 'passed');
    assert.match(
      second.stdout,
      /::warning::notes\.example\.test: held-rejected — 1\.0\.0\+1\.0 is running and healthy; 1\.1\.0\+1\.1 was rolled back at /,
    );
    assert.match(second.summary, /Rejected: 1\.1\.0\+1\.1 failed its health gate here/);

    // Last-good going down while the newest is rejected: one redeploy of last-good, not the newest.
    stopApp(app.appDir);
    clearLog(app.appDir);
    ok(await reconcile(repo, app), 'held-rejected');
    assert.deepEqual(commandsRun(app.appDir), ['version', 'upgrade']);
    assert.equal(await health(app.appDir), '200 ok 1.0.0+1.0');

    // Asked for explicitly, the rejected release is tried again (and rolled back again).
    clearLog(app.appDir);
    const retried = await reconcile(repo, app, { 'retry-rejected': 'true' });
    ok(retried, 'rolled-back');
    assert.deepEqual(commandsRun(app.appDir), [
      'version',
      'backup',
      'upgrade',
      'restore',
      'upgrade',
      'logs',
    ]);
    assert.notEqual(ledger(app.appDir).rejected?.at, rejected.at, 'the rejection was renewed');

    // A newer release clears the rejection and is tried normally.
    addRelease(repo, '1.2.0+1.2');
    clearLog(app.appDir);
    const newer = await reconcile(repo, app);
    ok(newer, 'upgraded');
    assert.deepEqual(commandsRun(app.appDir), ['version', 'backup', 'upgrade']);
    assert.equal(newer.outputs['rejected-version'], '');
    assert.equal(ledger(app.appDir).rejected, undefined);
    assert.equal(ledger(app.appDir).lastGood, '1.2.0+1.2');
    assert.equal(await health(app.appDir), '200 ok 1.2.0+1.2');
    assert.equal(await notes(app.appDir), 'written on 1.0');
  });

  it('bad retry-rejected exits 2', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
    const app = newApp(repo);
    const result = await reconcile(repo, app, { 'retry-rejected': 'yes' });
    assert.equal(result.code, 2, result.stdout);
    assert.match(result.stdout, /input "retry-rejected" must be true or false/);
    assert.deepEqual(commandsRun(app.appDir), []);
  });

  it('a rollback that cannot recover fails the job', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
    const app = newApp(repo, (commands) => {
      commands.restore = 'echo "the backup cannot be read" >&2; exit 3';
    });
    ok(await reconcile(repo, app), 'deployed-fresh');
    addRelease(repo, '1.1.0+1.1', { broken: true });
    const result = await reconcile(repo, app);
    assert.equal(result.code, 1, result.stdout);
    assert.equal(result.outputs.result, 'unrecovered');
    assert.equal(result.outputs.status, 'failed');
    assert.match(
      result.stdout,
      /::error::reconcile: notes\.example\.test: unrecovered — .*the restore failed/,
    );
    assert.match(result.stdout, /the backup cannot be read/);
  });

  it('holds a major upgrade: no backup, no deploy, nothing written', async () => {
    const repo = recipeRepo({ tags: ['1.1.0+1.1'] });
    const app = newApp(repo);
    ok(await reconcile(repo, app), 'deployed-fresh');
    addRelease(repo, '2.0.0+2.0');
    clearLog(app.appDir);
    const before = readFileSync(join(app.appDir, 'recipe-ci-reconcile.json'), 'utf8');
    const result = await reconcile(repo, app);
    ok(result, 'held-major');
    assert.deepEqual(commandsRun(app.appDir), ['version'], 'no backup, no deploy, no upgrade');
    assert.equal(readFileSync(join(app.appDir, 'recipe-ci-reconcile.json'), 'utf8'), before);
    assert.equal(result.outputs['running-version'], '1.1.0+1.1');
    assert.match(
      result.stdout,
      /::warning::.*held-major — 1\.1\.0\+1\.1 → 2\.0\.0\+2\.0 is a major upgrade \(recipe 1 → 2, app 1 → 2\)/,
    );
    assert.equal(await health(app.appDir), '200 ok 1.1.0+1.1');
  });

  it('holds an upgrade whose release notes ask for a manual migration, quoting them', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
    const app = newApp(repo);
    ok(await reconcile(repo, app), 'deployed-fresh');
    addRelease(repo, '1.1.0+1.1', {
      notes: '# 1.1.0\n\nManual migration: run `notes reindex` before you start this version.\n',
    });
    addRelease(repo, '1.2.0+1.2');
    clearLog(app.appDir);
    const result = await reconcile(repo, app);
    ok(result, 'held-manual-migration');
    assert.deepEqual(commandsRun(app.appDir), ['version']);
    assert.match(
      result.summary,
      /> Manual migration: run `notes reindex` before you start this version\./,
    );
    assert.match(result.summary, /Release notes 1\.1\.0\+1\.1 \(releaseNotes\/1\.1\.0\+1\.1\.md\)/);
  });

  it('an unhealthy app on the latest version is redeployed once', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
    const app = newApp(repo);
    ok(await reconcile(repo, app), 'deployed-fresh');
    await notes(app.appDir, 'kept across the redeploy');
    stopApp(app.appDir);
    clearLog(app.appDir);
    const result = await reconcile(repo, app);
    ok(result, 'redeployed-healthy');
    assert.deepEqual(commandsRun(app.appDir), ['version', 'upgrade']);
    assert.equal(await notes(app.appDir), 'kept across the redeploy');
  });

  it('an unhealthy app that one redeploy does not fix fails the job', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
    const app = newApp(repo);
    ok(await reconcile(repo, app), 'deployed-fresh');
    stopApp(app.appDir);
    rmSync(join(app.appDir, 'data'), { recursive: true });
    writeFileSync(join(app.appDir, 'data'), 'a file where the data folder was');
    const result = await reconcile(repo, app);
    assert.equal(result.code, 1, result.stdout);
    assert.equal(result.outputs.result, 'unrecovered');
    assert.match(result.stdout, /one redeploy did not help/);
  });

  it('bad inputs exit 2 before anything runs', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'] });
    const app = newApp(repo);
    const cases: [string, () => Promise<StepResult>, RegExp][] = [
      [
        'unknown app',
        () => reconcile(repo, { ...app, appDir: join(app.appDir, 'missing') }),
        /input "app-dir" .*missing is not a folder, so there is no such app here/,
      ],
      [
        'no published versions',
        () => reconcile(recipeRepo({ tags: [] }), app),
        /has no published version tags \(like 1\.2\.0\+3\.4\)/,
      ],
      ['no domain', () => reconcile(repo, app, { domain: '' }), /input "domain" is required/],
      [
        'alerts without a token',
        () => reconcile(repo, app, { 'alert-issues': 'true' }, { GITHUB_REPOSITORY: 'o/r' }),
        /input "alert-token" is required when alert-issues is true/,
      ],
    ];
    for (const [name, run, message] of cases) {
      const result = await run();
      assert.equal(result.code, 2, `${name}: ${result.stdout}`);
      assert.match(result.stdout, message, name);
    }
    writeFileSync(join(app.appDir, 'version'), 'banana\n');
    const unreadable = await reconcile(repo, app);
    assert.equal(unreadable.code, 2, unreadable.stdout);
    assert.match(
      unreadable.stdout,
      /running version of notes read from .* is "banana", which is not a version tag/,
    );
    writeFileSync(join(app.appDir, 'version'), '');
    const failing = newApp(repo, (commands) => {
      commands.version = 'echo "permission denied" >&2; exit 1';
    });
    const broken = await reconcile(repo, failing);
    assert.equal(broken.code, 2, broken.stdout);
    assert.match(
      broken.stdout,
      /running version of the app cannot be read: .*exited with 1: .*permission denied/,
    );
    assert.deepEqual(commandsRun(app.appDir), ['version'], 'only the version was read, once');
    assert.equal(
      existsSync(join(app.appDir, 'recipe-ci-reconcile.json')),
      false,
      'nothing written',
    );
  });
});
