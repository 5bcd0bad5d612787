import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportTag, fileAtTag, listTags } from '../../src/recipe/git.ts';
import { CancelledError } from '../../src/shared/errors.ts';
import { gone, killQuietly } from '../support/processes.ts';
import { tempDir } from '../support/temp-dir.ts';

/**
 * A repository with one tag whose file goes through a smudge filter on its way out (`git
 * archive` runs it): the filter writes its pid to `pidFile` and then hangs, as a git stuck on a
 * hook or a lock would.
 */
function hangingRepo(): { repo: string; pidFile: string } {
  const repo = tempDir('recipe-ci-git-');
  const pidFile = join(repo, '.git', 'filter.pid');
  const git = (...args: string[]): void => {
    execFileSync('git', [
      '-C',
      repo,
      '-c',
      'user.name=ci',
      '-c',
      'user.email=ci@example.test',
      ...args,
    ]);
  };
  git('init', '-q');
  writeFileSync(join(repo, '.gitattributes'), '*.txt filter=hang\n');
  writeFileSync(join(repo, 'notes.txt'), 'notes\n');
  git('config', 'filter.hang.clean', 'cat');
  git('add', '-A');
  git('commit', '-q', '-m', 'one');
  git('tag', '1.0.0+1.0');
  git('config', 'filter.hang.smudge', `echo $$ > '${pidFile}'; exec sleep 60`);
  return { repo, pidFile };
}

async function pidIn(file: string): Promise<number> {
  while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number(readFileSync(file, 'utf8'));
}

test(
  'a cancel stops a git call at once, with what git started, and throws its reason',
  // The filter hangs for 60 s: a git call that did not take the cancel would time out here.
  { timeout: 20_000 },
  async () => {
    const { repo, pidFile } = hangingRepo();
    const controller = new AbortController();
    let filter: number | undefined;
    try {
      const exporting = exportTag(repo, '1.0.0+1.0', join(tempDir('recipe-ci-out-'), 'v1'), {
        signal: controller.signal,
      });
      filter = await pidIn(pidFile);
      const reason = new CancelledError('SIGTERM');
      controller.abort(reason);
      await assert.rejects(exporting, (error) => error === reason);
      assert.ok(await gone(filter, 5000), `git's filter ${String(filter)} is still running`);
    } finally {
      killQuietly(filter);
    }
  },
);

test('a git call has a time limit', { timeout: 20_000 }, async () => {
  const { repo, pidFile } = hangingRepo();
  let filter: number | undefined;
  try {
    const exporting = exportTag(repo, '1.0.0+1.0', join(tempDir('recipe-ci-out-'), 'v1'), {
      timeoutMs: 300,
    });
    await assert.rejects(exporting, /git archive .* failed in .*: did not finish within 300ms/);
    filter = await pidIn(pidFile);
    assert.ok(await gone(filter, 5000), `git's filter ${String(filter)} is still running`);
  } finally {
    killQuietly(filter);
  }
});

test('an already cancelled git call does not run, and a missing file is not a cancel', async () => {
  const { repo } = hangingRepo();
  const reason = new CancelledError('SIGINT');
  await assert.rejects(listTags(repo, { signal: AbortSignal.abort(reason) }), (e) => e === reason);
  await assert.rejects(
    fileAtTag(repo, '1.0.0+1.0', 'notes.txt', { signal: AbortSignal.abort(reason) }),
    (e) => e === reason,
  );
  assert.deepEqual(await listTags(repo), ['1.0.0+1.0']);
  assert.equal(await fileAtTag(repo, '1.0.0+1.0', 'missing.txt'), undefined);
});
