/**
 * `npm run demo`, as a person runs it after the README's install command: the whole chain
 * through dist/cli.js on a guest-lab guest, the Keycloak stand-in and the example recipe. It
 * must pass, show the chain's results, and leave nothing behind — also when a tier fails and
 * when it is interrupted with Ctrl-C. Needs root (the guest lab); the runs as an unprivileged
 * user drop it for the demo's process (and make, then delete, a throwaway system user).
 */
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_PRINCIPALS, KeycloakStandIn } from '../support/keycloak-stand-in/index.ts';
import { DEFAULT_ROOT } from '../lab/index.ts';
import { labKeycloakMissing } from '../support/keycloak-lab.ts';
import { signalGroup } from '../support/process-group.ts';

/** Each run's TMPDIR, removed after the tests even when an assertion failed first. */
const testTmpDirs: string[] = [];
after(() => {
  for (const dir of testTmpDirs) rmSync(dir, { recursive: true, force: true });
});

/** Who runs the demo when it is not root: its ids, a home of its own, and the tree it runs. */
interface Unprivileged {
  name: string;
  uid: number;
  gid: number;
  home: string;
  /** A copy of the checkout that user can read (see readableCheckout). */
  checkout: string;
}

/**
 * A copy of this checkout (its work tree and node_modules, not .git or the lab's state) that
 * every user can read. The checkout itself may sit in a folder only root can enter — root's
 * home is 0700 on Debian — and a user without root must not need to be let into it.
 */
function readableCheckout(): string {
  const copy = mkdtempSync(join(tmpdir(), 'recipe-ci-demo-checkout-'));
  testTmpDirs.push(copy);
  const excludes = ['--exclude=./.git', '--exclude=./.lab'];
  execFileSync('bash', [
    '-c',
    'set -o pipefail; tar -C "$1" -cf - "${@:3}" . | tar -C "$2" -xf -',
    'copy',
    process.cwd(),
    copy,
    ...excludes,
  ]);
  execFileSync('chmod', ['-R', 'a+rX', copy]);
  return copy;
}

interface DemoRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The demo's own TMPDIR: everything it makes in temp goes there. */
  tmp: string;
}

/**
 * Run `npm run demo -- args` (or, with `direct`, the driver npm runs) in its own process group,
 * as a terminal does, so that a Ctrl-C reaches every process of the group at once.
 * `onStdout` sees the output so far and may interrupt.
 */
function npmRunDemo(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  onStdout?: (soFar: string, interrupt: () => void) => void,
  direct = false,
  as?: Unprivileged,
): Promise<DemoRun> {
  const tmp = mkdtempSync(join(tmpdir(), 'recipe-ci-demo-test-'));
  testTmpDirs.push(tmp);
  const [command, commandArgs] = direct
    ? [process.execPath, ['--import', 'tsx', 'scripts/demo.ts', ...args]]
    : ['npm', ['run', '--silent', 'demo', '--', ...args]];
  let baseEnv: NodeJS.ProcessEnv = process.env;
  if (as !== undefined) {
    chownSync(tmp, as.uid, as.gid);
    // What a login of that user would have; nothing of root's npm settings (its cache dir).
    baseEnv = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)),
    );
    Object.assign(baseEnv, { HOME: as.home, USER: as.name, LOGNAME: as.name });
  }
  const child = spawn(command, commandArgs, {
    env: { ...baseEnv, ...env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    cwd: as?.checkout ?? process.cwd(),
    // libuv also drops root's supplementary groups when it changes the ids.
    ...(as === undefined ? {} : { uid: as.uid, gid: as.gid }),
  });
  let stdout = '';
  let stderr = '';
  const interrupt = (): void => {
    signalGroup(child.pid, 'SIGINT');
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    onStdout?.(stdout, interrupt);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, tmp }));
  });
}

function match(text: string, pattern: RegExp): string {
  const found = pattern.exec(text);
  assert.ok(found?.[1], `${String(pattern)} in the output`);
  return found[1];
}

/** Processes that carry the demo's temp dir (every step gets it as RUNNER_TEMP). */
function processesMentioning(path: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (environ.includes(path) || cmdline.includes(path)) {
        found.push(`${pid}: ${cmdline.replace(/\0/g, ' ')}`);
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Processes whose real uid is `uid`. */
function processesOf(uid: number): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const real = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (real === String(uid)) {
        found.push(`${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * No process of `uid` is left. tsx's esbuild service ends when it sees the demo's pipe close,
 * a moment after the demo itself: give it that moment, then look.
 */
async function assertNoProcessesOf(uid: number): Promise<void> {
  for (let i = 0; i < 100 && processesOf(uid).length > 0; i++) await sleep(100);
  assert.deepEqual(processesOf(uid), [], `no process of uid ${String(uid)} is left`);
}

/** Nothing of this run is left: temp dirs, processes, the lab's namespaces, links and dir. */
function assertNothingLeft(run: DemoRun): void {
  const workDir = match(run.stdout, /^work dir (\S+)$/m);
  assert.ok(workDir.startsWith(run.tmp), 'the demo works in TMPDIR');
  // tsx keeps its compile cache in $TMPDIR/tsx-<uid>, shared by every run of tsx; not ours.
  const left = readdirSync(run.tmp).filter((name) => !/^tsx-\d+$/.test(name));
  assert.deepEqual(left, [], 'temp dirs, state and summary files removed');
  assert.deepEqual(processesMentioning(run.tmp), [], 'no process of the run is left');
  assert.match(run.stdout, /^left behind: nothing/m);
  const labId = /\(lab ([0-9a-f]{4}):/.exec(run.stdout)?.[1];
  if (labId === undefined) return;
  const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  assert.doesNotMatch(namespaces, new RegExp(`rcilab-${labId}-`), 'lab namespaces deleted');
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
  assert.doesNotMatch(links, new RegExp(`rcilab${labId}`), 'lab links deleted');
  assert.equal(existsSync(join(DEFAULT_ROOT, labId)), false, 'lab directory removed');
}

/** The chain's steps, main ones then posts in reverse, as `recipe-ci run` prints them. */
const CHAIN_STEPS = [
  'provision main',
  'readiness main',
  'oidc-realm main',
  'recipe-suite main',
  'recipe-suite post',
  'oidc-realm post',
  'provision post',
];

function assertEveryStepPassed(stdout: string): void {
  for (const step of CHAIN_STEPS) assert.match(stdout, new RegExp(`^✔ ${step} \\(`, 'm'), step);
}

describe('npm run demo (as root)', () => {
  let keycloak: KeycloakStandIn;
  before(async () => {
    keycloak = await KeycloakStandIn.start();
  });
  after(async () => {
    await keycloak.stop();
  });

  it('runs the whole chain, passes, prints the summaries and leaves nothing behind', async () => {
    const run = await npmRunDemo([]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assertEveryStepPassed(run.stdout);
    // In order: posts after all main steps, in reverse.
    const order = [...run.stdout.matchAll(/^▶ (\S+ \S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(order, CHAIN_STEPS);
    assert.match(run.stdout, /hcloud-debian-12\s+skipped\s+not selected/, 'the plan');
    // Until the lab has abra, the demo says which backend it runs and why it is not abra.
    assert.match(run.stdout, /^backend: command \(.*\), not the Co-op Cloud path, because /m);
    // The real Keycloak where the lab has one, and the demo says which it used.
    if (labKeycloakMissing() === undefined) {
      assert.match(
        run.stdout,
        /^Keycloak: Keycloak 26\.\d+\.\d+ \(real, started in [\d.]+ s\) at /m,
      );
      assert.match(run.stdout, /^✔ removed Keycloak 26\.\d+\.\d+$/m);
    } else {
      assert.match(run.stdout, /^Keycloak: the stand-in \(not Keycloak\) at \S+, because /m);
    }
    assert.match(
      run.stdout,
      /^token-endpoint +http:\/\/127\.0\.0\.1:\d+\/realms\//m,
      'an address, not ***',
    );
    assert.match(run.stdout, /^ {2}outputs: ready-hosts=10\.\d+\.\d+\.\d+ /m, 'readiness passed');
    assert.match(
      run.stdout,
      /^ {2}results\.json: install passed, upgrade passed, backup passed, restore passed, custom passed$/m,
    );
    const realm = match(run.stdout, /outputs: realm=(\S+)/);
    assert.match(run.stdout, new RegExp(`realm ${realm}: deleted`));
    assert.doesNotMatch(run.stdout, /client-secret=(?!\*\*\*)/, 'secrets are not printed');
    // The job summary, rendered.
    assert.match(run.stdout, /══ job summary/);
    assert.match(run.stdout, /^recipe-ci: notes passed$/m);
    assert.match(run.stdout, /^1 of 1 hosts ready$/m);
    assert.match(run.stdout, /^demo passed in [\d.]+ s$/m);
    assertNothingLeft(run);
  });

  it('a failing check: exits 1, still cleans up; the realm was made and removed in Keycloak', async () => {
    const admin = DEFAULT_PRINCIPALS.find((p) => p.kind === 'client');
    assert.ok(admin?.kind === 'client');
    const calls = keycloak.adminCalls.length;
    const run = await npmRunDemo(['--fail', '--keycloak-url', keycloak.url], {
      KEYCLOAK_CLIENT_SECRET: admin.secret,
    });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^✘ exit 1 recipe-suite main/m);
    assert.match(
      run.stdout,
      /^ {2}results\.json: install passed, upgrade passed, backup passed, restore passed, custom failed$/m,
    );
    assert.match(run.stdout, /fails on purpose \(demo --fail\): failed/);
    for (const step of ['recipe-suite post', 'oidc-realm post', 'provision post']) {
      assert.match(run.stdout, new RegExp(`^✔ ${step} \\(`, 'm'), `${step} ran after the failure`);
    }
    const realm = match(run.stdout, /outputs: realm=(\S+)/);
    const made = keycloak.adminCalls.slice(calls);
    assert.ok(made.includes('POST /admin/realms'), made.join(', '));
    assert.ok(made.includes(`DELETE /admin/realms/${realm}`), made.join(', '));
    assert.equal(keycloak.realms.has(realm), false, 'the realm is gone from Keycloak');
    assert.match(run.stdout, /^demo FAILED in [\d.]+ s$/m);
    assertNothingLeft(run);
  });

  // The driver itself: npm 11 dies of the SIGINT at once (exit 130 to the shell) and leaves
  // its script to finish on its own, so only the driver can report how the cleanup went.
  it('Ctrl-C during the recipe tiers: the step is cancelled, cleanup runs, exit 130', async () => {
    let sent = false;
    const run = await npmRunDemo(
      [],
      {},
      (soFar, interrupt) => {
        if (!sent && soFar.includes('▶ upgrade')) {
          sent = true;
          interrupt();
        }
      },
      true,
    );
    assert.ok(sent, run.stdout);
    assert.equal(run.code, 130, run.stdout + run.stderr);
    assert.match(run.stdout, /^■ cancelled recipe-suite main/m);
    for (const step of ['recipe-suite post', 'oidc-realm post', 'provision post']) {
      assert.match(run.stdout, new RegExp(`^✔ ${step} \\(`, 'm'), `${step} ran after Ctrl-C`);
    }
    const realm = match(run.stdout, /outputs: realm=(\S+)/);
    assert.match(run.stdout, new RegExp(`realm ${realm}: deleted`));
    assert.match(run.stdout, /^demo cancelled in [\d.]+ s$/m);
    assertNothingLeft(run);
  });

  it('--target loopback: an sshd on a loopback port instead of the lab, removed afterwards', async () => {
    // The path a user without root takes; run here as root, whose sshd wants its privilege
    // separation directory (a host that never started its own sshd may not have it).
    const privsep = '/run/sshd';
    const made = !existsSync(privsep);
    if (made) mkdirSync(privsep, { mode: 0o755 });
    try {
      const run = await npmRunDemo(['--target', 'loopback']);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /^target: an sshd of user root on 127\.0\.0\.1:\d+ /m);
      assert.match(run.stdout, /^ {2}outputs: ready-hosts=127\.0\.0\.1:\d+ /m);
      assert.match(
        run.stdout,
        /^ {2}results\.json: install passed, upgrade passed, backup passed, restore passed, custom passed$/m,
      );
      assert.match(run.stdout, /^✔ removed target$/m);
      assertNothingLeft(run);
    } finally {
      if (made) rmSync(privsep, { recursive: true, force: true });
    }
  });
});

describe('npm run demo (as a user without root)', () => {
  const made: string[] = [];
  let checkout = '';
  before(() => {
    checkout = readableCheckout();
  });
  after(() => {
    for (const name of made) execFileSync('userdel', [name]);
  });

  /** A home of its own under temp, removed with the run's temp dirs. */
  function homeFor(uid: number, gid: number): string {
    const home = mkdtempSync(join(tmpdir(), 'recipe-ci-demo-home-'));
    testTmpDirs.push(home);
    chownSync(home, uid, gid);
    return home;
  }

  /** A throwaway system user (and group), deleted after the tests. */
  function throwawayUser(shell: string): Unprivileged {
    const name = `rcidemo-${randomBytes(3).toString('hex')}`;
    const home = mkdtempSync(join(tmpdir(), 'recipe-ci-demo-home-'));
    testTmpDirs.push(home);
    execFileSync('useradd', [
      ...['--system', '--user-group', '--no-create-home'],
      ...['--home-dir', home, '--shell', shell, name],
    ]);
    made.push(name);
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }));
    chownSync(home, uid, gid);
    return { name, uid, gid, home, checkout };
  }

  it('runs the chain against an sshd of its own, passes and leaves nothing behind', async () => {
    const user = throwawayUser('/bin/sh');
    const run = await npmRunDemo([], {}, undefined, false, user);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    // Not root: the lab's Keycloak (root's folder) cannot run, and the demo says why.
    assert.match(run.stdout, /^Keycloak: the stand-in \(not Keycloak\) at \S+, because /m);
    // No --target: the demo chose the loopback sshd because it is not root.
    assert.match(
      run.stdout,
      new RegExp(`^target: an sshd of user ${user.name} on 127\\.0\\.0\\.1:\\d+ \\(not root`, 'm'),
    );
    assertEveryStepPassed(run.stdout);
    assert.match(run.stdout, /^ {2}outputs: ready-hosts=127\.0\.0\.1:\d+ /m);
    assert.match(
      run.stdout,
      /^ {2}results\.json: install passed, upgrade passed, backup passed, restore passed, custom passed$/m,
    );
    assert.match(run.stdout, /^✔ removed target$/m);
    assert.match(run.stdout, /^demo passed in [\d.]+ s$/m);
    assertNothingLeft(run);
    await assertNoProcessesOf(user.uid);
  });

  it('a locked account (nobody): says at once that sshd will not let it in, exits 1, leaves nothing', async () => {
    const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }));
    const nobody = { name: 'nobody', uid, gid, home: homeFor(uid, gid), checkout };
    const run = await npmRunDemo([], {}, undefined, false, nobody);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^✘ the loopback sshd does not let user nobody in \(sshd: User nobody not allowed because account is locked\); .*run it as such a user, or as root for the guest lab$/m,
    );
    assert.doesNotMatch(run.stdout, /▶ readiness/, 'no step waited for a login that cannot work');
    assertNothingLeft(run);
    await assertNoProcessesOf(uid);
  });

  it('an account without a login shell: says what the shell said, exits 1, leaves nothing', async () => {
    const user = throwawayUser('/usr/sbin/nologin');
    const run = await npmRunDemo([], {}, undefined, false, user);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `^✘ the loopback sshd does not let user ${user.name} in \\(This account is currently not available\\.\\); `,
        'm',
      ),
    );
    assertNothingLeft(run);
    await assertNoProcessesOf(user.uid);
  });
});
