/**
 * The guest lab's own tests: every condition a scenario can put a guest in must be observable
 * from OUTSIDE, with the plain OpenSSH client, ssh-keyscan or a raw TCP socket — the same view the
 * readiness gate will have. Needs root (see test/lab/setup.sh).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { endChild, exited, holdLab, lineFrom } from '../lab/held.ts';
import type { Guest, Lab } from '../lab/index.ts';
import {
  LabUnavailableError,
  NotOwnedError,
  SubnetInUseError,
  startLab,
  timelines,
} from '../lab/index.ts';

/**
 * Finds the test sessions' `sleep 30` among the guest's processes. Guests share the host's pid
 * namespace, so the search is limited to the guest's network namespace (that of the shell, $$).
 */
const SESSION_COMMAND_IN_GUEST = "pgrep --nslist net --ns $$ -fx 'sleep 30'";

/** Parse `cloud-init status --format json` as printed over SSH. */
function statusJson(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** Poll `condition` every 10 ms until it holds (or fail after `timeoutMs`). */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Everything of lab `id` still present on the host. */
function remnants(id: string, dir: string, pids: readonly number[]): string[] {
  const found: string[] = [];
  const netns = existsSync('/run/netns') ? readdirSync('/run/netns') : [];
  found.push(...netns.filter((n) => n.startsWith(`rcilab-${id}-`)).map((n) => `netns ${n}`));
  found.push(
    ...readdirSync('/sys/class/net')
      .filter((l) => l.startsWith(`rcilab${id}`))
      .map((l) => `link ${l}`),
  );
  if (existsSync(dir)) found.push(`dir ${dir}`);
  found.push(...pids.filter((p) => existsSync(`/proc/${p}/ns/net`)).map((p) => `pid ${p}`));
  return found;
}

describe('guest lab', () => {
  let lab: Lab;

  before(async () => {
    lab = await startLab();
  });
  after(async () => {
    await lab.close();
  });

  describe('sshd and the client key', () => {
    let guest: Guest;
    before(async () => {
      guest = await lab.addGuest();
    });

    it('shows the SSH banner while publickey is still denied', async () => {
      const seen = await lab.probe(guest, { connectTimeoutMs: 2000, bannerTimeoutMs: 2000 });
      assert.equal(seen.outcome, 'banner');
      assert.match(seen.banner, /^SSH-2\.0-OpenSSH_/);
      const login = await lab.ssh(guest, 'true');
      assert.equal(login.code, 255);
      assert.match(login.stderr, /Permission denied \(publickey\)/);
    });

    it('lets the client in once the key is authorised', async () => {
      await guest.authorize();
      const login = await lab.ssh(guest, 'id -u; cat /etc/ssh/sshd_config');
      assert.equal(login.code, 0, login.stderr);
      assert.match(login.stdout, /^0\n/);
      assert.match(
        login.stdout,
        new RegExp(`ListenAddress ${guest.address.replaceAll('.', '\\.')}`),
      );
      await guest.deauthorize();
      assert.equal((await lab.ssh(guest, 'true')).code, 255);
    });

    it('serves the host key whose fingerprint it reports', async () => {
      const scanned = await lab.keyscan(guest);
      assert.ok(scanned, 'ssh-keyscan got no key');
      assert.match(guest.hostKeyFingerprint(), /^SHA256:[A-Za-z0-9+/]{43}$/);
      assert.equal(scanned.fingerprint, guest.hostKeyFingerprint());
      assert.equal(scanned.publicKey, guest.hostPublicKey().split(' ').slice(0, 2).join(' '));
    });
  });

  describe('cloud-init 22.4 (bookworm), the real CLI over SSH', () => {
    let guest: Guest;
    before(async () => {
      guest = await lab.addGuest({ authorized: true });
    });

    it('reports "not run" before any stage ran', async () => {
      const out = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(out.code, 0, out.stderr);
      assert.equal(statusJson(out.stdout).status, 'not run');
    });

    it('reports running, and --wait keeps waiting while it runs', async () => {
      await guest.setCloudInit({ status: 'running' });
      const out = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(statusJson(out.stdout).status, 'running');
      const wait = await lab.ssh(guest, 'timeout 1 cloud-init status --wait >/dev/null');
      assert.equal(wait.code, 124, 'status --wait returned while cloud-init was running');
    });

    it('returns from --wait when cloud-init finishes: done, exit 0, boot-finished', async () => {
      await guest.setCloudInit({ status: 'running' });
      const waiting = lab.ssh(guest, 'cloud-init status --wait --format json', {
        timeoutMs: 15_000,
      });
      await new Promise((r) => setTimeout(r, 700));
      await guest.setCloudInit({ status: 'done' });
      const out = await waiting;
      assert.equal(out.code, 0, out.stderr);
      assert.equal(statusJson(out.stdout).status, 'done');
      const finished = await lab.ssh(guest, 'cat /var/lib/cloud/instance/boot-finished');
      assert.equal(finished.code, 0);
      assert.match(finished.stdout, / - v\. 22\.4/);
    });

    it('reports error with its lines and exits 1', async () => {
      const errors = ['Failed to run module scripts_user', 'package_update: apt failed'];
      await guest.setCloudInit({ status: 'error', errors });
      const out = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(out.code, 1);
      const status = statusJson(out.stdout);
      assert.equal(status.status, 'error');
      assert.deepEqual(status.errors, errors);
      const long = await lab.ssh(guest, 'cloud-init status --long');
      assert.match(long.stdout, /package_update: apt failed/);
    });

    it('reports disabled when the generator left cloud-init out of the boot', async () => {
      await guest.setCloudInit({ status: 'disabled' });
      const out = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(out.code, 0, out.stderr);
      assert.equal(statusJson(out.stdout).status, 'disabled');
      await guest.setCloudInit({ status: 'running' });
      const running = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(statusJson(running.stdout).status, 'running', 'the marker went with the phase');
    });

    it('refuses "degraded", which 22.4 does not know', async () => {
      await assert.rejects(
        guest.setCloudInit({ status: 'degraded', warnings: ['x'] }),
        /22\.4 \(bookworm\) has no 'degraded'/,
      );
    });
  });

  describe('cloud-init 25.1 (trixie)', () => {
    let guest: Guest;
    before(async () => {
      guest = await lab.addGuest({ cloudInit: 'trixie', authorized: true });
    });

    it('is the 25.1 CLI, and says "not started" before boot', async () => {
      const out = await lab.ssh(guest, 'cloud-init --version; cloud-init status --format json');
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /cloud-init 25\.1\./);
      assert.equal(statusJson(out.stdout.slice(out.stdout.indexOf('{'))).status, 'not started');
    });

    it('reports degraded with recoverable errors and exits 2', async () => {
      const warnings = ['Deprecated cloud-config key: ssh_authorized_keys in users'];
      await guest.setCloudInit({ status: 'degraded', warnings });
      const out = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(out.code, 2);
      const status = statusJson(out.stdout);
      assert.equal(status.extended_status, 'degraded done');
      assert.deepEqual(status.recoverable_errors, { WARNING: warnings });
    });

    it('reports disabled when the generator left cloud-init out of the boot', async () => {
      await guest.setCloudInit({ status: 'disabled' });
      const out = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(out.code, 0, out.stderr);
      const status = statusJson(out.stdout);
      assert.equal(status.status, 'disabled');
      assert.match(String(status.detail), /generator/);
    });

    it('reports error and exits 1; running stays running', async () => {
      await guest.setCloudInit({ status: 'error', errors: ['boom'] });
      const failed = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(failed.code, 1);
      assert.deepEqual(statusJson(failed.stdout).errors, ['boom']);
      await guest.setCloudInit({ status: 'running' });
      const running = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(running.code, 0);
      assert.equal(statusJson(running.stdout).status, 'running');
    });
  });

  describe('a guest without cloud-init', () => {
    it('answers 127 from the shell', async () => {
      const guest = await lab.addGuest({ cloudInit: 'absent', authorized: true });
      const out = await lab.ssh(guest, 'cloud-init status --wait');
      assert.equal(out.code, 127);
      assert.match(out.stderr, /cloud-init: command not found/);
      await assert.rejects(guest.setCloudInit({ status: 'running' }), /not installed/);
    });
  });

  describe('bounces', () => {
    it('refuses connections in the gap and comes back with a new host key', async () => {
      const guest = await lab.addGuest({ authorized: true });
      const before = await lab.keyscan(guest);
      const bounce = guest.bounce({ gapMs: 1500 });
      await until(() => guest.state.listener === 'none', 'sshd to go down');
      const inGap = await lab.probe(guest, { connectTimeoutMs: 1000, bannerTimeoutMs: 1000 });
      assert.equal(inGap.outcome, 'refused');
      await bounce;
      const afterwards = await lab.keyscan(guest);
      assert.ok(before && afterwards);
      assert.notEqual(afterwards.fingerprint, before.fingerprint);
      assert.equal(afterwards.fingerprint, guest.hostKeyFingerprint());
      assert.equal((await lab.ssh(guest, 'true')).code, 0);
    });

    it('keeps established sessions when only the listener restarts', async () => {
      const guest = await lab.addGuest({ authorized: true });
      const session = lab.spawnSsh(guest, 'echo started; sleep 30');
      await lineFrom(session, 'started');
      await guest.bounce({ gapMs: 200, dropSessions: false });
      // The session's process in the guest still runs and the client is still connected.
      const inGuest = await guest.exec(SESSION_COMMAND_IN_GUEST);
      assert.equal(inGuest.code, 0, 'the session command died with the listener');
      assert.equal(session.exitCode, null);
      session.kill();
      await exited(session);
    });

    it('drops established sessions when sshd is killed outright', async () => {
      const guest = await lab.addGuest({ authorized: true });
      const session = lab.spawnSsh(guest, 'echo started; sleep 30');
      await lineFrom(session, 'started');
      await guest.bounce({ gapMs: 200, dropSessions: true });
      const end = await exited(session);
      assert.equal(end.code, 255);
      assert.equal((await guest.exec(SESSION_COMMAND_IN_GUEST)).code, 1);
    });

    it('plays a double bounce: three host keys, ready only after the second', async () => {
      const guest = await lab.addGuest({ sshd: false });
      const run = lab.play(guest, timelines.doubleBounce({ firstAt: 200, secondAt: 700 }));
      const result = await run.finished;
      const keys = guest.hostKeyHistory();
      assert.equal(keys.length, 3);
      assert.equal(new Set(keys).size, 3);
      const bounces = result.records.filter((r) => r.bounce);
      assert.equal(bounces.length, 2);
      const secondUp = bounces[1]?.bounce?.upAt ?? Infinity;
      assert.ok(result.readyAt !== undefined && result.readyAt >= secondUp);
      assert.equal((await lab.keyscan(guest))?.fingerprint, keys[2]);
      assert.equal((await lab.ssh(guest, 'cloud-init status')).stdout.trim(), 'status: done');
    });

    it('changes the host key after the fact, for pinned-key tests', async () => {
      const guest = await lab.addGuest({ sshd: false });
      const result = await lab.play(guest, timelines.hostKeyChange(300)).finished;
      const change = result.records.find((r) => r.event.kind === 'changeHostKey');
      assert.ok(change?.bounce);
      // Ready before the change, and again only from the moment the new key was served.
      assert.equal(result.readyAt, change.bounce.upAt);
      const [pinned, current] = guest.hostKeyHistory();
      assert.notEqual(pinned, current);
      assert.equal((await lab.keyscan(guest))?.fingerprint, current);
    });
  });

  describe('the typical cloud boot timeline', () => {
    it('records when each event took effect and when the guest became ready', async () => {
      const guest = await lab.addGuest({ sshd: false });
      const run = lab.play(
        guest,
        timelines.cloudBoot({ authorizeAt: 200, bounceAt: 400, gapMs: 300, doneAt: 1000 }),
      );
      const result = await run.finished;
      assert.deepEqual(
        result.records.map((r) => r.event.kind),
        ['sshdUp', 'cloudInit', 'authorize', 'bounce', 'cloudInit'],
      );
      // A banner, an authorised key, even a bounced sshd: not ready until cloud-init is done.
      assert.deepEqual(
        result.records.map((r) => r.readyAfter),
        [false, false, false, false, true],
      );
      for (const record of result.records) {
        assert.ok(record.tookEffectAt >= record.scheduledAt - 1);
        assert.ok(record.tookEffectAt >= result.startedAt);
      }
      const done = result.records.at(-1);
      assert.equal(result.readyAt, done?.tookEffectAt, 'ready when cloud-init finished');
      assert.equal(guest.readySince, result.readyAt);
      const out = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(statusJson(out.stdout).status, 'done');
    });

    it('never becomes ready when cloud-init never finishes', async () => {
      const guest = await lab.addGuest({ sshd: false });
      const result = await lab.play(guest, timelines.cloudInitNeverFinishes()).finished;
      assert.equal(result.readyAt, undefined);
      const out = await lab.ssh(guest, 'cloud-init status --format json');
      assert.equal(statusJson(out.stdout).status, 'running');
    });
  });

  describe('guests that never boot', () => {
    it('refuses connections when nothing listens', async () => {
      const guest = await lab.addGuest({ sshd: false });
      await lab.play(guest, timelines.neverBoots('nothing')).finished;
      const seen = await lab.probe(guest, { connectTimeoutMs: 2000, bannerTimeoutMs: 1000 });
      assert.equal(seen.outcome, 'refused');
      const login = await lab.ssh(guest, 'true');
      assert.equal(login.code, 255);
      assert.match(login.stderr, /Connection refused/);
    });

    it('lets connections time out behind a blackhole (no reset)', async () => {
      const guest = await lab.addGuest({ authorized: true });
      await lab.play(guest, timelines.neverBoots('blackhole')).finished;
      const seen = await lab.probe(guest, { connectTimeoutMs: 1000, bannerTimeoutMs: 1000 });
      assert.equal(seen.outcome, 'timeout');
      const login = await lab.ssh(guest, 'true', { connectTimeoutSec: 1 });
      assert.equal(login.code, 255);
      assert.match(login.stderr, /timed out/);
      assert.equal(guest.readySince, undefined);
      await guest.blackhole(false);
      const back = await lab.probe(guest, { connectTimeoutMs: 2000, bannerTimeoutMs: 2000 });
      assert.equal(back.outcome, 'banner');
    });

    it('accepts TCP but never sends a banner from a tarpit', async () => {
      const guest = await lab.addGuest({ sshd: false });
      await lab.play(guest, timelines.neverBoots('tarpit')).finished;
      const seen = await lab.probe(guest, { connectTimeoutMs: 2000, bannerTimeoutMs: 2500 });
      assert.equal(seen.outcome, 'silent');
      assert.equal(await lab.keyscan(guest, 1), undefined);
    });
  });

  describe('many guests', () => {
    it('starts 20 guests at once, each reachable at its own address', async () => {
      const guests = await lab.addGuests(Array.from({ length: 20 }, () => ({ authorized: true })));
      const answers = await Promise.all(
        guests.map((g) => lab.ssh(g, 'ip -4 -o addr show dev eth0', { timeoutMs: 30_000 })),
      );
      answers.forEach((answer, i) => {
        assert.equal(answer.code, 0, answer.stderr);
        assert.ok(answer.stdout.includes(` ${guests[i]?.address ?? '?'}/24 `), answer.stdout);
      });
      assert.equal(new Set(guests.map((g) => g.address)).size, 20);
    });
  });

  describe('the guard', () => {
    it('refuses addresses and namespaces the lab did not create', async () => {
      await assert.rejects(lab.ssh({ address: '192.0.2.10', port: 22 }, 'true'), NotOwnedError);
      await assert.rejects(
        lab.probe(
          { address: lab.hostAddress, port: 22 },
          { connectTimeoutMs: 1, bannerTimeoutMs: 1 },
        ),
        NotOwnedError,
      );
      assert.throws(() => {
        lab.guard.assertNamespace('rcilab-ffff-1');
      }, NotOwnedError);
    });

    it('refuses a subnet that overlaps one already on the host', async () => {
      await assert.rejects(startLab({ subnet: lab.subnet.cidr }), SubnetInUseError);
    });
  });
});

describe('guest lab cleanup', () => {
  it('leaves no namespace, link, process or directory after close()', async () => {
    const lab = await startLab({ guests: [{ authorized: true }, { cloudInit: 'absent' }, {}] });
    const [first, , third] = lab.guests;
    assert.ok(first && third);
    await third.tarpit();
    const session = lab.spawnSsh(first, 'echo started; sleep 30');
    await lineFrom(session, 'started');
    const pids = lab.guests.map((g) => g.holderPid);
    assert.ok(remnants(lab.id, lab.dir, pids).length > 0, 'the lab left no trace to look for');
    await lab.close();
    assert.deepEqual(remnants(lab.id, lab.dir, pids), []);
    assert.equal((await exited(session)).code, 255);
  });

  it('cleans up when the owning process gets SIGTERM', async () => {
    const { child, state } = await holdLab(['2']);
    try {
      assert.equal(state.namespaces.length, 2);
      assert.ok(remnants(state.id, state.dir, state.holderPids).length > 0);
      const end = await endChild(child);
      assert.equal(end.signal, 'SIGTERM', 'the owner ended on SIGTERM, not the SIGKILL after it');
      assert.deepEqual(remnants(state.id, state.dir, state.holderPids), []);
    } finally {
      await endChild(child);
    }
  });

  it('sweeps a SIGKILLed lab when the next lab starts, and only that one', async () => {
    const bystander = await startLab({ guests: 1 });
    try {
      const { child, state } = await holdLab(['1']);
      child.kill('SIGKILL');
      await exited(child);
      assert.ok(remnants(state.id, state.dir, state.holderPids).length > 0, 'nothing was leaked');
      const messages: string[] = [];
      const next = await startLab({ log: (m) => messages.push(m) });
      try {
        assert.deepEqual(remnants(state.id, state.dir, state.holderPids), []);
        assert.ok(messages.some((m) => m.includes(`swept dead lab ${state.id}`)));
        // A lab whose owner lives is not touched.
        const alive = bystander.guests[0];
        assert.ok(alive);
        assert.equal(
          (await bystander.probe(alive, { connectTimeoutMs: 2000, bannerTimeoutMs: 2000 })).outcome,
          'banner',
        );
      } finally {
        await next.close();
      }
    } finally {
      await bystander.close();
    }
  });

  it('tells a non-root user what it needs, before touching anything', async () => {
    const realGetuid = process.getuid;
    process.getuid = () => 1000;
    try {
      await assert.rejects(startLab(), (error: unknown) => {
        assert.ok(error instanceof LabUnavailableError);
        assert.match(error.message, /the guest lab needs root/);
        assert.match(error.message, /test\/lab\/setup\.sh/);
        return true;
      });
    } finally {
      process.getuid = realGetuid;
    }
  });
});
