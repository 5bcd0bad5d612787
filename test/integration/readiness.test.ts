/**
 * The readiness gate against the guest lab: real sshd, the real cloud-init CLI, real bounces.
 * Each test plays a scenario on fresh guests and checks what the gate concluded against what
 * truly happened (the scenario's readyAt, the guest's host-key history). Needs root.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  FULL_PROBE_PERIOD_MS,
  runGate,
  type GateDeps,
  type GateSettings,
  type HostOutcome,
} from '../../src/readiness/gate.ts';
import { realGateDeps } from '../../src/readiness/gate-deps.ts';
import type { HostTarget } from '../../src/readiness/hosts.ts';
import { writeResultFiles } from '../../src/readiness/results.ts';
import { openSshSession } from '../../src/ssh/session.ts';
import type { Guest, Lab, ScenarioEvent, GuestOptions } from '../lab/index.ts';
import { startLab, timelines } from '../lab/index.ts';
import { tempDir } from '../support/temp-dir.ts';

const run = promisify(execFile);

let lab: Lab;
let key: string;
before(async () => {
  lab = await startLab();
  key = readFileSync(lab.clientKey.privateKeyPath, 'utf8');
});
after(async () => {
  await lab.close();
});

const BASE: GateSettings = {
  timeoutMs: 20_000,
  connectTimeoutMs: 2000,
  intervalMs: 250,
  settle: 2,
  cloudInit: 'wait',
  cloudInitAllow: new Set(['done']),
};

const deps = (): GateDeps => realGateDeps(key);

function target(guest: Guest): HostTarget {
  return { user: 'root', host: guest.address, port: guest.port, spec: guest.address };
}

/** Play `events` on a fresh guest and gate it; returns the outcome and the truth. */
async function gate(
  events: readonly ScenarioEvent[],
  settings: Partial<GateSettings> = {},
  options: GuestOptions = { sshd: false },
): Promise<{ outcome: HostOutcome; guest: Guest; readyAt: number | undefined; doneAt: number }> {
  const guest = await lab.addGuest(options);
  const scenario = lab.play(guest, events);
  const [outcome] = await runGate(
    [target(guest)],
    { ...BASE, ...settings },
    deps(),
    new AbortController().signal,
  );
  const doneAt = Date.now();
  scenario.stop();
  assert.ok(outcome);
  return { outcome, guest, readyAt: scenario.readyAt, doneAt };
}

describe('readiness gate in the guest lab', () => {
  it('the bounce: passes only after cloud-init is done, and pins key B (sessions dropped)', async () => {
    const { outcome, guest, readyAt, doneAt } = await gate(
      timelines.cloudBoot({ dropSessions: true }),
    );
    assert.equal(outcome.ready, true, outcome.reason);
    assert.ok(readyAt !== undefined && doneAt >= readyAt, 'never before the host truly was ready');
    const history = guest.hostKeyHistory();
    assert.ok(history.length >= 2, 'the bounce changed the key');
    assert.equal(outcome.hostKey, guest.hostKeyFingerprint());
    assert.notEqual(outcome.hostKey, history[0]);
    assert.ok(
      outcome.timeline.some((e) => /publickey/.test(e.event)),
      'saw publickey denied first',
    );
    assert.equal(outcome.sawCloudInitFinish, true);
    assert.equal(
      outcome.cloudInit?.detail,
      'result.json written, status.json lists no errors',
      'a clean finish is read from the files, without starting cloud-init’s Python',
    );
  });

  it('the bounce with sessions kept: a surviving session does not fool the settle', async () => {
    const { outcome, guest, readyAt, doneAt } = await gate(
      timelines.cloudBoot({ dropSessions: false, doneAt: 900 }),
    );
    assert.equal(outcome.ready, true, outcome.reason);
    assert.ok(readyAt !== undefined && doneAt >= readyAt);
    assert.equal(outcome.hostKey, guest.hostKeyFingerprint());
  });

  it('a double bounce pins the last key', async () => {
    const { outcome, guest } = await gate(timelines.doubleBounce());
    assert.equal(outcome.ready, true, outcome.reason);
    assert.equal(outcome.hostKey, guest.hostKeyFingerprint());
    assert.ok(guest.hostKeyHistory().length >= 3);
  });

  it('cloud-init error fails with cloud-init’s own error lines', async () => {
    const { outcome } = await gate(
      timelines.cloudBoot({
        outcome: { status: 'error', errors: ["('scripts_user', RuntimeError('runcmd failed'))"] },
      }),
    );
    assert.equal(outcome.ready, false);
    assert.equal(outcome.stage, 'cloud-init');
    assert.match(outcome.reason, /cloud-init failed: .*runcmd failed/);
  });

  it('degraded fails unless allowed, and then passes with a warning', async () => {
    const events = timelines.cloudBoot({
      outcome: { status: 'degraded', warnings: ['no seed found'] },
    });
    const strict = await gate(events, {}, { sshd: false, cloudInit: 'trixie' });
    assert.equal(strict.outcome.ready, false);
    assert.match(
      strict.outcome.reason,
      /finished degraded, which cloud-init-allow does not accept/,
    );
    const lenient = await gate(
      events,
      { cloudInitAllow: new Set(['done', 'degraded']) },
      { sshd: false, cloudInit: 'trixie' },
    );
    assert.equal(lenient.outcome.ready, true, lenient.outcome.reason);
    assert.ok(lenient.outcome.warnings.some((w) => /degraded/.test(w)));
  });

  it('cloud-init that never finishes times out in its stage', async () => {
    const { outcome } = await gate(timelines.cloudInitNeverFinishes(), { timeoutMs: 2500 });
    assert.equal(outcome.ready, false);
    assert.match(outcome.reason, /timed out in stage cloud-init \(cloud-init still running\)/);
  });

  it('cloud-init absent: wait notes it, require fails', async () => {
    const events: ScenarioEvent[] = [
      { at: 0, kind: 'sshdUp' },
      { at: 0, kind: 'authorize' },
    ];
    const absent: GuestOptions = { sshd: false, cloudInit: 'absent' };
    const waited = await gate(events, {}, absent);
    assert.equal(waited.outcome.ready, true, waited.outcome.reason);
    assert.equal(waited.outcome.sawCloudInitFinish, false);
    assert.ok(waited.outcome.warnings.some((w) => /not installed/.test(w)));
    const required = await gate(events, { cloudInit: 'require' }, absent);
    assert.equal(required.outcome.ready, false);
    assert.match(required.outcome.reason, /cloud-init is required but not installed/);
  });

  it('cloud-init disabled: the cheap look says so; wait passes with a warning, require fails', async () => {
    const events: ScenarioEvent[] = [
      { at: 0, kind: 'cloudInit', phase: { status: 'disabled' } },
      { at: 0, kind: 'sshdUp' },
      { at: 0, kind: 'authorize' },
    ];
    for (const flavor of ['bookworm', 'trixie'] as const) {
      const options: GuestOptions = { sshd: false, cloudInit: flavor };
      const waited = await gate(events, {}, options);
      assert.equal(waited.outcome.ready, true, waited.outcome.reason);
      assert.equal(waited.outcome.sawCloudInitFinish, false);
      assert.ok(waited.outcome.warnings.some((w) => /cloud-init is disabled/.test(w)));
      // The look's words, not `cloud-init status`'s: no Python was needed to tell.
      assert.match(waited.outcome.cloudInit?.detail ?? '', /disabled by the cloud-init generator/);
      // …and the real CLI agrees.
      const cli = await waited.guest.exec('cloud-init status --format json');
      assert.match(cli.stdout, /"status": "disabled"/);
      const required = await gate(events, { cloudInit: 'require' }, options);
      assert.equal(required.outcome.ready, false);
      assert.match(required.outcome.reason, /cloud-init is required but disabled/);
    }
  });

  it('a clean boot is gated without starting cloud-init status more than once per period', async () => {
    const fullProbes: number[] = [];
    const counting: GateDeps = {
      ...deps(),
      connect: async (t, options) => {
        const session = await deps().connect(t, options);
        return {
          get hostKey() {
            return session.hostKey;
          },
          get hostKeyText() {
            return session.hostKeyText;
          },
          get isOpen() {
            return session.isOpen;
          },
          close: () => {
            session.close();
          },
          exec: (command, timeoutMs) => {
            if (command.startsWith('cloud-init status')) fullProbes.push(Date.now());
            return session.exec(command, timeoutMs);
          },
        };
      },
    };
    const guest = await lab.addGuest({ sshd: false });
    const scenario = lab.play(guest, timelines.cloudBoot());
    const [outcome] = await runGate([target(guest)], BASE, counting, new AbortController().signal);
    scenario.stop();
    assert.ok(outcome?.ready, outcome?.reason);
    assert.equal(outcome.cloudInit?.state, 'done');
    // Python only when a period ran out (FULL_PROBE_PERIOD_MS from the first look): none at all
    // on a boot that finished sooner.
    assert.ok(
      fullProbes.length <= Math.floor(outcome.elapsedMs / FULL_PROBE_PERIOD_MS),
      `${String(fullProbes.length)} cloud-init status runs in ${String(outcome.elapsedMs)} ms`,
    );
  });

  it('hosts that never boot fail with the reason: refused, timeout, no banner', async () => {
    const quick = { timeoutMs: 2500, connectTimeoutMs: 800 };
    const refused = await gate(timelines.neverBoots('nothing'), quick);
    assert.match(
      refused.outcome.reason,
      /timed out in stage connect; last error: connection refused/,
    );
    const blackhole = await gate(timelines.neverBoots('blackhole'), quick);
    assert.match(blackhole.outcome.reason, /last error: TCP connect timed out/);
    const tarpit = await gate(timelines.neverBoots('tarpit'), quick);
    assert.match(
      tarpit.outcome.reason,
      /last error: TCP connected but the server sent no SSH banner/,
    );
  });

  it('a key change after pinning is refused by ssh and by our own client', async () => {
    const { outcome, guest } = await gate(timelines.hostKeyChange(60_000));
    assert.equal(outcome.ready, true, outcome.reason);
    // RUNNER_TEMP as a runner gives it; without one the files would stay in the system temp dir.
    const files = writeResultFiles([outcome], [], { RUNNER_TEMP: tempDir('recipe-ci-runner-') });
    const pinnedSsh = (): Promise<unknown> =>
      run('ssh', [
        ...[
          '-i',
          lab.clientKey.privateKeyPath,
          '-o',
          'BatchMode=yes',
          '-o',
          'StrictHostKeyChecking=yes',
        ],
        ...[
          '-o',
          `UserKnownHostsFile=${files.knownHosts}`,
          '-o',
          'ConnectTimeout=3',
          `root@${guest.address}`,
          'true',
        ],
      ]);
    await pinnedSsh();
    await guest.changeHostKey();
    await assert.rejects(
      pinnedSsh(),
      /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/,
    );
    await assert.rejects(
      openSshSession({
        target: target(guest),
        privateKey: key,
        timeoutMs: 3000,
        acceptHostKey: (fp) => fp === outcome.hostKey,
      }),
      (error: unknown) => (error as { kind?: string }).kind === 'host-key-mismatch',
    );
  });

  it('24 hosts at once, each with its own bounce', async () => {
    const guests = await lab.addGuests(Array.from({ length: 24 }, () => ({ sshd: false })));
    const scenarios = guests.map((g, i) =>
      lab.play(
        g,
        timelines.cloudBoot({ bounceAt: 400 + (i % 6) * 100, doneAt: 1500 + (i % 4) * 200 }),
      ),
    );
    const outcomes = await runGate(guests.map(target), BASE, deps(), new AbortController().signal);
    const finished = Date.now();
    for (const s of scenarios) s.stop();
    for (const [i, o] of outcomes.entries()) {
      if (!o.ready) {
        const log = await guests[i]?.sshdLog();
        const events = o.timeline.map((e) => `+${String(e.atMs)} ${e.stage} ${e.event}`).join('\n');
        assert.fail(`${o.target.host}: ${o.reason}\n${events}\nsshd log:\n${log ?? ''}`);
      }
      assert.equal(o.hostKey, guests[i]?.hostKeyFingerprint());
      const readyAt = scenarios[i]?.readyAt;
      assert.ok(readyAt !== undefined && finished >= readyAt);
    }
  });
});
