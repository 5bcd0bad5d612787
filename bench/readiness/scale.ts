/**
 * Many hosts at once: the same simple timeline (sshd at once, a bounce at 0.6 s, cloud-init done
 * at 1.5 s) on 1, 10 and 50 guests, gated by ONE runGate call over all of them, as the action
 * does with a list of hosts. Wall time is from the call to its resolution; the goal is that 50
 * hosts take at most 1.5× as long as one, i.e. that hosts do not wait for each other.
 *
 * In the lab every guest's sshd and `cloud-init status` (a Python start, ~0.3 s of CPU) run on
 * the benchmark machine's own cores, where real hosts would bring their own. So each run also
 * records the CPU our process used (the gate's share) and the whole machine's busy time, and
 * the sizes are run twice: on guests with cloud-init (as users have them) and on guests without
 * it, where the remote side is cheap and what remains is the gate's own scaling.
 */
import { readFileSync } from 'node:fs';
import { runGate, type GateSettings } from '../../src/readiness/gate.ts';
import { realGateDeps } from '../../src/readiness/gate-deps.ts';
import type { Guest, Lab } from '../../test/lab/index.ts';
import { loadAverages, machineBusyMs, processCpuMs, processTreeCpuMs } from './machine.ts';
import { resetGuest } from './side-by-side.ts';
import { median } from './stats.ts';
import { scaleTimeline } from './timelines.ts';
import { tracedDeps, type TraceEntry } from './trace.ts';

export type ScaleFlavor = 'cloud-init' | 'no-cloud-init';

export interface ScaleRun {
  flavor: ScaleFlavor;
  hosts: number;
  wallMs: number;
  allReady: boolean;
  /** The slowest host's success − its readyAt. */
  worstLatencyMs: number | null;
  falseReady: number;
  /** CPU our process (the gate) used during the run. */
  gateCpuMs: number;
  /** CPU the whole machine was busy for during the run (both cores; lab and others included). */
  machineCpuMs: number;
  /**
   * CPU of our process and its reaped descendants (the lab's sshd and the sessions they reaped):
   * what is left of machineCpuMs is other work on the machine, and sessions a bounce killed.
   */
  benchTreeCpuMs: number;
  /** The 1-minute load average when the run started. */
  load1m: number;
  /** Remote work the gate asked for, summed over all hosts. */
  remote: RemoteWork;
}

/** What the gate made the hosts do: SSH connections and exec channels, by kind. */
export interface RemoteWork {
  connections: number;
  failedConnections: number;
  /** Exec channels, by the trace's kind of command (quick look, full probe, settle `true`). */
  execs: Record<string, number>;
}

function remoteWork(trace: readonly TraceEntry[]): RemoteWork {
  const execs: Record<string, number> = {};
  for (const entry of trace) {
    if (entry.what !== 'connect') execs[entry.what] = (execs[entry.what] ?? 0) + 1;
  }
  const connects = trace.filter((e) => e.what === 'connect');
  return {
    connections: connects.length,
    failedConnections: connects.filter((e) => !e.ok).length,
    execs,
  };
}

export interface ScaleSeries {
  /** Median wall time per host count. */
  medianWallMs: Record<string, number>;
  ratio50to1: number;
}

export interface ScaleResult {
  runs: ScaleRun[];
  series: Record<ScaleFlavor, ScaleSeries>;
}

async function once(
  lab: Lab,
  guests: readonly Guest[],
  settings: GateSettings,
  flavor: ScaleFlavor,
): Promise<ScaleRun> {
  const trace: TraceEntry[] = [];
  const deps = tracedDeps(realGateDeps(readFileSync(lab.clientKey.privateKeyPath, 'utf8')), trace);
  await Promise.all(guests.map((g) => resetGuest(lab, g)));
  const events = scaleTimeline(flavor === 'cloud-init');
  const load1m = loadAverages()[0] ?? 0;
  const cpu0 = processCpuMs();
  const tree0 = processTreeCpuMs();
  const busy0 = machineBusyMs();
  const scenarios = guests.map((g) => lab.play(g, events));
  const start = Date.now();
  const outcomes = await runGate(
    guests.map((g) => ({ user: 'root', host: g.address, port: g.port, spec: g.address })),
    settings,
    deps,
    new AbortController().signal,
  );
  const wallMs = Date.now() - start;
  const gateCpuMs = Math.round(processCpuMs() - cpu0);
  const machineCpuMs = machineBusyMs() - busy0;
  const benchTreeCpuMs = processTreeCpuMs() - tree0;
  const results = await Promise.all(scenarios.map((s) => s.finished));
  const latencies = outcomes.map((o, i) => {
    const readyAt = results[i]?.readyAt;
    return readyAt === undefined ? null : start + o.elapsedMs - readyAt;
  });
  const known = latencies.filter((l): l is number => l !== null);
  return {
    flavor,
    hosts: guests.length,
    wallMs,
    allReady: outcomes.every((o) => o.ready),
    worstLatencyMs: known.length ? Math.max(...known) : null,
    falseReady: latencies.filter((l, i) => outcomes[i]?.ready && (l === null || l < 0)).length,
    gateCpuMs,
    machineCpuMs,
    benchTreeCpuMs,
    load1m,
    remote: remoteWork(trace),
  };
}

export async function runScale(
  lab: Lab,
  pools: Record<ScaleFlavor, readonly Guest[]>,
  settings: GateSettings,
  sizes: readonly number[],
  repeats: number,
  log: (message: string) => void,
): Promise<ScaleResult> {
  const runs: ScaleRun[] = [];
  const flavors = Object.keys(pools) as ScaleFlavor[];
  for (let rep = 0; rep < repeats; rep++) {
    for (const flavor of flavors) {
      for (const n of sizes) {
        const run = await once(lab, pools[flavor].slice(0, n), settings, flavor);
        runs.push(run);
        log(
          `scale (${flavor}): ${n} hosts in ${run.wallMs} ms; gate CPU ${run.gateCpuMs} ms, ` +
            `machine CPU ${run.machineCpuMs} ms (bench tree ${run.benchTreeCpuMs} ms), ` +
            `load ${run.load1m}; ${run.remote.connections} connections, execs ${JSON.stringify(run.remote.execs)}`,
        );
      }
    }
  }
  const series = {} as Record<ScaleFlavor, ScaleSeries>;
  for (const flavor of flavors) {
    const medianWallMs: Record<string, number> = {};
    for (const n of sizes) {
      medianWallMs[n] = median(
        runs.filter((r) => r.flavor === flavor && r.hosts === n).map((r) => r.wallMs),
      );
    }
    const one = medianWallMs[Math.min(...sizes)] ?? Number.NaN;
    const most = medianWallMs[Math.max(...sizes)] ?? Number.NaN;
    series[flavor] = { medianWallMs, ratio50to1: Math.round((most / one) * 100) / 100 };
  }
  return { runs, series };
}
