/**
 * The latency and false-ready runs: each guest plays its own random timeline, and
 * at the timeline's gate moment our gate, the banner-only gate and the reference gate start
 * against that guest together. Each gate's success moment is compared with the guest's
 * `readyAt` (the lab's record of when it truly became ready), and a real authenticated `ssh`
 * right after success checks what the next step of a workflow would meet.
 */
import { readFileSync } from 'node:fs';
import {
  runGate,
  type GateDeps,
  type GateSettings,
  type HostOutcome,
} from '../../src/readiness/gate.ts';
import { realGateDeps } from '../../src/readiness/gate-deps.ts';
import type { Guest, Lab, ScenarioEvent } from '../../test/lab/index.ts';
import { bannerGate } from './banner-gate.ts';
import { referenceGate, runSsh, type ReferenceTarget } from './reference-gate.ts';
import type { BenchTimeline } from './timelines.ts';
import { tracedDeps, type TraceEntry } from './trace.ts';

export type GateName = 'ours' | 'banner' | 'reference';
export const GATES: readonly GateName[] = ['ours', 'banner', 'reference'];

/** What one gate concluded on one timeline, judged against the truth. */
export interface GateVerdict {
  passed: boolean;
  /** ms since the epoch when the gate's promise settled. */
  at: number;
  /** at − readyAt; negative means it passed before the host was ready. */
  latencyMs: number | null;
  /** Passed while the host was not truly ready, or the ssh right after failed. */
  falseReady: boolean;
  /** Exit code of `ssh … /bin/true` run right after the gate passed. */
  sshAfter: number | null;
  detail: string;
}

export interface TrialRecord {
  timeline: Omit<BenchTimeline, 'events'>;
  /** ms since the epoch. */
  scenarioStartedAt: number;
  gateStartedAt: number;
  readyAt: number | null;
  /** Where the gates actually started relative to the bounce as the lab applied it. */
  actualPlacement: string;
  bounce: { downAt: number; upAt: number } | null;
  verdicts: Record<GateName, GateVerdict>;
  /** Our gate's own timeline (ms from its start), for explaining outliers. */
  oursTimeline: HostOutcome['timeline'];
  /** Every connection and command of our gate, times relative to readyAt (or gate start). */
  oursTrace: TraceEntry[];
}

const RESET: ScenarioEvent[] = [
  { at: 0, kind: 'nothingListening' },
  { at: 0, kind: 'deauthorize' },
  { at: 0, kind: 'cloudInit', phase: { status: 'not-run' } },
];

/** Put a used guest back to "powered off": no sshd, no sessions, key not authorised, no cloud-init. */
export async function resetGuest(lab: Lab, guest: Guest): Promise<void> {
  await lab.play(guest, RESET).finished;
}

function referenceTarget(lab: Lab, guest: Guest): ReferenceTarget {
  return {
    host: guest.address,
    port: guest.port,
    user: 'root',
    keyPath: lab.clientKey.privateKeyPath,
  };
}

function withoutEvents(timeline: BenchTimeline): Omit<BenchTimeline, 'events'> {
  const shape: Partial<BenchTimeline> = { ...timeline };
  delete shape.events;
  return shape as Omit<BenchTimeline, 'events'>;
}

function placementOf(gateAt: number, bounce: { downAt: number; upAt: number } | null): string {
  if (bounce === null) return 'unknown';
  if (gateAt < bounce.downAt) return 'after-first-probe';
  if (gateAt < bounce.upAt) return 'during-first-probe';
  return 'before-first-probe';
}

/**
 * Run `timelines` on a pool of guests: each guest takes the next timeline as soon as its last
 * one ended (reset in between), so `guests.length` trials are under way at any moment and their
 * starts spread out instead of all hitting the CPU in the same second.
 */
export async function runTrials(
  lab: Lab,
  guests: readonly Guest[],
  timelines: readonly BenchTimeline[],
  settings: GateSettings,
  onTrial: (record: TrialRecord) => void = () => undefined,
): Promise<TrialRecord[]> {
  const key = readFileSync(lab.clientKey.privateKeyPath, 'utf8');
  const deps = realGateDeps(key);
  const records: TrialRecord[] = [];
  let next = 0;
  const worker = async (guest: Guest): Promise<void> => {
    while (next < timelines.length) {
      const timeline = timelines[next++];
      if (timeline === undefined) break;
      await resetGuest(lab, guest);
      const record = await trial(lab, guest, timeline, settings, deps);
      records.push(record);
      onTrial(record);
    }
  };
  await Promise.all(guests.map(worker));
  return records.sort((a, b) => a.timeline.index - b.timeline.index);
}

async function trial(
  lab: Lab,
  guest: Guest,
  timeline: BenchTimeline,
  settings: GateSettings,
  deps: GateDeps,
): Promise<TrialRecord> {
  const gateBudgetMs = settings.timeoutMs;
  const run = lab.play(guest, timeline.events);
  await new Promise((r) =>
    setTimeout(r, Math.max(0, run.startedAt + timeline.gateAt - Date.now())),
  );
  const gateStartedAt = Date.now();
  const target = referenceTarget(lab, guest);
  const judged = async (
    pass: Promise<{ passed: boolean; detail: string }>,
  ): Promise<{ passed: boolean; at: number; sshAfter: number | null; detail: string }> => {
    const { passed, detail } = await pass;
    const at = Date.now();
    const sshAfter = passed ? await runSsh(target, '/bin/true', 15_000) : null;
    return { passed, at, sshAfter, detail };
  };
  let ourOutcome: HostOutcome | undefined;
  const trace: TraceEntry[] = [];
  const [ours, banner, reference] = await Promise.all([
    judged(
      runGate(
        [{ user: 'root', host: guest.address, port: guest.port, spec: guest.address }],
        settings,
        tracedDeps(deps, trace),
        new AbortController().signal,
      ).then(([outcome]) => {
        ourOutcome = outcome;
        return { passed: outcome?.ready ?? false, detail: outcome?.reason ?? 'no outcome' };
      }),
    ),
    judged(
      bannerGate(guest.address, guest.port, {
        timeoutMs: gateBudgetMs,
        connectTimeoutMs: settings.connectTimeoutMs,
      }).then((r) => ({ passed: r.ready, detail: `${r.attempts} attempts` })),
    ),
    judged(
      referenceGate(target, { timeoutMs: gateBudgetMs }).then((r) => ({
        passed: r.ready,
        detail: `${r.probes} probes; wait exits ${r.waitExits.map(String).join(',')}`,
      })),
    ),
  ]);
  const result = await run.finished;
  const readyAt = result.readyAt ?? null;
  const bounceRecord = result.records.find((r) => r.event.kind === 'bounce')?.bounce ?? null;
  const verdict = (g: {
    passed: boolean;
    at: number;
    sshAfter: number | null;
    detail: string;
  }): GateVerdict => {
    const latencyMs = g.passed && readyAt !== null ? g.at - readyAt : null;
    const early = readyAt === null || g.at < readyAt;
    return { ...g, latencyMs, falseReady: g.passed && (early || g.sshAfter !== 0) };
  };
  return {
    timeline: withoutEvents(timeline),
    scenarioStartedAt: run.startedAt,
    gateStartedAt,
    readyAt,
    actualPlacement: placementOf(gateStartedAt, bounceRecord),
    bounce: bounceRecord,
    verdicts: { ours: verdict(ours), banner: verdict(banner), reference: verdict(reference) },
    oursTimeline: ourOutcome?.timeline ?? [],
    oursTrace: trace.map((e) => ({ ...e, at: e.at - (readyAt ?? gateStartedAt) })),
  };
}
