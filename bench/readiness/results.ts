/**
 * The result files: results.json (everything, including every trial, for re-analysis) and
 * results.md (the tables a reader wants, the method and the conditions). Both go through
 * prettier so that committed results pass the repository's format check as written.
 */
import { writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import type { Figures, GateFigures } from './analysis.ts';
import type { ColdStartResult } from './cold-start.ts';
import type { MachineFacts } from './machine.ts';
import type { ScaleResult, ScaleRun } from './scale.ts';
import type { GateName, TrialRecord } from './side-by-side.ts';
import { GATES } from './side-by-side.ts';
import type { Summary } from './stats.ts';

export interface BenchResults {
  date: string;
  quick: boolean;
  seed: number;
  command: string;
  machine: MachineFacts;
  load: {
    start: number[];
    end: number[];
    during: { mean1m: number; max1m: number };
    /** CPU over the latency phase: the whole machine's and the benchmark's own process tree's. */
    latencyPhaseCpu: { wallMs: number; machineCpuMs: number; benchTreeCpuMs: number };
  };
  concurrency: { guests: number; gatesPerGuest: number };
  gateSettings: Record<string, unknown>;
  durationMs: number;
  goals: Record<string, { target: string; met: boolean }>;
  figures: Figures;
  scale: ScaleResult;
  /** Set when the scale part was rerun alone (scale-run.ts) after the full run. */
  scaleRun?: {
    date: string;
    command: string;
    durationMs: number;
    load: { start: number[]; end: number[]; during: { mean1m: number; max1m: number } };
  };
  coldStart: ColdStartResult;
  trials: TrialRecord[];
}

const GATE_LABEL: Record<GateName, string> = {
  ours: 'ours (recipe-ci readiness)',
  banner: 'banner-only',
  reference: 'reference (Ansible-style)',
};

const s = (ms: number | null): string => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

function latencyRow(label: string, f: GateFigures): string {
  const l: Summary = f.latency;
  return `| ${label} | ${s(l.p50)} | ${s(l.p95)} | ${s(l.max)} | ${l.n} | ${f.falseReady} / ${f.trials} |`;
}

function groupTable(title: string, groups: Record<string, Record<GateName, GateFigures>>): string {
  const rows = Object.entries(groups).flatMap(([key, figures]) =>
    GATES.map((g) => latencyRow(`${key} · ${g}`, figures[g])),
  );
  return [
    `### ${title}`,
    '',
    '| group · gate | p50 | p95 | max | n | false-ready |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function renderMarkdown(r: BenchResults): string {
  const f = r.figures;
  const b = f.oursBreakdown;
  const scaleRows = r.scale.runs.map(
    (x) =>
      `| ${x.flavor} | ${x.hosts} | ${s(x.wallMs)} | ${s(x.worstLatencyMs)} | ${s(x.gateCpuMs)} | ${s(x.benchTreeCpuMs)} | ${s(x.machineCpuMs)} | ${x.load1m} | ${remoteCell(x.remote)} | ${x.allReady ? 'yes' : '**no**'} | ${x.falseReady} |`,
  );
  const sr = r.scaleRun;
  const scaleRunNote = sr
    ? `These figures come from a later run of the scale part alone, ${sr.date}, \`${sr.command}\`, in ${(sr.durationMs / 60_000).toFixed(1)} min; load average (1, 5, 15 min) at its start ${sr.load.start.join(', ')}, at its end ${sr.load.end.join(', ')}, 1-min during it: mean ${sr.load.during.mean1m}, max ${sr.load.during.max1m}. The rest of this page is from the full run above.\n\n`
    : '';
  const ratios = Object.entries(r.scale.series)
    .map(
      ([flavor, series]) =>
        `${flavor}: ${Object.entries(series.medianWallMs)
          .map(([n, ms]) => `${n} → ${s(ms)}`)
          .join(', ')}; ratio 50/1 **${series.ratio50to1}**`,
    )
    .join('\n- ');
  const goals = Object.entries(r.goals).map(
    ([name, g]) => `| ${name} | ${g.target} | ${g.met ? 'met' : '**not met**'} |`,
  );
  return `# Readiness benchmark results

${r.quick ? '**Quick run** (fewer timelines): not the committed figures.\n\n' : ''}Run ${r.date} with \`${r.command}\`, seed **${r.seed}**, in ${(r.durationMs / 60_000).toFixed(1)} min.
Method: see [README.md](README.md).

## Goals

| goal | target | result |
| --- | --- | --- |
${goals.join('\n')}

## Detection latency and false-ready, ${f.gates.ours.trials} random bounce timelines

Latency = the gate's success moment − the guest's \`readyAt\` (cloud-init done and sshd back), over
the passes that were really ready. False-ready = passed before \`readyAt\`, or the \`ssh … /bin/true\`
run right after the pass failed.

| gate | p50 | p95 | max | n | false-ready |
| --- | --- | --- | --- | --- | --- |
${GATES.map((g) => latencyRow(GATE_LABEL[g], f.gates[g])).join('\n')}

Banner-only false-ready passes whose following \`ssh\` also failed: ${f.gates.banner.sshAfterFailed}.

${groupTable('By where the bounce fell relative to the first probe (as the lab applied it)', f.byPlacement)}

${groupTable('By whether the bounce dropped established sessions', f.bySessions)}

### Where our gate's time goes after the host is ready

| part | p50 | p95 | max |
| --- | --- | --- | --- |
| notice: readyAt → the cloud-init check that reported the finish had answered | ${s(b.noticeMs.p50)} | ${s(b.noticeMs.p95)} | ${s(b.noticeMs.max)} |
| settle: that answer → success (fresh connections, one interval apart) | ${s(b.settleMs.p50)} | ${s(b.settleMs.p95)} | ${s(b.settleMs.max)} |

The finish was reported by the cheap file look (no Python) in ${b.seenBy.look} trials and by a
\`cloud-init status\` run in ${b.seenBy.full}.

Slowest detections (trial, latency): ${f.oursOutliers.map((o) => `#${o.index} ${s(o.latencyMs)} (${o.placement})`).join(', ')}; traces in results.json.

## Many hosts: one gate over 1, 10, 50 guests

Same timeline on every guest (sshd at once, bounce at 0.6 s for 0.3 s, cloud-init done at 1.5 s),
one \`runGate\` call over all of them. Again on guests without cloud-init (sshd from 0.9 s,
nothing to wait for). In the lab every guest's sshd, its sessions and the lab's own scenario
work share this machine's ${r.machine.cores} cores, where real hosts bring their own.
"gate CPU" is what our process used (the gate, and the lab's scenario code in the same process);
"bench tree" adds the lab's sshd and the sessions they reaped (a lower bound: sessions a bounce
killed escape it); "machine CPU" is what the whole machine was busy for (all cores, other work
included); "load" the 1-minute load average as the run started. "remote work" counts the SSH
connections (failed ones in brackets) and exec channels the gate opened over all hosts:
q = cheap cloud-init look, f = \`cloud-init status\` (Python), t = settle \`true\`.

${scaleRunNote}| guests | hosts | wall time | slowest host after readyAt | gate CPU | bench tree | machine CPU | load | remote work | all ready | false-ready |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${scaleRows.join('\n')}

Medians:

- ${ratios}

Goal: 50 hosts ≤ 1.5 × 1 host: **${r.goals['scale 50 / 1 hosts']?.met ? 'met' : 'not met'}** on this machine.

${perHost(r.scale)}

## Cold start

Spawn of \`node dist/readiness/main.js\` → first accepted TCP connection: median ${r.coldStart.medianActionMs} ms;
spawn of \`node -e 0\` → exit: median ${r.coldStart.medianNodeMs} ms (${r.coldStart.runs} runs each, interleaved).
Ratio: **${r.coldStart.ratio}**.

## Conditions

- Machine: ${r.machine.cpuModel}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Linux ${r.machine.kernel}
- Node ${r.machine.node}; ${r.machine.openssh}; ${r.machine.cloudInit}
- Concurrency: ${r.concurrency.guests} guests under test at any moment (each starts its next timeline when its last one ended), all ${r.concurrency.gatesPerGuest} gates against each guest at the same time; the gates, the lab's sshd processes and \`cloud-init\` CLI runs all share these cores.
- Load average (1, 5, 15 min): start ${r.load.start.join(', ')}; end ${r.load.end.join(', ')}; 1-min during the run: mean ${r.load.during.mean1m}, max ${r.load.during.max1m}. Other work on the machine shared the CPU.
- CPU during the latency phase (${(r.load.latencyPhaseCpu.wallMs / 1000).toFixed(0)} s): the machine was busy ${(r.load.latencyPhaseCpu.machineCpuMs / 1000).toFixed(0)} CPU-s of ${((r.load.latencyPhaseCpu.wallMs * r.machine.cores) / 1000).toFixed(0)} available; the benchmark's own process tree (gates, lab sshd, reaped sessions, \`ssh\` runs; a lower bound: sessions cut by a bounce escape the count) ${(r.load.latencyPhaseCpu.benchTreeCpuMs / 1000).toFixed(0)} CPU-s of it.
- Our gate's settings (action.yml defaults, timeout shortened): \`${JSON.stringify(r.gateSettings)}\`
`;
}

/** Per host, at the largest size: what the gate cost our process and the hosts. */
function perHost(scale: ScaleResult): string {
  const lines = Object.keys(scale.series).map((flavor) => {
    const runs = scale.runs.filter((x) => x.flavor === flavor);
    const most = Math.max(...runs.map((x) => x.hosts));
    const big = runs.filter((x) => x.hosts === most);
    const per = (f: (x: ScaleRun) => number): string =>
      (big.reduce((a, x) => a + f(x), 0) / (big.length * most)).toFixed(1);
    return (
      `- ${flavor}, ${String(most)} hosts, per host and run: gate CPU ${per((x) => x.gateCpuMs)} ms; ` +
      `${per((x) => x.remote.connections - x.remote.failedConnections)} authenticated connections ` +
      `(+${per((x) => x.remote.failedConnections)} failed, mostly refused while sshd was down); ` +
      `${per((x) => x.remote.execs['quick-probe'] ?? 0)} look channels, ` +
      `${per((x) => x.remote.execs['full-probe'] ?? 0)} \`cloud-init status\` runs, ` +
      `${per((x) => x.remote.execs['settle-exec'] ?? 0)} settle \`true\`.`
    );
  });
  return lines.join('\n');
}

const EXEC_LETTER: Record<string, string> = {
  'quick-probe': 'q',
  'full-probe': 'f',
  'settle-exec': 't',
  exec: 'x',
};

function remoteCell(remote: ScaleRun['remote']): string {
  const execs = Object.entries(remote.execs)
    .map(([kind, n]) => `${n}${EXEC_LETTER[kind] ?? kind}`)
    .join(' ');
  return `${remote.connections} (${remote.failedConnections}) conn; ${execs}`;
}

async function formatted(path: string, text: string): Promise<string> {
  const config = (await resolveConfig(path)) ?? {};
  return format(text, { ...config, filepath: path });
}

export async function writeResults(results: BenchResults, base: string): Promise<void> {
  await writeFile(`${base}.json`, await formatted(`${base}.json`, JSON.stringify(results)));
  await writeFile(`${base}.md`, await formatted(`${base}.md`, renderMarkdown(results)));
}
