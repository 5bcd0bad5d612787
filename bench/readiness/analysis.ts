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
  /** readyAt → start of the cloud-init status run that saw it finished (the quick probe's lag). */
  noticeMs: number;
  /** That `cloud-init status --format json` run. */
  fullProbeMs: number;
  /** From its end to success: the settle connections and the pause between them. */
  settleMs: number;
}

export interface Figures {
  gates: Record<GateName, GateFigures>;
  byPlacement: Record<string, Record<GateName, GateFigures>>;
  bySessions: Record<string, Record<GateName, GateFigures>>;
  oursBreakdown: { noticeMs: Summary; fullProbeMs: Summary; settleMs: Summary };
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
  const full = record.oursTrace.filter((e) => e.what === 'full-probe' && e.ok).at(-1);
  if (full === undefined) return undefined;
  // Trace times are relative to readyAt; a full probe that started before readyAt noticed at 0.
  const noticeMs = Math.max(0, full.at);
  const fullProbeMs = full.at + full.ms - noticeMs;
  return { noticeMs, fullProbeMs, settleMs: latency - (full.at + full.ms) };
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
      fullProbeMs: summarise(breakdowns.map((b) => b.fullProbeMs)),
      settleMs: summarise(breakdowns.map((b) => b.settleMs)),
    },
    oursOutliers: slowest.map((r) => ({
      index: r.timeline.index,
      latencyMs: r.verdicts.ours.latencyMs ?? 0,
      placement: r.actualPlacement,
      trace: r.oursTrace,
    })),
  };
}
