// Run npm scripts (the test suites) with a private TMPDIR, then fail if anything is left in it,
// so a test that leaves temporary files behind is seen. A private folder rather than a before and
// after look at /tmp: other processes on the machine use /tmp too, and theirs are not ours to count.
// tsx keeps its compile cache there (tsx-<uid>); that is the tool's cache, not a test's leftover.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node scripts/check-temp.mjs <npm script>...');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'recipe-ci-check-temp-'));
// /tmp's own mode: the demo test runs the demo as a user without root, inside this folder.
chmodSync(dir, 0o1777);
const env = { ...process.env, TMPDIR: dir };
let status = 0;
try {
  for (const script of scripts) {
    status = spawnSync('npm', ['run', script], { stdio: 'inherit', env }).status ?? 1;
    if (status !== 0) break;
  }
  const left = readdirSync(dir).filter((name) => !name.startsWith('tsx-'));
  if (left.length > 0) {
    console.error(`check-temp: the tests left ${String(left.length)} entries in ${dir}:`);
    for (const name of left.slice(0, 20)) console.error(`  ${name}`);
    if (left.length > 20) console.error(`  … and ${String(left.length - 20)} more`);
    console.error('Make temporary folders with tempDir() from test/support/temp-dir.ts.');
    if (status === 0) status = 1;
  } else if (status === 0) {
    console.log('check-temp: the tests left nothing in their temp folder');
  }
} finally {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}
process.exit(status);
