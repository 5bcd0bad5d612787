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
import { execFileSync, spawn } from 'node:child_process';
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

/** One line of act's `--json` log. */
export interface ActLine {
  msg: string;
  level: string;
  job?: string;
  jobID?: string;
  step?: string;
  stage?: string;
  jobResult?: string;
  stepResult?: string;
  matrix?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ActRun {
  code: number | null;
  lines: ActLine[];
  /** act's stderr and anything on stdout that was not JSON. */
  other: string;
  /** Each job's result by its name as act logs it (`recipe-ci/plan`, `recipe-ci/test (a)`). */
  jobs: Map<string, string>;
  /** Each step's result: `<job> / <stage> <step>` → success, failure, skipped. */
  steps: Map<string, string>;
  /** Each job's step outputs as act logged them (`set-output` lines): job → name → value. */
  outputs: Map<string, Record<string, string>>;
  /** Every line's message, for assertions and for a failing test's message. */
  text: string;
  seconds: number;
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
  const started = Date.now();
  const child = spawn(ACT, args, {
    cwd: options.workdir,
    // Secrets by name only: `-s NAME` takes the value from act's environment, not argv.
    env: {
      ...process.env,
      ...options.secrets,
      // act's own config and cache folders, not the machine's.
      XDG_CONFIG_HOME: join(work, 'config'),
      XDG_CACHE_HOME: join(work, 'xdg-cache'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let other = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (other += chunk));
  const timer = setTimeout(
    () => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
    },
    options.timeoutMs ?? 5 * 60_000,
  );
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  // RECIPE_CI_ACT_LOG_DIR keeps each run's raw log there, to read what act did.
  const keep = process.env.RECIPE_CI_ACT_LOG_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    writeFileSync(join(keep, `act-${String(started)}.jsonl`), stdout + other);
  }
  const lines: ActLine[] = [];
  for (const raw of stdout.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      lines.push(JSON.parse(raw) as ActLine);
    } catch {
      other += `${raw}\n`;
    }
  }
  const jobs = new Map<string, string>();
  const steps = new Map<string, string>();
  const outputs = new Map<string, Record<string, string>>();
  for (const line of lines) {
    // act pads job names to line its text log up; the names themselves have no trailing blanks.
    if (line.job !== undefined) line.job = line.job.trimEnd();
    if (line.job !== undefined && line.command === 'set-output') {
      const job = outputs.get(line.job) ?? {};
      job[String(line.name)] = String(line.arg);
      outputs.set(line.job, job);
    }
    if (line.job !== undefined && line.jobResult !== undefined) jobs.set(line.job, line.jobResult);
    if (line.job !== undefined && line.step !== undefined && line.stepResult !== undefined) {
      steps.set(`${line.job} / ${line.stage ? `${line.stage} ` : ''}${line.step}`, line.stepResult);
    }
  }
  const text = lines.map((l) => `${l.job ?? ''} | ${l.msg}`).join('\n');
  return {
    code,
    lines,
    other,
    jobs,
    steps,
    outputs,
    text,
    seconds: (Date.now() - started) / 1000,
    artifacts,
    cacheDir,
  };
}
