/**
 * The readiness benchmark (issue 3, "Benchmark"): our gate, a banner-only gate and an
 * Ansible-style reference gate side by side against the guest lab, on seeded random bounce
 * timelines; then our gate over 1, 10 and 50 hosts; then the action's cold start.
 *
 *   sudo npm run bench:readiness               # full run, writes bench/readiness/results.{md,json}
 *   sudo npm run bench:readiness -- --quick    # smaller, writes bench/results/readiness-quick.*
 *   options: --seed N  --timelines N  --concurrency N (guests under test at once)
 *            --out NAME (write bench/readiness/NAME.{md,json} instead)
 *
 * Needs root and a machine prepared with test/lab/setup.sh.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLab } from '../../test/lab/index.ts';
import { analyse } from './analysis.ts';
import { measureColdStart } from './cold-start.ts';
import { CpuMeter, LoadSampler, loadAverages, machineFacts } from './machine.ts';
import { defaultGateSettings, describeSettings } from './our-gate.ts';
import { seededRng } from './prng.ts';
import { writeResults, type BenchResults } from './results.ts';
import { runScale } from './scale.ts';
import { runTrials } from './side-by-side.ts';
import { randomTimelines } from './timelines.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string' },
    timelines: { type: 'string' },
    concurrency: { type: 'string' },
    out: { type: 'string' },
  },
});
const quick = values.quick;
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const count = Number(values.timelines ?? (quick ? 30 : 200));
const concurrency = Number(values.concurrency ?? 10);
const scaleSizes = [1, 10, 50];
const scaleRepeats = quick ? 1 : 3;
const coldStartRuns = quick ? 5 : 10;
if (![seed, count, concurrency].every((n) => Number.isInteger(n) && n > 0)) {
  throw new Error('--seed, --timelines and --concurrency take positive whole numbers');
}

const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);
const started = Date.now();
const loadStart = loadAverages();
const sampler = new LoadSampler();
log(`seed ${seed}; ${count} timelines, ${concurrency} guests at once${quick ? ' (quick)' : ''}`);

// Cold start first, before the lab's hundreds of processes exist.
const coldStart = await measureColdStart(coldStartRuns);
log(`cold start: ${coldStart.medianActionMs} ms vs node -e 0 ${coldStart.medianNodeMs} ms`);

const lab = await startLab();
let results: BenchResults;
try {
  const largest = Math.max(...scaleSizes);
  const guests = await lab.addGuests(
    Array.from({ length: Math.max(concurrency, largest) }, () => ({ sshd: false })),
  );
  const bare = await lab.addGuests(
    Array.from({ length: largest }, () => ({ sshd: false, cloudInit: 'absent' as const })),
  );
  const settings = defaultGateSettings(lab.clientKey.privateKeyPath);
  const timelines = randomTimelines(seededRng(seed), count);
  let done = 0;
  const latencyCpu = new CpuMeter();
  const trials = await runTrials(lab, guests.slice(0, concurrency), timelines, settings, (r) => {
    done++;
    const v = r.verdicts;
    log(
      `${done}/${count} #${r.timeline.index} ${r.actualPlacement}: ours ${v.ours.latencyMs} ms${v.ours.falseReady ? ' FALSE-READY' : ''}, reference ${v.reference.latencyMs} ms${v.reference.falseReady ? ' (false)' : ''}, banner ${v.banner.falseReady ? 'false-ready' : v.banner.latencyMs}`,
    );
  });
  const latencyPhaseCpu = latencyCpu.read();
  const scale = await runScale(
    lab,
    { 'cloud-init': guests, 'no-cloud-init': bare },
    settings,
    scaleSizes,
    scaleRepeats,
    log,
  );
  const figures = analyse(trials);
  const ours = figures.gates.ours;
  results = {
    date: new Date(started).toISOString(),
    quick,
    seed,
    command: `npm run bench:readiness --${quick ? ' --quick' : ''} --seed ${seed} --timelines ${count} --concurrency ${concurrency}${values.out ? ` --out ${values.out}` : ''}`,
    machine: machineFacts(),
    load: { start: loadStart, end: loadAverages(), during: sampler.stop(), latencyPhaseCpu },
    concurrency: { guests: concurrency, gatesPerGuest: 3 },
    gateSettings: describeSettings(settings),
    durationMs: Date.now() - started,
    goals: {
      'latency p50': { target: '≤ 0.5 s', met: (ours.latency.p50 ?? Infinity) <= 500 },
      'latency p95': { target: '≤ 1 s', met: (ours.latency.p95 ?? Infinity) <= 1000 },
      'false-ready (ours)': {
        target: `0 / ${count}`,
        met: ours.falseReady === 0 && ours.passed === count,
      },
      'scale 50 / 1 hosts': {
        target: '≤ 1.5×',
        met: scale.series['cloud-init'].ratio50to1 <= 1.5,
      },
    },
    figures,
    scale,
    coldStart,
    trials,
  };
} finally {
  await lab.close();
}

const here = fileURLToPath(new URL('.', import.meta.url));
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
let base = `${here}${values.out ?? 'results'}`;
if (quick && values.out === undefined) {
  mkdirSync(resultsDir, { recursive: true });
  base = `${resultsDir}readiness-quick`;
}
await writeResults(results, base);
log(`wrote ${base}.md and ${base}.json`);
