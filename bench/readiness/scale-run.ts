/**
 * Only the "many hosts" part of the readiness benchmark: 1, 10 and 50 guests, with and without
 * cloud-init, `--repeats` rounds (default 3). The latency phase takes minutes and does not change
 * when only the gate's per-host cost does, so this reruns the scale part alone and puts it into
 * the last full run's results, recording its own date, command and load beside it.
 *
 *   sudo npm run bench:readiness:scale                 # replaces the scale part of results.*
 *   sudo npm run bench:readiness:scale -- --repeats 5
 *   sudo npm run bench:readiness:scale -- --out NAME   # into bench/readiness/NAME.*, which must
 *                                                      # hold a full run already
 *   sudo npm run bench:readiness:scale -- --dry        # print only, write nothing
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLab } from '../../test/lab/index.ts';
import { analyse } from './analysis.ts';
import { LoadSampler, loadAverages } from './machine.ts';
import { defaultGateSettings } from './our-gate.ts';
import { writeResults, type BenchResults } from './results.ts';
import { runScale, type ScaleResult } from './scale.ts';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    out: { type: 'string', default: 'results' },
    dry: { type: 'boolean', default: false },
  },
});
const repeats = Number(values.repeats);
if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats takes a whole number');
const sizes = [1, 10, 50];
const base = fileURLToPath(new URL(values.out, import.meta.url));

const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);
// Fail before the lab starts if there is no full run to put the figures into.
const previous = values.dry
  ? undefined
  : (JSON.parse(await readFile(`${base}.json`, 'utf8')) as BenchResults);

const started = Date.now();
const loadStart = loadAverages();
const sampler = new LoadSampler();
const lab = await startLab();
let scale: ScaleResult;
try {
  const largest = Math.max(...sizes);
  const guests = await lab.addGuests(Array.from({ length: largest }, () => ({ sshd: false })));
  const bare = await lab.addGuests(
    Array.from({ length: largest }, () => ({ sshd: false, cloudInit: 'absent' as const })),
  );
  const settings = defaultGateSettings(lab.clientKey.privateKeyPath);
  scale = await runScale(
    lab,
    { 'cloud-init': guests, 'no-cloud-init': bare },
    settings,
    sizes,
    repeats,
    log,
  );
} finally {
  await lab.close();
}
for (const [flavor, series] of Object.entries(scale.series)) {
  log(`${flavor}: ${JSON.stringify(series.medianWallMs)} → ratio 50/1 ${series.ratio50to1}`);
}
if (previous !== undefined) {
  const results: BenchResults = {
    ...previous,
    // Recomputed from the stored traces, so the breakdown follows the current analysis.
    figures: analyse(previous.trials),
    goals: {
      ...previous.goals,
      'scale 50 / 1 hosts': {
        target: '≤ 1.5×',
        met: scale.series['cloud-init'].ratio50to1 <= 1.5,
      },
    },
    scale,
    scaleRun: {
      date: new Date(started).toISOString(),
      command: `npm run bench:readiness:scale -- --repeats ${repeats}${values.out === 'results' ? '' : ` --out ${values.out}`}`,
      durationMs: Date.now() - started,
      load: { start: loadStart, end: loadAverages(), during: sampler.stop() },
    },
  };
  await writeResults(results, base);
  log(`wrote the scale part of ${base}.md and ${base}.json`);
}
