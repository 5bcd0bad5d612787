/**
 * The reconcile action's inputs, and recipe-suite's answer to the mode that moved out of it:
 * every mistake is a ConfigurationError naming the input, before anything is read or changed.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { recipeSuite } from '../../src/actions/recipe-suite.ts';
import { actions } from '../../src/actions/index.ts';
import { Inputs } from '../../src/platform/inputs.ts';
import { ExitCode, runStep, WrapperState } from '../../src/platform/run.ts';
import { readReconcileSettings } from '../../src/reconcile/settings.ts';
import { ConfigurationError } from '../../src/shared/errors.ts';
import { fakeRunner } from '../support/fake-runner.ts';
import { tempDir } from '../support/temp-dir.ts';

/** The inputs as a runner gives them: action.yml's defaults, then the workflow's values. */
function inputs(values: Record<string, string>): Inputs {
  const all: Record<string, string> = {
    'recipe-path': '.',
    backend: 'abra',
    config: '.recipe-ci.yml',
    'alert-issues': 'false',
    'retry-rejected': 'false',
    ...values,
  };
  return new Inputs({
    get: (name) => all[name],
    label: (name) => `input "${name}"`,
    onSecret: () => undefined,
  });
}

function fails(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ConfigurationError, 'a ConfigurationError');
    assert.match(error.message, pattern);
    return true;
  });
}

test('recipe-suite mode reconcile fails first, naming the input and the action it moved to', async () => {
  const runner = fakeRunner({
    recipe: 'notes',
    mode: 'reconcile',
    backend: 'command',
    domain: 'notes.example.test',
    'app-dir': '/nowhere',
  });
  const code = await runStep(recipeSuite, 'main', runner, { signals: new EventEmitter() });
  assert.equal(code, ExitCode.configuration);
  assert.equal(runner.failures.length, 1);
  assert.match(
    runner.failures[0] ?? '',
    /^recipe-suite: input "mode" is reconcile, which moved to an action of its own: use recipe-ci\/recipe-ci\/actions\/reconcile@<ref> \(on a command line: recipe-ci reconcile\) with the same inputs, without mode\.$/,
  );
  assert.deepEqual(runner.outputs, {}, 'no output written');
  const wrapper: string[] = Object.values(WrapperState);
  const saved = Object.keys(runner.state).filter((key) => !wrapper.includes(key));
  assert.deepEqual(saved, [], 'nothing saved for post');
});

test('reconcile is an action of its own, with no post step', () => {
  const definition = actions.reconcile;
  assert.equal(definition?.name, 'reconcile');
  assert.ok(!('post' in definition), 'no post step');
});

test('abra: the server and the operator ABRA_DIR (input, then $ABRA_DIR, then ~/.abra)', () => {
  const given = { recipe: 'keycloak', domain: 'SSO.Example.Test', server: 'local' };
  const settings = readReconcileSettings(inputs({ ...given, 'abra-dir': 'ops' }), {
    ABRA_DIR: '/srv/abra',
  });
  assert.equal(settings.domain, 'sso.example.test');
  assert.equal(settings.backend, 'abra');
  assert.equal(settings.server, 'local');
  assert.equal(settings.abraDir, join(process.cwd(), 'ops'));
  assert.equal(settings.appDir, undefined);
  assert.equal(
    readReconcileSettings(inputs(given), { ABRA_DIR: '/srv/abra' }).abraDir,
    '/srv/abra',
  );
  assert.equal(readReconcileSettings(inputs(given), {}).abraDir, join(homedir(), '.abra'));
  fails(
    () => readReconcileSettings(inputs({ ...given, server: '' }), {}),
    /^input "server" is required with backend: abra;/,
  );
  fails(
    () => readReconcileSettings(inputs({ ...given, server: 'host:22' }), {}),
    /^input "server" "host:22" is not a host name/,
  );
});

test('command: app-dir must be a folder that exists; the server is not used', () => {
  const appDir = join(tempDir('recipe-ci-reconcile-settings-'), 'app');
  const given = { recipe: 'notes', domain: 'notes.example.test', backend: 'command' };
  fails(
    () => readReconcileSettings(inputs(given), {}),
    /^input "app-dir" is required but empty; with backend command/,
  );
  fails(
    () => readReconcileSettings(inputs({ ...given, 'app-dir': appDir }), {}),
    /^input "app-dir" .* is not a folder, so there is no such app here; create it \(mkdir\)/,
  );
  mkdirSync(appDir);
  const settings = readReconcileSettings(
    inputs({ ...given, 'app-dir': appDir, server: 'ignored:22' }),
    {},
  );
  assert.equal(settings.appDir, appDir);
  assert.equal(settings.server, undefined);
  assert.equal(settings.abraDir, undefined);
});

test('the domain is required and never generated; alerts need a token and a repository', () => {
  fails(
    () => readReconcileSettings(inputs({ recipe: 'notes', server: 'local' }), {}),
    /^input "domain" is required but empty; reconcile keeps one long-lived app current/,
  );
  fails(
    () => readReconcileSettings(inputs({ recipe: 'notes', server: 'local', domain: 'a b' }), {}),
    /^input "domain" "a b" is not a domain name/,
  );
  const alerting = {
    recipe: 'notes',
    server: 'local',
    domain: 'n.example.test',
    'alert-issues': 'true',
  };
  fails(() => readReconcileSettings(inputs(alerting), {}), /^input "alert-token" is required/);
  fails(
    () => readReconcileSettings(inputs({ ...alerting, 'alert-token': 't0ken' }), {}),
    /^input "alert-issues" needs the repository/,
  );
  const settings = readReconcileSettings(inputs({ ...alerting, 'alert-token': 't0ken' }), {
    GITHUB_REPOSITORY: 'ops/warm',
  });
  assert.deepEqual(settings.issues, { token: 't0ken', repository: 'ops/warm' });
});
