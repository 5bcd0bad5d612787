/**
 * The gate's stages before settling (see gate.ts): hold an authenticated session, watch
 * cloud-init over it until a terminal state, and judge what cloud-init said.
 */
import { classifySshError } from '../ssh/failure.ts';
import type { SshSession } from '../ssh/session.ts';
import { cloudInitLookCommand, parseCloudInitLook } from './cloud-init-look.ts';
import { interpretCloudInitStatus, type CloudInitObservation } from './cloud-init-status.ts';
import {
  commandBudget,
  finish,
  openSession,
  pause,
  remaining,
  timedOutReason,
  type GateContext,
} from './gate-context.ts';
import type { HostOutcome } from './gate.ts';

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

/** What watching remembers across rounds and reconnects. */
interface WatchState {
  /** The first look or the last full probe: `cloud-init status` is next due a period later. */
  periodStart: number | undefined;
  lastFullAt: number;
  looked: boolean;
  sawStatusFile: boolean;
}

interface Watched {
  observation: CloudInitObservation;
  /** Whether `cloud-init status` (Python) ran this round. */
  full: boolean;
}

/**
 * Stages 1–3: an authenticated session, then cloud-init to a terminal state (or no session at
 * all with `cloud-init: skip`). Returns the outcome when the gate ends here, undefined when it
 * goes on to settle. The session is closed either way.
 */
export async function awaitCloudInit(ctx: GateContext): Promise<HostOutcome | undefined> {
  const { outcome, settings, signal } = ctx;
  const watch: WatchState = {
    periodStart: undefined,
    lastFullAt: Number.NEGATIVE_INFINITY,
    looked: false,
    sawStatusFile: false,
  };
  let session: SshSession | undefined;
  try {
    while (remaining(ctx) > 0 && !signal.aborted) {
      session = session?.isOpen ? session : await openSession(ctx);
      if (!session) continue;
      if (settings.cloudInit === 'skip') break;
      outcome.stage = 'cloud-init';
      const watched = await watchOrCut(ctx, watch, session);
      if (watched === undefined) {
        session.close();
        session = undefined;
        continue;
      }
      const verdict = judgeCloudInit(ctx, watched.observation);
      if (verdict === 'go-on') break;
      if (verdict !== 'not-yet') return verdict;
      // The look waited on the host already; after `cloud-init status`, wait here.
      if (watched.full) await pause(ctx, settings.intervalMs);
    }
    if (
      !outcome.sawCloudInitFinish &&
      settings.cloudInit !== 'skip' &&
      outcome.warnings.length === 0
    ) {
      return finish(ctx, false, timedOutReason(outcome));
    }
    return undefined;
  } finally {
    session?.close();
  }
}

/**
 * Judge one observation: `not-yet` (keep watching), `go-on` (to settle, with a warning when
 * cloud-init is absent, disabled or degraded), or the failed outcome.
 */
export function judgeCloudInit(
  ctx: GateContext,
  observation: CloudInitObservation,
): 'not-yet' | 'go-on' | HostOutcome {
  const { outcome, settings, timeline } = ctx;
  outcome.cloudInit = observation;
  timeline.add('cloud-init', observation.state);
  const state = observation.state;
  if (state === 'absent' || state === 'disabled') {
    const what = state === 'absent' ? 'not installed' : 'disabled';
    if (settings.cloudInit === 'require') {
      return finish(ctx, false, `cloud-init is required but ${what}`);
    }
    outcome.warnings.push(`cloud-init is ${what}; nothing to wait for`);
    return 'go-on';
  }
  if (state === 'error') {
    outcome.sawCloudInitFinish = true;
    const why = observation.errors.join('; ') || observation.detail;
    return finish(ctx, false, `cloud-init failed: ${why}`);
  }
  if (state === 'done' || state === 'degraded') {
    outcome.sawCloudInitFinish = true;
    const errors = observation.errors.join('; ');
    if (!settings.cloudInitAllow.has(state)) {
      return finish(
        ctx,
        false,
        `cloud-init finished ${state}, which cloud-init-allow does not accept: ${errors}`,
      );
    }
    if (state === 'degraded') outcome.warnings.push(`cloud-init finished degraded: ${errors}`);
    return 'go-on';
  }
  return 'not-yet';
}

/** One round of watching, or undefined after recording that the session was cut under it. */
async function watchOrCut(
  ctx: GateContext,
  watch: WatchState,
  open: SshSession,
): Promise<Watched | undefined> {
  const { outcome, timeline } = ctx;
  try {
    const watched = await watchRound(ctx, watch, open);
    if (watched === undefined) {
      outcome.lastError = 'the session ended during the cloud-init look';
      timeline.add('cloud-init', `look cut: ${outcome.lastError}`);
    }
    return watched;
  } catch (error) {
    outcome.lastError = classifySshError(error).message;
    timeline.add('cloud-init', `status poll cut: ${outcome.lastError}`);
    return undefined;
  }
}

/**
 * One round of watching cloud-init: the look, looping on the host until it decides or the next
 * full probe is due; `cloud-init status` when that is due or the look cannot decide. Undefined
 * when the session was cut under the look.
 */
async function watchRound(
  ctx: GateContext,
  watch: WatchState,
  open: SshSession,
): Promise<Watched | undefined> {
  const { deps, settings } = ctx;
  const begun = deps.now();
  watch.periodStart ??= begun;
  const period = watch.sawStatusFile ? FULL_PROBE_PERIOD_SEEN_MS : FULL_PROBE_PERIOD_MS;
  const due = watch.periodStart + period;
  if (begun >= due) return { observation: await fullProbe(ctx, watch, open), full: true };
  // The first look answers at once, so there is a state to report however soon the budget
  // ends; later ones loop until the full probe is due, ending an interval before the budget.
  const span = Math.min(due - begun, remaining(ctx) - settings.intervalMs);
  const looks = watch.looked ? Math.max(1, Math.ceil(span / settings.intervalMs)) : 1;
  watch.looked = true;
  const result = await open.exec(
    cloudInitLookCommand(looks, settings.intervalMs),
    Math.min(remaining(ctx), looks * settings.intervalMs + commandBudget(ctx)),
  );
  const look = parseCloudInitLook(result.code, result.stdout);
  if (look.kind === 'cut') return undefined;
  if (look.kind === 'seen') {
    if (look.observation.state === 'running') watch.sawStatusFile = true;
    // A host whose `sleep` returned at once would make the loop spin: keep the cadence here.
    if (look.pending && deps.now() - begun < (looks * settings.intervalMs) / 2) {
      await pause(ctx, settings.intervalMs);
    }
    return { observation: look.observation, full: false };
  }
  ctx.timeline.add('cloud-init', `look deferred to cloud-init status: ${look.detail}`);
  await pause(ctx, watch.lastFullAt + MIN_FULL_PROBE_GAP_MS - deps.now());
  return { observation: await fullProbe(ctx, watch, open), full: true };
}

/** `cloud-init status --format json`, cloud-init's own answer. */
async function fullProbe(
  ctx: GateContext,
  watch: WatchState,
  open: SshSession,
): Promise<CloudInitObservation> {
  const result = await open.exec(CLOUD_INIT_PROBE, commandBudget(ctx));
  watch.lastFullAt = ctx.deps.now();
  watch.periodStart = watch.lastFullAt;
  return parseCloudInitProbe(result.stdout + result.stderr);
}
