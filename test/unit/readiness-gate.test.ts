/**
 * The readiness gate's decisions, driven by a fake SSH connector and a fake clock
 * (test/support/fake-ssh.ts): bounces, host key changes, refusal storms and every cloud-init
 * verdict, without root, network or real time. The guest lab (test/integration/readiness.test.ts)
 * checks the same gate against real sshd and cloud-init.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../src/shared/errors.ts';
import { runGate, type GateSettings, type HostOutcome } from '../../src/readiness/gate.ts';
import type { HostTarget } from '../../src/readiness/hosts.ts';
import { FakeHost, phases, type FakeCloudInit, type World } from '../support/fake-ssh.ts';

const BASE: GateSettings = {
  timeoutMs: 20_000,
  connectTimeoutMs: 2000,
  intervalMs: 250,
  settle: 2,
  cloudInit: 'wait',
  cloudInitAllow: new Set(['done']),
};

const TARGET: HostTarget = { user: 'root', host: '192.0.2.10', port: 22, spec: '192.0.2.10' };

async function gate(
  world: World,
  settings: Partial<GateSettings> = {},
): Promise<{ outcome: HostOutcome; host: FakeHost }> {
  const host = new FakeHost(world);
  const [outcome] = await runGate(
    [TARGET],
    { ...BASE, ...settings },
    host.deps(),
    new AbortController().signal,
  );
  assert.ok(outcome);
  return { outcome, host };
}

const events = (outcome: HostOutcome): string[] =>
  outcome.timeline.map((e) => `${e.stage}: ${e.event}`);

/** Connections made after cloud-init was seen terminal: the settle ones. */
function settleConnects(host: FakeHost, outcome: HostOutcome): typeof host.connects {
  const settleStart = outcome.timeline.find((e) => e.stage === 'settle')?.atMs ?? Infinity;
  return host.connects.filter((c) => c.atMs >= settleStart);
}

describe('readiness gate with a fake host', () => {
  it('survives a bounce mid-look: cut, refused for a while, back with key B → ready, pins B', async () => {
    const { outcome, host } = await gate(
      phases([
        { at: 0, ssh: 'up', hostKey: 'SHA256:key-A', cloudInit: 'running' },
        // sshd stops while the look loops on the host (cloud-init restarting it).
        { at: 3000, ssh: 'refused' },
        { at: 6000, ssh: 'up', hostKey: 'SHA256:key-B', cloudInit: 'done' },
      ]),
    );
    assert.equal(outcome.ready, true, outcome.reason);
    assert.equal(outcome.reason, 'cloud-init done');
    assert.equal(outcome.hostKey, 'SHA256:key-B');
    assert.equal(outcome.hostKeyText, 'ssh-ed25519 SHA256:key-B');
    assert.equal(outcome.sawCloudInitFinish, true);
    const log = events(outcome);
    assert.ok(
      log.includes('cloud-init: look cut: the session ended during the cloud-init look'),
      log.join('\n'),
    );
    assert.ok(log.includes('cloud-init: connection refused'), log.join('\n'));
    // Refused the whole outage, then a reconnect in the new sshd that finds cloud-init done.
    const refused = host.connects.filter((c) => c.result === 'refused');
    assert.ok(refused.length >= 5, String(refused.length));
    assert.ok(refused.every((c) => c.atMs >= 3000 && c.atMs < 6000));
    // Never before the host truly was ready, and soon after it.
    assert.ok(outcome.elapsedMs >= 6000 && outcome.elapsedMs < 8000, String(outcome.elapsedMs));
    // The settle connections are fresh ones to the new sshd, and enough of them.
    const settled = settleConnects(host, outcome);
    assert.equal(settled.length, 2);
    assert.ok(settled.every((c) => c.hostKey === 'SHA256:key-B'));
  });

  it('a host key change while settling starts settling again and pins the new key', async () => {
    let doneAtConnect: number | undefined;
    const base = phases([{ at: 0, ssh: 'up', hostKey: 'SHA256:key-A', cloudInit: 'done' }]);
    // The first settle connection sees key A, every later one key B.
    const world: World = (elapsed, connectNo) => {
      const state = base(elapsed, connectNo);
      doneAtConnect ??= connectNo;
      const settleNo = connectNo - doneAtConnect - 1;
      return settleNo >= 1 ? { ...state, hostKey: 'SHA256:key-B' } : state;
    };
    const { outcome, host } = await gate(world);
    assert.equal(outcome.ready, true, outcome.reason);
    assert.equal(outcome.hostKey, 'SHA256:key-B');
    assert.ok(
      events(outcome).includes('settle: host key changed to SHA256:key-B; settling again'),
      events(outcome).join('\n'),
    );
    // A, then B twice in a row: the change reset the count.
    assert.deepEqual(
      settleConnects(host, outcome).map((c) => c.hostKey),
      ['SHA256:key-A', 'SHA256:key-B', 'SHA256:key-B'],
    );
  });

  it('a host key that keeps changing while settling never reports ready', async () => {
    const base = phases([{ at: 0, ssh: 'up', cloudInit: 'done' }]);
    const world: World = (elapsed, connectNo) => ({
      ...base(elapsed, connectNo),
      hostKey: `SHA256:key-${String(connectNo)}`,
    });
    const { outcome, host } = await gate(world, { timeoutMs: 5000 });
    assert.equal(outcome.ready, false);
    assert.equal(outcome.stage, 'settle');
    assert.equal(outcome.reason, 'timed out in stage settle');
    assert.ok(settleConnects(host, outcome).length > 5);
  });

  it('a refusal storm until the deadline: not ready in stage connect, retried at the first delay', async () => {
    const { outcome, host } = await gate(phases([{ at: 0, ssh: 'refused' }]), {
      timeoutMs: 10_000,
    });
    assert.equal(outcome.ready, false);
    assert.equal(outcome.stage, 'connect');
    assert.equal(outcome.reason, 'timed out in stage connect; last error: connection refused');
    assert.equal(outcome.lastError, 'connection refused');
    assert.equal(outcome.hostKey, undefined);
    // Every retry after a refusal waits the first delay, without growth and never past the
    // deadline: about one attempt per interval (+ the 10 ms a fake connect takes).
    const sleeps = host.sleeps.map((s) => s.ms);
    assert.ok(
      sleeps.slice(0, -1).every((ms) => ms === 250),
      sleeps.join(' '),
    );
    assert.ok((sleeps.at(-1) ?? 0) <= 250);
    assert.equal(host.connects.length, Math.ceil(10_000 / 260));
    assert.ok(outcome.elapsedMs >= 10_000 && outcome.elapsedMs < 10_100, String(outcome.elapsedMs));
    // The timeline keeps the repeated refusal once.
    assert.equal(events(outcome).filter((e) => e === 'connect: connection refused').length, 1);
  });

  it('other connect failures back off with growth up to the cap, and jitter shortens them', async () => {
    const { host } = await gate(phases([{ at: 0, ssh: 'no-banner' }]), { timeoutMs: 5000 });
    assert.deepEqual(
      host.sleeps.slice(0, 6).map((s) => s.ms),
      [250, 375, 563, 844, 1000, 1000],
    );
    const jittered = new FakeHost(phases([{ at: 0, ssh: 'handshake' }]));
    jittered.randomValue = 0.5;
    await runGate(
      [TARGET],
      { ...BASE, timeoutMs: 3000 },
      jittered.deps(),
      new AbortController().signal,
    );
    assert.deepEqual(
      jittered.sleeps.slice(0, 3).map((s) => s.ms),
      [188, 281, 422],
    );
  });

  it('a session resets the backoff: the next outage starts again at the first delay', async () => {
    const { outcome, host } = await gate(
      phases([
        { at: 0, ssh: 'timeout', cloudInit: 'not-started' },
        { at: 2000, ssh: 'up', cloudInit: 'running' },
        { at: 3000, ssh: 'no-banner' },
        { at: 5000, ssh: 'up', cloudInit: 'done' },
      ]),
    );
    assert.equal(outcome.ready, true, outcome.reason);
    assert.ok(outcome.elapsedMs >= 5000 && outcome.elapsedMs < 6500, String(outcome.elapsedMs));
    const firstOutage = host.sleeps.filter((s) => s.atMs < 2000).map((s) => s.ms);
    assert.deepEqual(firstOutage.slice(0, 3), [250, 375, 563]);
    const secondOutage = host.sleeps.filter((s) => s.atMs >= 3000 && s.atMs < 5000);
    assert.deepEqual(
      secondOutage.slice(0, 3).map((s) => s.ms),
      [250, 375, 563],
    );
  });

  for (const failure of ['refused', 'cut after authenticating'] as const) {
    it(`a settle connection that fails (${failure}) starts settling again`, async () => {
      let doneAtConnect: number | undefined;
      const base = phases([{ at: 0, ssh: 'up', cloudInit: 'done' }]);
      // The second settle connection fails; the rest succeed.
      const world: World = (elapsed, connectNo) => {
        const state = base(elapsed, connectNo);
        doneAtConnect ??= connectNo;
        if (connectNo - doneAtConnect - 1 !== 1) return state;
        return failure === 'refused'
          ? { ...state, ssh: 'refused' }
          : { ...state, dropOnExec: true };
      };
      const { outcome, host } = await gate(world);
      assert.equal(outcome.ready, true, outcome.reason);
      // ok, the failure, then two in a row.
      assert.deepEqual(
        settleConnects(host, outcome).map((c) => c.result),
        ['up', failure === 'refused' ? 'refused' : 'up', 'up', 'up'],
      );
      if (failure !== 'refused') {
        assert.ok(
          events(outcome).includes(
            'settle: session failed: the connection closed before the command ran',
          ),
          events(outcome).join('\n'),
        );
      }
    });
  }

  for (const stage of ['connect', 'settle'] as const) {
    it(`cancellation in stage ${stage} rejects with the cancelling reason, not a verdict`, async () => {
      const controller = new AbortController();
      const reason = new CancelledError('SIGTERM');
      const base = phases([
        { at: 0, ssh: stage === 'connect' ? 'refused' : 'up', cloudInit: 'done' },
      ]);
      const world: World = (elapsed, connectNo) => {
        // The third connection is cancelled under the gate.
        if (connectNo === 2) controller.abort(reason);
        return base(elapsed, connectNo);
      };
      const host = new FakeHost(world);
      await assert.rejects(
        runGate([TARGET], { ...BASE, settle: 5 }, host.deps(), controller.signal),
        (error) => error === reason,
      );
      assert.equal(host.connects.length, 3);
    });
  }

  describe('cloud-init verdicts', () => {
    const verdict = (cloudInit: FakeCloudInit, settings: Partial<GateSettings> = {}) =>
      gate(phases([{ at: 0, ssh: 'up', cloudInit }]), settings);

    it('done: ready after settling', async () => {
      const { outcome, host } = await verdict('done');
      assert.equal(outcome.ready, true, outcome.reason);
      assert.equal(outcome.stage, 'ready');
      assert.equal(outcome.reason, 'cloud-init done');
      assert.equal(outcome.cloudInit?.state, 'done');
      assert.equal(outcome.sawCloudInitFinish, true);
      assert.deepEqual(outcome.warnings, []);
      // Decided by the look alone: no Python.
      assert.equal(host.execs.filter((e) => e.kind === 'full').length, 0);
      assert.equal(host.execs.filter((e) => e.kind === 'true').length, 2);
    });

    it("error: not ready, with cloud-init's own errors, and no settling", async () => {
      const { outcome, host } = await verdict('error');
      assert.equal(outcome.ready, false);
      assert.equal(outcome.stage, 'cloud-init');
      assert.equal(outcome.reason, 'cloud-init failed: boom');
      assert.equal(outcome.sawCloudInitFinish, true);
      assert.equal(host.execs.filter((e) => e.kind === 'true').length, 0);
    });

    it('degraded: refused unless cloud-init-allow accepts it, then ready with a warning', async () => {
      const strict = await verdict('degraded');
      assert.equal(strict.outcome.ready, false);
      assert.equal(
        strict.outcome.reason,
        'cloud-init finished degraded, which cloud-init-allow does not accept: WARNING: a deprecated key',
      );
      const lenient = await verdict('degraded', { cloudInitAllow: new Set(['done', 'degraded']) });
      assert.equal(lenient.outcome.ready, true, lenient.outcome.reason);
      assert.equal(lenient.outcome.reason, 'cloud-init degraded');
      assert.deepEqual(lenient.outcome.warnings, [
        'cloud-init finished degraded: WARNING: a deprecated key',
      ]);
    });

    for (const [state, words] of [
      ['disabled', 'disabled'],
      ['absent', 'not installed'],
    ] as const) {
      it(`${state}: ready with a warning under wait, not ready under require`, async () => {
        const waited = await verdict(state);
        assert.equal(waited.outcome.ready, true, waited.outcome.reason);
        assert.equal(waited.outcome.reason, 'ready');
        assert.equal(waited.outcome.sawCloudInitFinish, false);
        assert.deepEqual(waited.outcome.warnings, [`cloud-init is ${words}; nothing to wait for`]);
        // Still settled on fresh connections.
        assert.equal(waited.host.execs.filter((e) => e.kind === 'true').length, 2);

        const required = await verdict(state, { cloudInit: 'require' });
        assert.equal(required.outcome.ready, false);
        assert.equal(required.outcome.stage, 'cloud-init');
        assert.equal(required.outcome.reason, `cloud-init is required but ${words}`);
        assert.equal(required.host.execs.filter((e) => e.kind === 'true').length, 0);
      });
    }

    it('skip: no look at cloud-init at all, ready with a warning', async () => {
      const { outcome, host } = await verdict('running', { cloudInit: 'skip' });
      assert.equal(outcome.ready, true, outcome.reason);
      assert.equal(outcome.reason, 'ready');
      assert.deepEqual(outcome.warnings, ['cloud-init was not checked (cloud-init: skip)']);
      assert.deepEqual(
        host.execs.map((e) => e.kind),
        ['true', 'true'],
      );
    });

    for (const state of ['running', 'not-started'] as const) {
      it(`${state} at the deadline: not ready, timed out in stage cloud-init`, async () => {
        const { outcome, host } = await verdict(state, { timeoutMs: 12_000 });
        assert.equal(outcome.ready, false);
        assert.equal(outcome.stage, 'cloud-init');
        assert.equal(outcome.reason, `timed out in stage cloud-init (cloud-init still ${state})`);
        assert.equal(outcome.sawCloudInitFinish, false);
        assert.ok(
          outcome.elapsedMs >= 12_000 && outcome.elapsedMs < 12_500,
          String(outcome.elapsedMs),
        );
        assert.equal(host.execs.filter((e) => e.kind === 'true').length, 0);
        // `cloud-init status` ran on its period, not on every look: every 5 s while the look
        // sees no status file, every 30 s (not at all in 12 s) once it has seen one.
        const full = host.execs.filter((e) => e.kind === 'full').length;
        if (state === 'running') assert.equal(full, 0);
        else assert.ok(full >= 1 && full <= 3, String(full));
      });
    }

    it('not started, then running, then done: waits through "not run" and passes', async () => {
      const { outcome } = await gate(
        phases([
          { at: 0, ssh: 'up', cloudInit: 'not-started' },
          { at: 1500, cloudInit: 'running' },
          { at: 7000, cloudInit: 'done' },
        ]),
      );
      assert.equal(outcome.ready, true, outcome.reason);
      assert.ok(outcome.elapsedMs >= 7000, String(outcome.elapsedMs));
    });
  });
});
