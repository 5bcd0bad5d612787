/**
 * Our workflows under act, the workflow engine nektos/act (GitHub Actions semantics), built by
 * test/lab/setup.sh into /opt/recipe-ci-lab/bin/act. act runs in host mode
 * (`-P ubuntu-latest=-self-hosted`): every step runs on this machine with its `node`, as on a
 * self-hosted runner. Nothing comes from a forge:
 *
 * - the run's server (GITHUB_SERVER_URL) is a folder of git repositories (`file://`): recipe-ci
 *   itself, a snapshot of this working tree tagged `v0` (what `uses: recipe-ci/recipe-ci/…@v0`
 *   and the workflow's own checkout of recipe-ci fetch), and the recipe under test;
 * - the third-party actions the workflows pin by SHA are served, at those SHAs, from the
 *   stand-ins in test/engines/stand-ins through act's `--local-repository`;
 * - artifacts go to a folder of the test's (the stand-ins' RECIPE_CI_ACT_ARTIFACTS).
 *
 * act's `--json` log is read from the outside: one JSON object a line, with the job's name and,
 * when a job or step ends, its `jobResult` or `stepResult`.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tempDir } from '../support/temp-dir.ts';
import { runEngineProcess, type EngineProcessResult } from './engine-process.ts';

/** Where test/lab/setup.sh builds act, and the version it pins. */
export const ACT = '/opt/recipe-ci-lab/bin/act';
export const ACT_VERSION = '0.2.89';

const ROOT = resolve(import.meta.dirname, '..', '..');
const STAND_INS = join(import.meta.dirname, 'stand-ins');
const REUSABLE = join('.github', 'workflows', 'recipe-ci.yml');

/** Why the engine tests cannot run here, or undefined when they can. */
export function actUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) {
    return 'the act tests need root: the test job gates a guest-lab guest (network namespaces, sshd)';
  }
  if (!existsSync(ACT)) return `${ACT} is missing: run \`bash test/lab/setup.sh\` as root`;
  const version = execFileSync(ACT, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `act version ${ACT_VERSION}`) {
    return `${ACT} says "${version}", the tests expect ${ACT_VERSION}: run \`bash test/lab/setup.sh\``;
  }
  return undefined;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-C', dir, '-c', 'user.name=ci', '-c', 'user.email=ci@example.test', ...args],
    { encoding: 'utf8' },
  ).trim();
}

/**
 * The run's server: `<dir>/<owner>/<repo>` git repositories, reached as `file://<dir>`. It
 * starts with recipe-ci at `v0`: this working tree's actions, dist/ and workflows as they are
 * on disk (committed or not), so the tests run the code under test.
 */
export class ActServer {
  readonly dir = tempDir('recipe-ci-act-server-');
  readonly url = `file://${this.dir}`;

  constructor() {
    const repo = join(this.dir, 'recipe-ci', 'recipe-ci');
    mkdirSync(repo, { recursive: true });
    const files = execFileSync(
      'git',
      [
        '-C',
        ROOT,
        'ls-files',
        '-co',
        '--exclude-standard',
        '-z',
        '--',
        'actions',
        'dist',
        '.github',
        'package.json',
      ],
      { encoding: 'utf8' },
    )
      .split('\0')
      .filter((f) => f !== '' && existsSync(join(ROOT, f)));
    for (const file of files) {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      cpSync(join(ROOT, file), join(repo, file));
    }
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'recipe-ci under test');
    git(repo, 'tag', 'v0');
  }

  /** Serve the git repository at `path` as `slug` (owner/name), in place of any before it. */
  addRepository(slug: string, path: string): void {
    const link = join(this.dir, slug);
    mkdirSync(dirname(link), { recursive: true });
    rmSync(link, { force: true });
    symlinkSync(path, link);
  }

  /** The reusable workflow as the server has it. */
  get reusableWorkflow(): string {
    return join(this.dir, 'recipe-ci', 'recipe-ci', REUSABLE);
  }
}

/** `--local-repository` for every `actions/<name>@<sha>` our reusable workflow uses. */
function standInMappings(server: ActServer): string[] {
  const text = readFileSync(join(ROOT, REUSABLE), 'utf8');
  const refs = new Set(
    Array.from(
      text.matchAll(/uses: (actions\/[\w-]+)@([0-9a-f]{40})/g),
      (m) => `${m[1] ?? ''}@${m[2] ?? ''}`,
    ),
  );
  return [...refs].map((ref) => {
    const name = ref.slice('actions/'.length, ref.indexOf('@'));
    const dir = join(STAND_INS, name);
    if (!existsSync(join(dir, 'action.yml'))) {
      throw new Error(`the workflow uses ${ref}, which has no stand-in in ${STAND_INS}`);
    }
    // The server's full address: act matches a bare owner/name only against an http(s) URL path.
    return `${server.url}/${ref}=${dir}`;
  });
}

/** One act run: its exit code and JSON log, and where its files went. */
export interface ActRun extends EngineProcessResult {
  /** Where the artifacts went (a folder per artifact). */
  artifacts: string;
  /** act's own work folders (host workspaces): must be empty of leftovers worth keeping. */
  cacheDir: string;
}

export interface ActOptions {
  server: ActServer;
  /** The event: `workflow_call`, `workflow_dispatch`, `pull_request`, … */
  event: string;
  /** The event's payload (`inputs` for workflow_call and workflow_dispatch). */
  payload: Record<string, unknown>;
  /** The workflow file to run. */
  workflow: string;
  /** act's working directory: a git repository whose `origin` names github.repository. */
  workdir: string;
  /** Only this job (`-j`). */
  job?: string;
  secrets?: Record<string, string>;
  /** Give up after this long (act ignores `timeout-minutes`). */
  timeoutMs?: number;
}

/** Run act once and collect its log. */
export async function runAct(options: ActOptions): Promise<ActRun> {
  const work = tempDir('recipe-ci-act-');
  const artifacts = join(work, 'artifacts');
  const cacheDir = join(work, 'cache');
  mkdirSync(artifacts);
  const eventFile = join(work, 'event.json');
  writeFileSync(eventFile, JSON.stringify(options.payload));
  const args = [
    options.event,
    ...['-W', options.workflow, '-e', eventFile, '--json'],
    ...['-P', 'ubuntu-latest=-self-hosted'],
    // Every checkout runs the stand-in (act would skip one of the workflow's own repository).
    '--no-skip-checkout',
    ...['--action-cache-path', cacheDir, '--no-cache-server'],
    ...['--env', `GITHUB_SERVER_URL=${options.server.url}`],
    ...['--env', `RECIPE_CI_ACT_ARTIFACTS=${artifacts}`],
    ...standInMappings(options.server).flatMap((m) => ['--local-repository', m]),
    ...(options.job ? ['-j', options.job] : []),
  ];
  for (const name of Object.keys(options.secrets ?? {})) args.push('-s', name);
  // Secrets by name only: `-s NAME` takes the value from act's environment, not argv.
  const run = await runEngineProcess(ACT, args, {
    cwd: options.workdir,
    env: {
      ...process.env,
      ...options.secrets,
      // act's own config and cache folders, not the machine's.
      XDG_CONFIG_HOME: join(work, 'config'),
      XDG_CACHE_HOME: join(work, 'xdg-cache'),
    },
    timeoutMs: options.timeoutMs ?? 5 * 60_000,
  });
  return { ...run, artifacts, cacheDir };
}
