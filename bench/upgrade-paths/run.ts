/**
 * What `previous: last-3` costs against `previous`'s default (`auto`): the example abra recipe
 * (test/fixtures/recipe-abra-notes, four releases, the candidate the newest) through recipe-suite
 * from dist/, every default tier, on the lab's real single-node swarm with the abra stand-in
 * deploying for real. The two settings alternate, so load on the machine falls on both; each run
 * is main and post, timed whole, with each tier's time from results.json.
 * Run as root: `npm run bench:upgrade-paths`; writes bench/upgrade-paths/results.{md,json}.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DockerLab, dockerUnavailable } from '../../test/lab/docker.ts';
import { AbraStandIn } from '../../test/support/abra-stand-in.ts';
import { FakeActionsEnv } from '../../test/support/fake-actions-env.ts';
import { oidcEnvFile } from '../../test/support/oidc-env-file.ts';
import { recipeRepo } from '../../test/support/recipe-repo.ts';

const RUNS = 2;
const SETTINGS = ['auto', 'last-3'] as const;
const TAGS = ['1.0.0+1.0', '1.1.0+1.1', '1.2.0+1.2', '1.3.0+1.3'];

interface Row {
  previous: (typeof SETTINGS)[number];
  run: number;
  wallS: number;
  code: number | null;
  tiers: Record<string, number>;
}

const unavailable = dockerUnavailable();
if (unavailable !== undefined) throw new Error(`the bench needs the lab's Docker: ${unavailable}`);
const lab = await DockerLab.start();
const standIn = new AbraStandIn();
const rows: Row[] = [];
let madeProxy = false;
try {
  await lab.ensureSwarm();
  lab.busybox(...['1.0', '1.1', '1.2', '1.3'].map((v) => `recipe-ci-busybox:${v}`));
  madeProxy =
    (await lab.docker(['network', 'create', '--driver', 'overlay', '--attachable', 'proxy']))
      .code === 0;
  const repo = recipeRepo({ fixture: 'recipe-abra-notes', tags: TAGS, candidate: '1.3.0+1.3' });
  for (let run = 1; run <= RUNS; run++) {
    for (const previous of SETTINGS) {
      const runner = new FakeActionsEnv();
      const given = {
        recipe: 'notes',
        'recipe-path': repo,
        server: 'local',
        'base-domain': 'ci.example.test',
        // The custom test that needs sign-in settings runs, as in a real job.
        'env-file': oidcEnvFile(),
        previous,
      };
      const env = standIn.env({ dockerHost: lab.host });
      const started = performance.now();
      const main = await runner.run('recipe-suite', 'main', given, { env });
      const post = await runner.run('recipe-suite', 'post', given, { env, state: main.state });
      const wallS = (performance.now() - started) / 1000;
      const results = JSON.parse(readFileSync(main.outputs.results ?? '', 'utf8')) as {
        tiers: { tier: string; from?: string; durationMs: number }[];
      };
      const tiers = Object.fromEntries(
        results.tiers.map((t) => [t.from ? `${t.tier} from ${t.from}` : t.tier, t.durationMs]),
      );
      const code = main.code === 0 ? post.code : main.code;
      if (code !== 0) throw new Error(`${previous} run ${String(run)} exited ${String(code)}`);
      rows.push({ previous, run, wallS, code, tiers });
      process.stdout.write(`${previous} run ${String(run)}: ${wallS.toFixed(1)} s\n`);
    }
  }
} finally {
  if (madeProxy) await lab.docker(['network', 'rm', 'proxy']);
  await lab.close();
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const wall = (previous: string): number =>
  median(rows.filter((r) => r.previous === previous).map((r) => r.wallS));
const dir = join('bench', 'upgrade-paths');
writeFileSync(join(dir, 'results.json'), `${JSON.stringify(rows, null, 2)}\n`);
const lines = [
  '# previous: last-3 against auto (bench/upgrade-paths/run.ts)',
  '',
  `The example abra recipe, four releases (candidate ${TAGS.at(-1) ?? ''}), every default tier, on`,
  "the lab's real single-node swarm with the abra stand-in; recipe-suite main and post from dist/.",
  `${String(cpus().length)} cores, load average ${loadavg()[0]?.toFixed(2) ?? '?'} at the end.`,
  '',
  '| previous | run | exit | wall | tiers (s) |',
  '| -------- | --- | ---- | ---- | --------- |',
  ...rows.map(
    (r) =>
      `| ${r.previous} | ${String(r.run)} | ${String(r.code)} | ${r.wallS.toFixed(1)} s | ${Object.entries(
        r.tiers,
      )
        .map(([tier, ms]) => `${tier} ${(ms / 1000).toFixed(1)}`)
        .join(', ')} |`,
  ),
  '',
  `Median wall time: auto ${wall('auto').toFixed(1)} s, last-3 ${wall('last-3').toFixed(1)} s ` +
    `(+${(wall('last-3') - wall('auto')).toFixed(1)} s for the two more paths).`,
  '',
];
writeFileSync(join(dir, 'results.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
