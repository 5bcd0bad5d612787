/**
 * The abra command lines, each as real abra 0.13.0-beta is documented or observed to need them
 * (src/deploy/abra-commands.ts): named versions or --chaos, no converge monitor, the domain check
 * skipped only where the domain does not resolve, machine output for generated secrets and a
 * terminal for backup, restore and lint. Then what is kept of `abra app secret generate`'s answer,
 * how `abra --version` is read, and the app env's RECIPE=/TYPE= line.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { abraArgs, needsTerminal, runAbraCommand } from '../../src/deploy/abra-commands.ts';
import { parseGeneratedSecrets, withholdSecrets } from '../../src/deploy/abra-secrets.ts';
import {
  abraSupported,
  checkAbraVersion,
  OLDEST_ABRA,
  parseAbraVersion,
} from '../../src/deploy/abra-version.ts';
import { appEnvRecipe } from '../../src/deploy/app-env.ts';
import { parseEnvFile } from '../../src/recipe/run-env.ts';
import { runningFromEnvFile } from '../../src/reconcile/abra-app.ts';
import { ConfigurationError } from '../../src/shared/errors.ts';
import type { ProgramResult } from '../../src/process/run-program.ts';
import { tempDir } from '../support/temp-dir.ts';

const D = 'note-1a2b3c.ci.example.test';

describe('abra command lines', () => {
  it('deploy: the version or --chaos, --force when asked, never abra’s converge monitor', () => {
    assert.deepEqual(abraArgs.deploy(D, { version: '1.1.0+1.1', domainChecks: true }), [
      'app',
      'deploy',
      D,
      '1.1.0+1.1',
      '--no-converge-checks',
      '-n',
    ]);
    assert.equal(
      abraArgs.deploy(D, { version: undefined, force: true, domainChecks: false }).join(' '),
      `app deploy ${D} --chaos --force --no-converge-checks --no-domain-checks -n`,
    );
    assert.equal(
      abraArgs.upgrade(D, '1.1.0+1.1').join(' '),
      `app upgrade ${D} 1.1.0+1.1 --no-converge-checks -n`,
    );
  });

  it('app new: -D is the domain there; secrets as machine output, read at the tree deployed', () => {
    assert.equal(
      abraArgs.appNew('notes', 'default', D, undefined).join(' '),
      `app new notes -s default -D ${D} --chaos -n`,
    );
    assert.equal(
      abraArgs.secretGenerate(D, '1.1.0+1.1').join(' '),
      `app secret generate ${D} -a -m -n`,
    );
    assert.equal(
      abraArgs.secretGenerate(D, undefined).join(' '),
      `app secret generate ${D} -a -m --chaos -n`,
    );
  });

  it('backup create, restore and lint need a terminal; nothing else does', () => {
    assert.ok(needsTerminal(abraArgs.backupCreate(D)));
    assert.ok(needsTerminal(abraArgs.restore(D)));
    assert.ok(needsTerminal(abraArgs.lint('notes')));
    for (const args of [
      abraArgs.deploy(D, { version: '1.0.0+1.0', domainChecks: true }),
      abraArgs.secretGenerate(D, undefined),
      abraArgs.undeploy(D),
      abraArgs.remove(D),
      abraArgs.logs(D),
      abraArgs.serverAdd('local'),
    ]) {
      assert.equal(needsTerminal(args), false, args.join(' '));
    }
  });

  it('runs backup and restore on a pseudo-terminal, other commands without one, in ABRA_DIR', async () => {
    const dir = tempDir('recipe-ci-abra-tty-');
    const abra = join(dir, 'fake abra');
    // Like abra's backup and restore: no terminal, no run.
    writeFileSync(
      abra,
      [
        '#!/bin/sh',
        'if test -t 1; then tty=terminal; else tty=none; fi',
        'echo "$tty: $*" >>"$PWD/calls"',
        'test "$2" = deploy || test "$tty" = terminal || { echo "FATA inappropriate ioctl for device"; exit 1; }',
        'printf "\\033[1mdone\\033[0m\\n"',
      ].join('\n'),
    );
    chmodSync(abra, 0o755);
    const options = {
      abra,
      cwd: dir,
      env: { PATH: process.env.PATH },
      timeoutMs: 10_000,
      signal: new AbortController().signal,
    };
    const backup = await runAbraCommand(abraArgs.backupCreate(D), options);
    assert.deepEqual(
      [backup.ok, backup.summary],
      [true, `abra app backup create ${D} -n: succeeded`],
    );
    assert.equal(backup.result.output, 'done\n', 'the terminal’s escapes and CRs are gone');
    const restore = await runAbraCommand(abraArgs.restore(D), options);
    assert.equal(restore.ok, true, restore.result.output);
    const deploy = await runAbraCommand(
      abraArgs.deploy(D, { version: '1.0.0+1.0', domainChecks: true }),
      options,
    );
    assert.equal(deploy.ok, true, deploy.result.output);
    assert.deepEqual(readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n'), [
      `terminal: app backup create ${D} -n`,
      `terminal: app restore ${D} -n`,
      `none: app deploy ${D} 1.0.0+1.0 --no-converge-checks -n`,
    ]);
  });
});

describe('abra app secret generate’s answer', () => {
  const answer = (stdout: string, stderr = ''): ProgramResult => ({
    code: 0,
    output: stderr + stdout,
    stdout,
    stderr,
    lastLine: stdout.trim().split('\n').at(-1) ?? '',
    timedOut: false,
    cancelled: false,
    durationMs: 5,
  });

  it('reads the values from machine output: rows as objects, or an object of name → value', () => {
    assert.deepEqual(
      parseGeneratedSecrets(
        '[{"name":"db_password","value":"s3cr3t-one"},{"NAME":"jwt","VALUE":"two"}]\n',
      ),
      [
        { name: 'db_password', value: 's3cr3t-one' },
        { name: 'jwt', value: 'two' },
      ],
    );
    assert.deepEqual(parseGeneratedSecrets('INFO hi\n{"db_password":"x1"}\n'), [
      { name: 'db_password', value: 'x1' },
    ]);
    assert.deepEqual(parseGeneratedSecrets('│ NAME │ VALUE │\n│ db │ x │\n'), []);
  });

  it('keeps names and abra’s log lines, never a value; hands every value to be masked first', () => {
    const masked: string[] = [];
    const { result } = withholdSecrets(
      answer(
        '[{"name":"db_password","value":"generated-value-1"}]\n',
        'WARN about generated-value-1\n│ db_password │ generated-value-1 │\n',
      ),
      (value) => masked.push(value),
    );
    assert.deepEqual(masked, ['generated-value-1']);
    assert.equal(
      result.output,
      "WARN about ***\n(abra's answer withheld: 1 secret value generated for db_password)",
    );
    assert.doesNotMatch(JSON.stringify(result), /generated-value-1/);
  });

  it('an answer it cannot read is withheld all the same', () => {
    const { result, secrets } = withholdSecrets(
      answer('│ NAME        │ VALUE  │\n│ db_password │ hunter2hunter2 │\n'),
      () => undefined,
    );
    assert.deepEqual(secrets, []);
    assert.doesNotMatch(JSON.stringify(result), /hunter2/);
    assert.match(result.output, /may hold generated secret values/);
  });
});

describe('abra --version', () => {
  it('reads the release from cobra’s answer, with or without a commit', () => {
    assert.equal(parseAbraVersion('abra version 0.13.0-beta-1a2b3c4\n'), '0.13.0-beta');
    assert.equal(parseAbraVersion('abra version 0.10.1-beta'), '0.10.1-beta');
    assert.equal(parseAbraVersion('abra version v0.14.0'), '0.14.0');
    assert.equal(parseAbraVersion('abra version dev'), undefined);
  });

  it(`supports ${OLDEST_ABRA} and newer only`, () => {
    assert.ok(abraSupported('0.13.0-beta'));
    assert.ok(abraSupported('0.13.1-beta'));
    assert.ok(abraSupported('0.14.0'));
    assert.ok(!abraSupported('0.12.0-beta'));
    assert.ok(!abraSupported('0.10.1-beta'));
  });

  it('a missing abra, or one that names no release, is a configuration error with the fix', async () => {
    const signal = new AbortController().signal;
    await assert.rejects(
      checkAbraVersion({ abra: 'recipe-ci-no-abra-here', env: process.env, signal }),
      (error: unknown) =>
        error instanceof ConfigurationError &&
        /no recipe-ci-no-abra-here on PATH .*install abra 0\.13\.0-beta or newer/.test(
          error.message,
        ),
    );
    const dir = tempDir('recipe-ci-abra-version-');
    const abra = join(dir, 'abra');
    writeFileSync(abra, '#!/bin/sh\necho "abra version dev"\n');
    chmodSync(abra, 0o755);
    await assert.rejects(
      checkAbraVersion({ abra, env: process.env, signal }),
      /names no release \("abra version dev"\)/,
    );
  });
});

describe('the app env’s recipe line', () => {
  it('RECIPE= or TYPE=, RECIPE first; the version after the colon', () => {
    assert.deepEqual(appEnvRecipe(parseEnvFile('TYPE=notes:1.0.0+1.0\n')), {
      key: 'TYPE',
      recipe: 'notes',
      version: '1.0.0+1.0',
    });
    assert.deepEqual(appEnvRecipe(parseEnvFile('RECIPE=notes\nTYPE=old:9.9.9+9\n')), {
      key: 'RECIPE',
      recipe: 'notes',
      version: undefined,
    });
    assert.equal(appEnvRecipe(parseEnvFile('DOMAIN=x\n')), undefined);
  });

  it('reconcile reads the running version from either', () => {
    assert.equal(runningFromEnvFile('RECIPE=notes:1.1.0+1.1\n', 'notes', 'f.env'), '1.1.0+1.1');
    assert.equal(runningFromEnvFile('TYPE=notes\n', 'notes', 'f.env'), undefined);
    assert.throws(
      () => runningFromEnvFile('DOMAIN=x\n', 'notes', 'f.env'),
      /no RECIPE= or TYPE=<recipe>:<version> line/,
    );
  });
});
