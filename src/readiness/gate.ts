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
 *
 * Each stage is its own function over one GateContext (gate-context.ts: the budget, the outcome
 * being filled in, the connect stage): awaitCloudInit (1–2, gate-cloud-init.ts), then settle
 * and judge (3–4, gate-settle.ts).
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { SshSession, SshTarget } from '../ssh/session.ts';
import type { CloudInitObservation } from './cloud-init-status.ts';
import { awaitCloudInit } from './gate-cloud-init.ts';
import { gateContext } from './gate-context.ts';
import { judge, settle } from './gate-settle.ts';
import type { HostTarget } from './hosts.ts';
import type { Stage, TimelineEvent } from '../shared/timeline.ts';

export {
  CLOUD_INIT_PROBE,
  FULL_PROBE_PERIOD_MS,
  FULL_PROBE_PERIOD_SEEN_MS,
  parseCloudInitProbe,
} from './gate-cloud-init.ts';

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

/** One host through the stages in order: connect and watch cloud-init, settle, judge. */
async function gateHost(
  target: HostTarget,
  settings: GateSettings,
  deps: GateDeps,
  signal: AbortSignal,
  start: number,
): Promise<HostOutcome> {
  const ctx = gateContext(target, settings, deps, signal, start);
  const ended = await awaitCloudInit(ctx);
  if (ended) return ended;
  if (settings.cloudInit === 'skip') {
    ctx.outcome.warnings.push('cloud-init was not checked (cloud-init: skip)');
  }
  return judge(ctx, await settle(ctx));
}
