/**
 * The reconcile action with the abra backend, against the recording abra/docker
 * stand-in (test/support/abra-stand-in/; real abra needs Docker Swarm, which the e2e workflow
 * has). The app lives in an operator's ABRA_DIR made the way an operator makes it (`abra app
 * new`, `abra app secret generate`); every change the reconcile makes must be an abra command.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AbraStandIn, STAND_IN_BIN } from '../support/abra-stand-in.ts';
import { FakeActionsEnv, type StepResult } from '../support/fake-actions-env.ts';
import { addRelease, recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

const DOMAIN = 'notes.example.test';
const VOLUME = 'notes_example_test_data';

/** An operator's ABRA_DIR with the app created (not deployed), as `abra app new` leaves it. */
function operatorApp(standIn: AbraStandIn, repo: string): string {
  const abraDir = tempDir('recipe-ci-operator-abra-');
  const abra = (...args: string[]): void => {
    execFileSync(join(STAND_IN_BIN, 'abra'), args, {
      env: { ...process.env, ...standIn.env(), ABRA_DIR: abraDir, ABRA_STAND_IN_LOG: '' },
    });
  };
  abra('server', 'add', '--local', '-n');
  mkdirSync(join(abraDir, 'recipes'));
  cpSync(repo, join(abraDir, 'recipes', 'notes'), { recursive: true });
  abra('app', 'new', 'notes', '-s', 'default', '-D', DOMAIN, '-n');
  abra('app', 'secret', 'generate', DOMAIN, '-a', '-m', '-n');
  return abraDir;
}

function envFile(abraDir: string): string {
  return join(abraDir, 'servers', 'default', `${DOMAIN}.env`);
}

function reconcile(
  standIn: AbraStandIn,
  repo: string,
  abraDir: string,
  fail: string[] = [],
): Promise<StepResult> {
  return new FakeActionsEnv().run(
    'reconcile',
    'main',
    {
      recipe: 'notes',
      'recipe-path': repo,
      backend: 'abra',
      server: 'local',
      domain: DOMAIN,
      'abra-dir': abraDir,
    },
    { env: standIn.env({ fail }) },
  );
}

/** abra commands since `from` (the stand-in's call log), without the read-only `app logs`. */
function changes(standIn: AbraStandIn, from: number): string[] {
  return standIn
    .abraCommands()
    .slice(from)
    .filter((c) => !c.startsWith('app logs'));
}

function ok(result: StepResult, expected: string): void {
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.equal(result.outputs.result, expected, result.stdout);
}

describe('the reconcile action, abra backend (stand-in)', () => {
  it('deploys a created app, then a run on a healthy latest runs no abra command', async () => {
    const standIn = new AbraStandIn();
    const repo = recipeRepo({ fixture: 'recipe-abra-notes', tags: ['1.0.0+1.0'] });
    const abraDir = operatorApp(standIn, repo);
    const first = await reconcile(standIn, repo, abraDir);
    ok(first, 'deployed-fresh');
    // Its version named (abra would otherwise deploy the env's), converge gated by us, and the
    // .test domain resolves nowhere, so abra's domain check is skipped.
    assert.deepEqual(changes(standIn, 0), [
      `app deploy ${DOMAIN} 1.0.0+1.0 --no-converge-checks --no-domain-checks -n`,
    ]);
    assert.match(readFileSync(envFile(abraDir), 'utf8'), /^TYPE=notes:1\.0\.0\+1\.0$/m);
    const ledger = JSON.parse(
      readFileSync(join(abraDir, 'recipe-ci', 'default', `${DOMAIN}.json`), 'utf8'),
    ) as { lastGood: string };
    assert.equal(ledger.lastGood, '1.0.0+1.0');
    const calls = standIn.abraCommands().length;
    ok(await reconcile(standIn, repo, abraDir), 'noop-healthy');
    assert.deepEqual(changes(standIn, calls), []);
  });

  it('upgrades through abra: backup, then app upgrade', async () => {
    const standIn = new AbraStandIn();
    const repo = recipeRepo({ fixture: 'recipe-abra-notes', tags: ['1.0.0+1.0'] });
    const abraDir = operatorApp(standIn, repo);
    ok(await reconcile(standIn, repo, abraDir), 'deployed-fresh');
    addRelease(repo, '1.1.0+1.1');
    const calls = standIn.abraCommands().length;
    const result = await reconcile(standIn, repo, abraDir);
    ok(result, 'upgraded');
    assert.deepEqual(changes(standIn, calls), [
      `app backup create ${DOMAIN} -n`,
      `app upgrade ${DOMAIN} 1.1.0+1.1 --no-converge-checks -n`,
    ]);
    assert.match(readFileSync(envFile(abraDir), 'utf8'), /^TYPE=notes:1\.1\.0\+1\.1$/m);
  });

  it('a release whose services never come up: restore, deploy last-good, data kept', async () => {
    const standIn = new AbraStandIn();
    const repo = recipeRepo({ fixture: 'recipe-abra-notes', tags: ['1.0.0+1.0'] });
    const abraDir = operatorApp(standIn, repo);
    ok(await reconcile(standIn, repo, abraDir), 'deployed-fresh');
    const notes = join(standIn.state, 'volumes', VOLUME, 'notes');
    writeFileSync(notes, 'written before the upgrade');
    addRelease(repo, '1.1.0+1.1');
    const calls = standIn.abraCommands().length;
    const result = await reconcile(standIn, repo, abraDir, ['replicas 1.1.0+1.1']);
    ok(result, 'rolled-back');
    assert.deepEqual(changes(standIn, calls), [
      `app backup create ${DOMAIN} -n`,
      `app upgrade ${DOMAIN} 1.1.0+1.1 --no-converge-checks -n`,
      `app restore ${DOMAIN} -n`,
      `app deploy ${DOMAIN} 1.0.0+1.0 --force --no-converge-checks --no-domain-checks -n`,
    ]);
    // Backup and restore ran on a terminal: the stand-in, like abra, stops without one.
    assert.ok(
      standIn
        .calls()
        .filter((c) => c.argv[1] === 'backup' || c.argv[1] === 'restore')
        .every((c) => c.exit === 0),
    );
    assert.equal(readFileSync(notes, 'utf8'), 'written before the upgrade');
    assert.match(readFileSync(envFile(abraDir), 'utf8'), /^TYPE=notes:1\.0\.0\+1\.0$/m);
    assert.equal(result.outputs['running-version'], '1.0.0+1.0');

    // The next run leaves the rejected release alone: not one abra command that changes anything.
    const later = standIn.abraCommands().length;
    const held = await reconcile(standIn, repo, abraDir);
    ok(held, 'held-rejected');
    assert.equal(held.outputs['rejected-version'], '1.1.0+1.1');
    assert.deepEqual(changes(standIn, later), []);
    assert.match(readFileSync(envFile(abraDir), 'utf8'), /^TYPE=notes:1\.0\.0\+1\.0$/m);
  });

  it('a rollback whose restore fails is unrecovered and fails the job', async () => {
    const standIn = new AbraStandIn();
    const repo = recipeRepo({ fixture: 'recipe-abra-notes', tags: ['1.0.0+1.0'] });
    const abraDir = operatorApp(standIn, repo);
    ok(await reconcile(standIn, repo, abraDir), 'deployed-fresh');
    addRelease(repo, '1.1.0+1.1');
    const result = await reconcile(standIn, repo, abraDir, ['replicas 1.1.0+1.1', 'app restore']);
    assert.equal(result.code, 1, result.stdout);
    assert.equal(result.outputs.result, 'unrecovered');
  });

  it('an app env that records its recipe as RECIPE= (newer recipes): the version is read from there', async () => {
    const standIn = new AbraStandIn();
    const repo = recipeRepo({ fixture: 'recipe-abra-notes', tags: ['1.0.0+1.0'] });
    const abraDir = operatorApp(standIn, repo);
    const file = envFile(abraDir);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^TYPE=notes$/m, 'RECIPE=notes'));
    ok(await reconcile(standIn, repo, abraDir), 'deployed-fresh');
    assert.match(readFileSync(file, 'utf8'), /^RECIPE=notes:1\.0\.0\+1\.0$/m);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /^TYPE=/m);
    addRelease(repo, '1.1.0+1.1');
    const calls = standIn.abraCommands().length;
    const upgraded = await reconcile(standIn, repo, abraDir);
    ok(upgraded, 'upgraded');
    assert.deepEqual(changes(standIn, calls), [
      `app backup create ${DOMAIN} -n`,
      `app upgrade ${DOMAIN} 1.1.0+1.1 --no-converge-checks -n`,
    ]);
    assert.match(upgraded.stdout, /running 1\.0\.0\+1\.0, newest published 1\.1\.0\+1\.1/);
    assert.match(readFileSync(file, 'utf8'), /^RECIPE=notes:1\.1\.0\+1\.1$/m);
  });

  it('holds a major upgrade without a single abra command', async () => {
    const standIn = new AbraStandIn();
    const repo = recipeRepo({ fixture: 'recipe-abra-notes', tags: ['1.1.0+1.1'] });
    const abraDir = operatorApp(standIn, repo);
    ok(await reconcile(standIn, repo, abraDir), 'deployed-fresh');
    addRelease(repo, '2.0.0+2.0');
    const calls = standIn.abraCommands().length;
    ok(await reconcile(standIn, repo, abraDir), 'held-major');
    assert.deepEqual(changes(standIn, calls), []);
  });

  it('bad inputs exit 2: no such app, an unreadable TYPE, another recipe', async () => {
    const standIn = new AbraStandIn();
    const repo = recipeRepo({ fixture: 'recipe-abra-notes', tags: ['1.0.0+1.0'] });
    const empty = tempDir('recipe-ci-operator-abra-');
    const unknown = await reconcile(standIn, repo, empty);
    assert.equal(unknown.code, 2, unknown.stdout);
    assert.match(
      unknown.stdout,
      /there is no app notes\.example\.test on server local .*abra app new notes -s local/,
    );
    const abraDir = operatorApp(standIn, repo);
    const file = envFile(abraDir);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^TYPE=.*$/m, 'TYPE=notes:banana'));
    const unreadable = await reconcile(standIn, repo, abraDir);
    assert.equal(unreadable.code, 2, unreadable.stdout);
    assert.match(unreadable.stdout, /is "banana", which is not a version tag/);
    writeFileSync(file, text.replace(/^TYPE=.*$/m, 'TYPE=wordpress:1.0.0+6.0'));
    const other = await reconcile(standIn, repo, abraDir);
    assert.equal(other.code, 2, other.stdout);
    assert.match(other.stdout, /is an app of recipe wordpress, not notes/);
    assert.deepEqual(changes(standIn, 0), [], 'no abra command ran');
  });
});
