/**
 * Engine overhead of recipe-suite: a five-tier run whose every command is a no-op, timed whole,
 * minus the time the commands themselves took (each `bash -c` from spawn to exit, as the engine
 * records it). What is left is ours: planning from git, config, env, health, bookkeeping.
 * Target: ≤ 1 s. Run: `npm run bench:recipe-suite`; writes bench/recipe-suite/results.{md,json}.
 */
import { SuiteClock } from '../../src/suite/clock.ts';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { commandBackend } from '../../src/deploy/command-backend.ts';
import { parseRecipeConfig } from '../../src/recipe/config.ts';
import { runSuite } from '../../src/suite/engine.ts';
import { httpHealthGate } from '../../src/deploy/health.ts';
import { planRun } from '../../src/suite/plan.ts';
import { buildRunEnv } from '../../src/recipe/run-env.ts';
import { OPT_IN_TIERS, TIERS } from '../../src/recipe/tiers.ts';
import { tempDir } from '../../test/support/temp-dir.ts';

const RUNS = 10;
const CONFIG = `version: 1
commands:
  deploy: 'true'
  upgrade: 'true'
  backup: d=$(mktemp -d); echo x > "$d/f"; echo "$d"
  restore: 'true'
  teardown: 'true'
data:
  seed: 'true'
  verify: 'true'
  mutate: 'true'
custom:
  - name: no-op
    run: 'true'
`;

function repo(): string {
  const dir = tempDir('recipe-ci-bench-');
  writeFileSync(join(dir, '.recipe-ci.yml'), CONFIG);
  const git = (...args: string[]): void => {
    execFileSync('git', [
      '-C',
      dir,
      '-c',
      'user.name=b',
      '-c',
      'user.email=b@example.test',
      ...args,
    ]);
  };
  git('init', '-q');
  for (const tag of ['1.0.0+1.0', '1.1.0+1.1']) {
    writeFileSync(join(dir, 'VERSION'), tag);
    git('add', '-A');
    git('commit', '-q', '-m', tag);
    git('tag', tag);
  }
  return dir;
}

async function once(dir: string): Promise<{ wallMs: number; commandsMs: number }> {
  const started = performance.now();
  const config = parseRecipeConfig(CONFIG, '.recipe-ci.yml');
  const work = tempDir('recipe-ci-bench-run-');
  const signal = new AbortController().signal;
  const env = await buildRunEnv({
    recipe: 'bench',
    domain: 'bench.example.test',
    url: 'https://bench.example.test',
    stateDir: join(work, 'state'),
    candidateDir: dir,
    configEnv: {},
    envFile: undefined,
  });
  const clock = new SuiteClock(undefined);
  const backend = commandBackend({ config, env, signal, timeoutMs: () => clock.limit() });
  const { plan } = await planRun({
    recipePath: dir,
    workDir: work,
    tiers: new Set(TIERS.filter((tier) => !OPT_IN_TIERS.has(tier))),
    previous: 'auto',
    allowMajor: false,
    failFast: false,
    repeat: 1,
    oidc: false,
  });
  const results = await runSuite(plan, {
    config,
    backend,
    httpHealth: httpHealthGate(config, env, signal),
    clock,
    env,
    cwd: dir,
    signal,
  });
  const wallMs = performance.now() - started;
  const bad = results.filter((r) => r.status !== 'passed');
  if (bad.length > 0) throw new Error(`not all tiers passed: ${JSON.stringify(bad)}`);
  const commandsMs = results.flatMap((r) => r.checks).reduce((sum, c) => sum + c.durationMs, 0);
  return { wallMs, commandsMs };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

const dir = repo();
await once(dir); // warm-up: file cache, git
const load = loadavg()[0] ?? 0;
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await once(dir));
const overhead = runs.map((r) => r.wallMs - r.commandsMs);
const result = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    loadavg1: load,
  },
  runs: RUNS,
  medianWallMs: Math.round(median(runs.map((r) => r.wallMs))),
  medianCommandsMs: Math.round(median(runs.map((r) => r.commandsMs))),
  medianOverheadMs: Math.round(median(overhead)),
  maxOverheadMs: Math.round(Math.max(...overhead)),
  all: runs.map((r) => ({ wallMs: Math.round(r.wallMs), commandsMs: Math.round(r.commandsMs) })),
};
const md = `# recipe-suite engine overhead

A five-tier run (install, upgrade from 1.0.0+1.0, backup, restore, custom) of no-op commands
with the command backend; overhead = wall time − the commands' own time. ${String(RUNS)} runs after
one warm-up; ${result.machine.cpu}, ${String(result.machine.cores)} cores, Node ${result.machine.node},
load average ${load.toFixed(1)} at the start; ${result.date}.

| | median | max |
| --- | --- | --- |
| wall time | ${String(result.medianWallMs)} ms | ${String(Math.round(Math.max(...runs.map((r) => r.wallMs))))} ms |
| commands' own time | ${String(result.medianCommandsMs)} ms | |
| **engine overhead** | **${String(result.medianOverheadMs)} ms** | ${String(result.maxOverheadMs)} ms |

Target ≤ 1000 ms: ${result.maxOverheadMs <= 1000 ? 'met' : 'not met'} (max of ${String(RUNS)} runs).
`;
writeFileSync(
  join('bench', 'recipe-suite', 'results.json'),
  `${JSON.stringify(result, null, 2)}\n`,
);
writeFileSync(join('bench', 'recipe-suite', 'results.md'), md);
process.stdout.write(md);
