/**
 * The readiness gate for one host, and for many at once. The order is what closes the window
 * a banner-only wait leaves open:
 *
 *   1. an authenticated SSH session (refusals, resets, handshake failures and publickey
 *      denials are all "not yet", retried with backoff until the budget ends);
 *   2. cloud-init watched over that session by a cheap look that loops on the host (one exec
 *      channel per few seconds, no Python), with `cloud-init status` itself when the look cannot
 *      decide and every FULL_PROBE_PERIOD_MS (FULL_PROBE_PERIOD_SEEN_MS once the look has seen
 *      cloud-init's status file) — when sshd's restart cuts the session, that costs
 *      one reconnect, not the gate; "not run" is not "done";
 *   3. settle: only after cloud-init is terminal, fresh connections (new TCP, new handshake,
 *      new authentication) must succeed back to back, so the gate never passes on a session
 *      that survived the restart of an sshd that is now gone; a host key that changes while
 *      settling starts settling again;
 *   4. the key seen by the last settle connection is the one pinned.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import { CancelledError } from '../errors.ts';
import { SshFailure, classifySshError } from '../ssh/failure.ts';
import type { SshSession, SshTarget } from '../ssh/session.ts';
import { backoffDelay } from './backoff.ts';
import { cloudInitLookCommand, parseCloudInitLook } from './cloud-init-look.ts';
import { interpretCloudInitStatus, type CloudInitObservation } from './cloud-init-status.ts';
import type { HostTarget } from './hosts.ts';
import { Timeline, type Stage, type TimelineEvent } from './timeline.ts';

export type CloudInitMode = 'wait' | 'require' | 'skip';

export interface GateSettings {
  timeoutMs: number;
  connectTimeoutMs: number;
  /** First retry delay, and the cadence of cloud-init polls and settle connections. */
  intervalMs: number;
  /** Fresh authenticated connections that must succeed in a row after cloud-init finished. */
  settle: number;
  cloudInit: CloudInitMode;
  /** Terminal states that count as ready: `done`, and `degraded` if the user allows it. */
  cloudInitAllow: ReadonlySet<'done' | 'degraded'>;
}

export interface GateDeps {
  connect(
    target: SshTarget,
    options: { timeoutMs: number; signal: AbortSignal; acceptHostKey?: (fp: string) => boolean },
  ): Promise<SshSession>;
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
}

export interface HostOutcome {
  target: HostTarget;
  ready: boolean;
  /** The stage reached: where it failed, or `ready`. */
  stage: Stage;
  reason: string;
  lastError: string | undefined;
  hostKey: string | undefined;
  hostKeyText: string | undefined;
  cloudInit: CloudInitObservation | undefined;
  /** Whether the gate itself saw cloud-init reach a terminal state. */
  sawCloudInitFinish: boolean;
  warnings: string[];
  elapsedMs: number;
  timeline: TimelineEvent[];
}

/**
 * One round trip: cloud-init's JSON status and its exit code, and whether the final stage left
 * its marker (the fallback for versions whose `status` cannot print JSON).
 */
export const CLOUD_INIT_PROBE =
  'cloud-init status --format json 2>&1; echo "__rc=$?"; ' +
  'if [ -e /var/lib/cloud/instance/boot-finished ]; then echo __boot_finished; fi';

/**
 * `cloud-init status` (Python) runs at least this often even while the cheap look (see
 * cloud-init-look.ts) keeps answering, so that a machine keeping its markers elsewhere, or a
 * cloud-init too old for `--format json` (the boot-finished fallback), still gets its answer.
 */
export const FULL_PROBE_PERIOD_MS = 5000;

/**
 * Once the look has seen cloud-init's own status.json in /run/cloud-init, cloud-init keeps its
 * markers where the look reads them and its finish will show there as result.json: the full
 * probe is then only a safety net, and on a loaded host every Python start counts.
 */
export const FULL_PROBE_PERIOD_SEEN_MS = 30_000;

/** When the look keeps deferring to `cloud-init status`, at most one Python start this often. */
const MIN_FULL_PROBE_GAP_MS = 1000;

/**
 * The budget of one remote command. `cloud-init status` starts Python, which takes seconds on a
 * busy 1-vCPU machine mid-boot: cutting it at the connect timeout would turn slowness into a
 * reconnect loop.
 */
const MIN_COMMAND_BUDGET_MS = 15_000;

export function parseCloudInitProbe(output: string): CloudInitObservation {
  const rc = /__rc=(\d+)/.exec(output);
  const code = rc ? Number(rc[1]) : null;
  const body = output.replace(/__rc=\d+[\s\S]*$/, '');
  const observation = interpretCloudInitStatus(code, body);
  if (observation.state === 'unknown' && output.includes('__boot_finished')) {
    return { state: 'done', errors: [], detail: 'boot-finished marker present' };
  }
  return observation;
}

/**
 * Gate every host at once. `start` (on the deps.now() clock) is when the budget began, so that
 * later stages (HTTP checks) share one `timeout` with this one.
 */
export async function runGate(
  hosts: HostTarget[],
  settings: GateSettings,
  deps: GateDeps,
  signal: AbortSignal,
  start = deps.now(),
): Promise<HostOutcome[]> {
  // Every host listens to the one cancellation signal while it connects and sleeps.
  // Raised, never lowered: several gates may share one signal.
  setMaxListeners(Math.max(getMaxListeners(signal), 10, hosts.length * 4), signal);
  return Promise.all(hosts.map((host) => gateHost(host, settings, deps, signal, start)));
}

async function gateHost(
  target: HostTarget,
  settings: GateSettings,
  deps: GateDeps,
  signal: AbortSignal,
  start: number,
): Promise<HostOutcome> {
  const deadline = start + settings.timeoutMs;
  const timeline = new Timeline(() => deps.now() - start);
  const remaining = (): number => deadline - deps.now();
  const commandBudget = (): number =>
    Math.max(1, Math.min(Math.max(settings.connectTimeoutMs, MIN_COMMAND_BUDGET_MS), remaining()));
  const policy = {
    firstMs: settings.intervalMs,
    capMs: Math.max(settings.intervalMs, 1000),
    jitter: 0.5,
  };
  const outcome: HostOutcome = {
    target,
    ready: false,
    stage: 'connect',
    reason: '',
    lastError: undefined,
    hostKey: undefined,
    hostKeyText: undefined,
    cloudInit: undefined,
    sawCloudInitFinish: false,
    warnings: [],
    elapsedMs: 0,
    timeline: timeline.events,
  };
  let failures = 0;

  const finish = (ready: boolean, reason: string): HostOutcome => {
    outcome.ready = ready;
    outcome.reason = reason;
    outcome.elapsedMs = deps.now() - start;
    if (ready) outcome.stage = 'ready';
    timeline.add(outcome.stage, ready ? 'ready' : `failed: ${reason}`);
    return outcome;
  };
  const pause = async (ms: number): Promise<void> => {
    await deps.sleep(Math.max(0, Math.min(ms, remaining())), signal);
  };

  /** A fresh authenticated session, or undefined after recording why not and backing off. */
  const connect = async (): Promise<SshSession | undefined> => {
    try {
      const session = await deps.connect(target, {
        timeoutMs: Math.max(1, Math.min(settings.connectTimeoutMs, remaining())),
        signal,
      });
      failures = 0;
      timeline.add(outcome.stage, `authenticated (host key ${session.hostKey})`);
      return session;
    } catch (error) {
      const failure = classifySshError(error);
      if (failure.kind === 'aborted' || signal.aborted) throw cancelled(signal);
      outcome.lastError = failure.message;
      timeline.add(outcome.stage, failure.message);
      // A refusal is the host saying "not yet" at once and cheaply — typically sshd between
      // cloud-init's stop and start — so it is retried at the first delay, without growth:
      // backing off there is what makes a gate notice the restarted sshd late.
      const attempt = failure.kind === 'refused' ? 0 : failures++;
      await pause(backoffDelay(policy, attempt, () => deps.random()));
      return undefined;
    }
  };

  let session: SshSession | undefined;
  /** The first look or the last full probe: `cloud-init status` is next due a period later. */
  let periodStart: number | undefined;
  let lastFullAt = Number.NEGATIVE_INFINITY;
  let looked = false;
  let sawStatusFile = false;
  const fullDueAt = (start: number): number =>
    start + (sawStatusFile ? FULL_PROBE_PERIOD_SEEN_MS : FULL_PROBE_PERIOD_MS);

  /** `cloud-init status --format json`, cloud-init's own answer. */
  const fullProbe = async (open: SshSession): Promise<CloudInitObservation> => {
    const result = await open.exec(CLOUD_INIT_PROBE, commandBudget());
    lastFullAt = deps.now();
    periodStart = lastFullAt;
    return parseCloudInitProbe(result.stdout + result.stderr);
  };

  /**
   * One round of watching cloud-init: the look, looping on the host until it decides or the next
   * full probe is due; `cloud-init status` when that is due or the look cannot decide. Undefined
   * when the session was cut under the look; `full` says whether Python ran.
   */
  const watchCloudInit = async (
    open: SshSession,
  ): Promise<{ observation: CloudInitObservation; full: boolean } | undefined> => {
    const begun = deps.now();
    periodStart ??= begun;
    const due = fullDueAt(periodStart);
    if (begun >= due) return { observation: await fullProbe(open), full: true };
    // The first look answers at once, so there is a state to report however soon the budget
    // ends; later ones loop until the full probe is due, ending an interval before the budget.
    const span = Math.min(due - begun, remaining() - settings.intervalMs);
    const looks = looked ? Math.max(1, Math.ceil(span / settings.intervalMs)) : 1;
    looked = true;
    const result = await open.exec(
      cloudInitLookCommand(looks, settings.intervalMs),
      Math.min(remaining(), looks * settings.intervalMs + commandBudget()),
    );
    const look = parseCloudInitLook(result.code, result.stdout);
    if (look.kind === 'cut') return undefined;
    if (look.kind === 'seen') {
      if (look.observation.state === 'running') sawStatusFile = true;
      // A host whose `sleep` returned at once would make the loop spin: keep the cadence here.
      if (look.pending && deps.now() - begun < (looks * settings.intervalMs) / 2) {
        await pause(settings.intervalMs);
      }
      return { observation: look.observation, full: false };
    }
    timeline.add('cloud-init', `look deferred to cloud-init status: ${look.detail}`);
    await pause(lastFullAt + MIN_FULL_PROBE_GAP_MS - deps.now());
    return { observation: await fullProbe(open), full: true };
  };

  try {
    // Stages 1–3: an authenticated session, then cloud-init to a terminal state.
    while (remaining() > 0 && !signal.aborted) {
      session = session?.isOpen ? session : await connect();
      if (!session) continue;
      if (settings.cloudInit === 'skip') break;
      outcome.stage = 'cloud-init';
      const open = session;
      let observation: CloudInitObservation;
      let full: boolean;
      try {
        const watched = await watchCloudInit(open);
        if (watched === undefined) {
          outcome.lastError = 'the session ended during the cloud-init look';
          timeline.add('cloud-init', `look cut: ${outcome.lastError}`);
          open.close();
          session = undefined;
          continue;
        }
        ({ observation, full } = watched);
      } catch (error) {
        outcome.lastError = classifySshError(error).message;
        timeline.add('cloud-init', `status poll cut: ${outcome.lastError}`);
        open.close();
        session = undefined;
        continue;
      }
      outcome.cloudInit = observation;
      timeline.add('cloud-init', observation.state);
      const state = observation.state;
      if (state === 'absent' || state === 'disabled') {
        if (settings.cloudInit === 'require') {
          return finish(
            false,
            `cloud-init is required but ${state === 'absent' ? 'not installed' : 'disabled'}`,
          );
        }
        outcome.warnings.push(
          `cloud-init is ${state === 'absent' ? 'not installed' : 'disabled'}; nothing to wait for`,
        );
        break;
      }
      if (state === 'error') {
        outcome.sawCloudInitFinish = true;
        return finish(
          false,
          `cloud-init failed: ${observation.errors.join('; ') || observation.detail}`,
        );
      }
      if (state === 'done' || state === 'degraded') {
        outcome.sawCloudInitFinish = true;
        if (!settings.cloudInitAllow.has(state)) {
          return finish(
            false,
            `cloud-init finished ${state}, which cloud-init-allow does not accept: ${observation.errors.join('; ')}`,
          );
        }
        if (state === 'degraded') {
          outcome.warnings.push(`cloud-init finished degraded: ${observation.errors.join('; ')}`);
        }
        break;
      }
      // The look waited on the host already; after `cloud-init status`, wait here.
      if (full) await pause(settings.intervalMs);
    }
    if (
      !outcome.sawCloudInitFinish &&
      settings.cloudInit !== 'skip' &&
      outcome.warnings.length === 0
    ) {
      return finish(false, timedOutReason(outcome));
    }
    if (settings.cloudInit === 'skip')
      outcome.warnings.push('cloud-init was not checked (cloud-init: skip)');
    session?.close();
    session = undefined;

    // Stage 4: settle on fresh connections, then pin the key they agree on.
    outcome.stage = 'settle';
    let inARow = 0;
    let lastStart = 0;
    let key: string | undefined;
    while (inARow < settings.settle && remaining() > 0 && !signal.aborted) {
      // One interval from the start of one settle connection to the start of the next.
      if (inARow > 0) await pause(settings.intervalMs - (deps.now() - lastStart));
      lastStart = deps.now();
      const fresh = await connect();
      if (!fresh) {
        inARow = 0;
        continue;
      }
      try {
        await fresh.exec('true', commandBudget());
      } catch (error) {
        outcome.lastError = classifySshError(error).message;
        timeline.add('settle', `session failed: ${outcome.lastError}`);
        inARow = 0;
        continue;
      } finally {
        fresh.close();
      }
      if (key !== undefined && fresh.hostKey !== key) {
        timeline.add('settle', `host key changed to ${fresh.hostKey}; settling again`);
        inARow = 0;
      }
      key = fresh.hostKey;
      outcome.hostKey = fresh.hostKey;
      outcome.hostKeyText = fresh.hostKeyText;
      inARow++;
    }
    if (signal.aborted) throw cancelled(signal);
    if (inARow < settings.settle) return finish(false, timedOutReason(outcome));
    return finish(
      true,
      outcome.sawCloudInitFinish ? `cloud-init ${outcome.cloudInit?.state ?? ''}` : 'ready',
    );
  } finally {
    session?.close();
  }
}

function timedOutReason(outcome: HostOutcome): string {
  const last = outcome.lastError ? `; last error: ${outcome.lastError}` : '';
  const ci =
    outcome.stage === 'cloud-init' && outcome.cloudInit
      ? ` (cloud-init still ${outcome.cloudInit.state})`
      : '';
  return `timed out in stage ${outcome.stage}${ci}${last}`;
}

function cancelled(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  return reason instanceof CancelledError ? reason : new SshFailure('aborted', 'cancelled');
}
