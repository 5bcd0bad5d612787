/**
 * What the stages of one host's gate share (gate.ts runs them in order): the budget and its
 * clock, the outcome being filled in, the timeline, and the connect stage every other stage
 * opens its sessions through.
 */
import { CancelledError } from '../shared/errors.ts';
import { SshFailure, classifySshError } from '../ssh/failure.ts';
import type { SshSession } from '../ssh/session.ts';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.ts';
import type { GateDeps, GateSettings, HostOutcome } from './gate.ts';
import type { HostTarget } from './hosts.ts';
import { Timeline } from '../shared/timeline.ts';

/**
 * The budget of one remote command. `cloud-init status` starts Python, which takes seconds on a
 * busy 1-vCPU machine mid-boot: cutting it at the connect timeout would turn slowness into a
 * reconnect loop.
 */
const MIN_COMMAND_BUDGET_MS = 15_000;

export interface GateContext {
  readonly target: HostTarget;
  readonly settings: GateSettings;
  readonly deps: GateDeps;
  readonly signal: AbortSignal;
  /** When the budget began, on the deps.now() clock. */
  readonly start: number;
  readonly timeline: Timeline;
  readonly outcome: HostOutcome;
  readonly policy: BackoffPolicy;
  /** Failed connects in a row (refusals aside): the backoff attempt of the next one. */
  failures: number;
}

export function gateContext(
  target: HostTarget,
  settings: GateSettings,
  deps: GateDeps,
  signal: AbortSignal,
  start: number,
): GateContext {
  const timeline = new Timeline(() => deps.now() - start);
  return {
    target,
    settings,
    deps,
    signal,
    start,
    timeline,
    policy: {
      firstMs: settings.intervalMs,
      capMs: Math.max(settings.intervalMs, 1000),
      jitter: 0.5,
    },
    failures: 0,
    outcome: {
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
    },
  };
}

/** What is left of the budget. */
export function remaining(ctx: GateContext): number {
  return ctx.start + ctx.settings.timeoutMs - ctx.deps.now();
}

/** The budget of one remote command, never past the deadline. */
export function commandBudget(ctx: GateContext): number {
  const { connectTimeoutMs } = ctx.settings;
  return Math.max(1, Math.min(Math.max(connectTimeoutMs, MIN_COMMAND_BUDGET_MS), remaining(ctx)));
}

/** Sleep `ms`, but never past the deadline. */
export async function pause(ctx: GateContext, ms: number): Promise<void> {
  await ctx.deps.sleep(Math.max(0, Math.min(ms, remaining(ctx))), ctx.signal);
}

/** End the gate for this host: ready or not, and why. */
export function finish(ctx: GateContext, ready: boolean, reason: string): HostOutcome {
  const { outcome } = ctx;
  outcome.ready = ready;
  outcome.reason = reason;
  outcome.elapsedMs = ctx.deps.now() - ctx.start;
  if (ready) outcome.stage = 'ready';
  ctx.timeline.add(outcome.stage, ready ? 'ready' : `failed: ${reason}`);
  return outcome;
}

/**
 * The connect stage: a fresh authenticated session, or undefined after recording why not and
 * backing off. Cancellation is thrown.
 */
export async function openSession(ctx: GateContext): Promise<SshSession | undefined> {
  const { deps, outcome, signal, timeline } = ctx;
  try {
    const session = await deps.connect(ctx.target, {
      timeoutMs: Math.max(1, Math.min(ctx.settings.connectTimeoutMs, remaining(ctx))),
      signal,
    });
    ctx.failures = 0;
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
    const attempt = failure.kind === 'refused' ? 0 : ctx.failures++;
    await pause(
      ctx,
      backoffDelay(ctx.policy, attempt, () => deps.random()),
    );
    return undefined;
  }
}

export function timedOutReason(outcome: HostOutcome): string {
  const last = outcome.lastError ? `; last error: ${outcome.lastError}` : '';
  const ci =
    outcome.stage === 'cloud-init' && outcome.cloudInit
      ? ` (cloud-init still ${outcome.cloudInit.state})`
      : '';
  return `timed out in stage ${outcome.stage}${ci}${last}`;
}

export function cancelled(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  return reason instanceof CancelledError ? reason : new SshFailure('aborted', 'cancelled');
}
