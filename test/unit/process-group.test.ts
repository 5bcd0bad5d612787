/** A test's program in its own group (test/support/process-group.ts) never outlives the test. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gone, killQuietly } from '../support/processes.ts';
import { tempDir } from '../support/temp-dir.ts';

const MODULE = join(import.meta.dirname, '..', 'support', 'process-group.ts');

test('a group still running when the test process exits is killed then', async () => {
  const file = join(tempDir('recipe-ci-group-'), 'pid');
  // A test process that leaves while its program still runs (a hang, or a cancelled test).
  const script = `
    import { runInGroup } from ${JSON.stringify(MODULE)};
    void runInGroup('sh', ['-c', 'echo $$ > "$0"; exec sleep 30', ${JSON.stringify(file)}], {
      env: process.env,
      timeoutMs: 60_000,
    });
    setTimeout(() => process.exit(0), 500);
  `;
  const outer = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  assert.equal(outer.status, 0, outer.stderr);
  const pid = Number(readFileSync(file, 'utf8').trim());
  try {
    assert.ok(Number.isInteger(pid) && pid > 1, `pid ${String(pid)}`);
    assert.ok(await gone(pid, 3000), 'the program went with the test process');
  } finally {
    killQuietly(pid);
  }
});
