/**
 * From trial records to the figures the issue asks for: latency per gate (over the passes that
 * were really ready), false-ready counts, the same split by bounce placement and by whether the
 * bounce dropped sessions, and where our gate's time goes after the host became ready.
 */
import type { GateName, TrialRecord } from './side-by-side.ts';
import { GATES } from './side-by-side.ts';
import { summarise, type Summary } from './stats.ts';
import type { TraceEntry } from './trace.ts';

export interface GateFigures {
  latency: Summary;
  passed: number;
  falseReady: number;
  /** False-ready passes where the ssh right after success failed. */
  sshAfterFailed: number;
  trials: number;
}

/** Where our gate's time went, per trial, from readyAt to success. */
export interface Breakdown {
  /** readyAt → the end of the cloud-init check that reported the finish. */
  noticeMs: number;
  /** From then to success: the settle connections and the pause between them. */
  settleMs: number;
  /** Whether that check was the cheap look or `cloud-init status` (Python). */
  seenBy: 'look' | 'cloud-init status';
}

export interface Figures {
  gates: Record<GateName, GateFigures>;
  byPlacement: Record<string, Record<GateName, GateFigures>>;
  bySessions: Record<string, Record<GateName, GateFigures>>;
  oursBreakdown: {
    noticeMs: Summary;
    settleMs: Summary;
    /** How many trials' finish the look saw, and how many `cloud-init status` confirmed. */
    seenBy: { look: number; full: number };
  };
  /** Our slowest detections, with the trace that explains them. */
  oursOutliers: { index: number; latencyMs: number; placement: string; trace: TraceEntry[] }[];
}

function figuresFor(records: readonly TrialRecord[]): Record<GateName, GateFigures> {
  const out = {} as Record<GateName, GateFigures>;
  for (const gate of GATES) {
    const verdicts = records.map((r) => r.verdicts[gate]);
    const good = verdicts.filter((v) => v.passed && !v.falseReady && v.latencyMs !== null);
    out[gate] = {
      latency: summarise(good.map((v) => v.latencyMs ?? 0)),
      passed: verdicts.filter((v) => v.passed).length,
      falseReady: verdicts.filter((v) => v.falseReady).length,
      sshAfterFailed: verdicts.filter((v) => v.falseReady && v.sshAfter !== 0).length,
      trials: verdicts.length,
    };
  }
  return out;
}

function groupBy(
  records: readonly TrialRecord[],
  key: (r: TrialRecord) => string,
): Record<string, Record<GateName, GateFigures>> {
  const groups = new Map<string, TrialRecord[]>();
  for (const r of records) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return Object.fromEntries([...groups].sort().map(([k, rs]) => [k, figuresFor(rs)]));
}

export function breakdownOf(record: TrialRecord): Breakdown | undefined {
  const latency = record.verdicts.ours.latencyMs;
  if (latency === null) return undefined;
  // The last successful cloud-init check before the settle: a look that saw the finish, or
  // `cloud-init status`. Trace times are relative to readyAt.
  const seen = record.oursTrace
    .filter(
      (e) =>
        e.ok && (e.what === 'full-probe' || (e.what === 'quick-probe' && e.note === 'finished')),
    )
    .at(-1);
  if (seen === undefined) return undefined;
  const noticeMs = Math.max(0, seen.at + seen.ms);
  return {
    noticeMs,
    settleMs: latency - noticeMs,
    seenBy: seen.what === 'full-probe' ? 'cloud-init status' : 'look',
  };
}

export function analyse(records: readonly TrialRecord[]): Figures {
  const breakdowns = records.map(breakdownOf).filter((b): b is Breakdown => b !== undefined);
  const passes = records.filter((r) => r.verdicts.ours.latencyMs !== null);
  const slowest = [...passes]
    .sort((a, b) => (b.verdicts.ours.latencyMs ?? 0) - (a.verdicts.ours.latencyMs ?? 0))
    .slice(0, 5);
  return {
    gates: figuresFor(records),
    byPlacement: groupBy(records, (r) => r.actualPlacement),
    bySessions: groupBy(records, (r) => (r.timeline.dropSessions ? 'dropped' : 'kept')),
    oursBreakdown: {
      noticeMs: summarise(breakdowns.map((b) => b.noticeMs)),
      settleMs: summarise(breakdowns.map((b) => b.settleMs)),
      seenBy: {
        look: breakdowns.filter((b) => b.seenBy === 'look').length,
        full: breakdowns.filter((b) => b.seenBy === 'cloud-init status').length,
      },
    },
    oursOutliers: slowest.map((r) => ({
      index: r.timeline.index,
      latencyMs: r.verdicts.ours.latencyMs ?? 0,
      placement: r.actualPlacement,
      trace: r.oursTrace,
    })),
  };
}
