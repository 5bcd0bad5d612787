/**
 * Our Gitea example under the Gitea runner (gitea.com/gitea/runner, built by test/lab/setup.sh
 * into /opt/recipe-ci-lab/bin/gitea-runner). Its `exec` command runs a workflow on this machine
 * the way the runner runs a task Gitea gives it, with the engine it embeds (a fork of act), in
 * host mode (`-i -self-hosted`). Gitea itself does not run here, so:
 *
 * - the forge is a loopback git server (git-http-server.ts) over the test's folder of
 *   repositories (ActServer): recipe-ci at `v0`, the recipe under test, and the stand-ins of the
 *   third-party actions (test/engines/stand-ins), each committed and tagged `lab`. It is both
 *   the instance (`--gitea-instance`) and DEFAULT_ACTIONS_URL (`--default-actions-url`), so a
 *   short `actions/checkout@…` and a full-URL `uses:` both clone from it;
 * - `exec` takes no event payload: `github.event` is empty, as for a push from a laptop.
 */
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir.ts';
import type { ActServer } from './act.ts';
import { runEngineProcess, type EngineProcessResult } from './engine-process.ts';
import { startGitHttpServer, type GitHttpServer } from './git-http-server.ts';

export const GITEA_RUNNER = '/opt/recipe-ci-lab/bin/gitea-runner';
export const GITEA_RUNNER_VERSION = '1.0.8';
/** The tag the stand-in actions carry on the local forge. */
export const STAND_IN_REF = 'lab';

const STAND_INS = join(import.meta.dirname, 'stand-ins');

/**
 * What `<binary> --version` prints. A runner that cannot say is broken, not missing: this throws
 * with what it printed, rather than the tests carrying on with it.
 */
export function giteaRunnerVersion(binary = GITEA_RUNNER): string {
  const answer = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (answer.error === undefined && answer.status === 0) return answer.stdout.trim();
  // After a failed start spawnSync gives null in place of the output its types promise.
  const said = [answer.stdout as string | null, answer.stderr as string | null].join('').trim();
  const why = answer.error?.message ?? `exit ${String(answer.status ?? answer.signal)}`;
  throw new Error(
    `${binary} --version failed (${why})${said ? `: ${said}` : ''}; ` +
      'run `bash test/lab/setup.sh` as root to build it again',
  );
}

/** Why the Gitea runner test cannot run here, or undefined when it can. */
export function giteaRunnerUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) {
    return 'the Gitea runner test needs root: its test job gates a guest-lab guest (network namespaces, sshd)';
  }
  if (!existsSync(GITEA_RUNNER)) {
    return `${GITEA_RUNNER} is missing: run \`bash test/lab/setup.sh\` as root`;
  }
  const version = giteaRunnerVersion();
  if (!version.endsWith(` version v${GITEA_RUNNER_VERSION}`)) {
    return `${GITEA_RUNNER} says "${version}", the test expects v${GITEA_RUNNER_VERSION}: run \`bash test/lab/setup.sh\``;
  }
  return undefined;
}

/** The server's folder served over HTTP, with the stand-in actions added as repositories. */
export async function serveForge(server: ActServer): Promise<GitHttpServer> {
  for (const name of readdirSync(STAND_INS)) {
    const source = join(STAND_INS, name);
    if (!existsSync(join(source, 'action.yml'))) continue;
    const repo = tempDir(`recipe-ci-stand-in-${name}-`);
    cpSync(source, repo, { recursive: true });
    const git = (...args: string[]): void => {
      execFileSync('git', [
        '-C',
        repo,
        '-c',
        'user.name=ci',
        '-c',
        'user.email=ci@example.test',
        ...args,
      ]);
    };
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', `stand-in for actions/${name}`);
    git('tag', STAND_IN_REF);
    server.addRepository(`actions/${name}`, repo);
  }
  return startGitHttpServer(server.dir);
}

export interface GiteaRun extends EngineProcessResult {
  /** Where the stand-in upload-artifact put the artifacts (a folder per artifact). */
  artifacts: string;
  /** The runner's own work folders (host workspaces, action clones). */
  cacheDir: string;
}

export interface GiteaRunOptions {
  forge: GitHttpServer;
  /** The workflow file to run. */
  workflow: string;
  /** A git repository whose `origin` is on the forge: it names github.repository. */
  workdir: string;
  /** The event (`-E`): `exec` plans the jobs that event triggers. */
  event: string;
  secrets?: Record<string, string>;
  /** Folders put first on the steps' PATH. */
  path?: string[];
  /** More environment for the runner and its steps. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Run the Gitea runner's `exec` once and collect its log. */
export async function runGiteaRunner(options: GiteaRunOptions): Promise<GiteaRun> {
  const work = tempDir('recipe-ci-gitea-runner-');
  const artifacts = join(work, 'artifacts');
  const cacheDir = join(work, 'cache');
  mkdirSync(artifacts);
  const args = [
    'exec',
    ...['-W', options.workflow, '-E', options.event, '--json'],
    ...['-i', '-self-hosted'],
    // In host mode nothing copies the working directory: the checkout step must really run.
    '--no-skip-checkout',
    ...['--gitea-instance', options.forge.url, '--default-actions-url', options.forge.url],
    // The runner's artifact server, on loopback only (it would pick the machine's outbound address).
    ...['--artifact-server-path', join(work, 'artifact-server')],
    ...['--artifact-server-addr', '127.0.0.1', '--artifact-server-port', '0'],
    ...['--env', `RECIPE_CI_ACT_ARTIFACTS=${artifacts}`],
    // No `.env` file of the recipe's may leak into the run.
    ...['--env-file', join(work, 'none.env')],
  ];
  for (const name of Object.keys(options.secrets ?? {})) args.push('-s', name);
  const path = [...(options.path ?? []), process.env.PATH ?? '/usr/bin:/bin'].join(':');
  const run = await runEngineProcess(GITEA_RUNNER, args, {
    cwd: options.workdir,
    // Secrets by name only: `-s NAME` takes the value from the runner's environment, not argv.
    env: {
      ...process.env,
      ...options.env,
      ...options.secrets,
      PATH: path,
      XDG_CACHE_HOME: cacheDir,
    },
    timeoutMs: options.timeoutMs ?? 5 * 60_000,
  });
  return { ...run, artifacts, cacheDir };
}
