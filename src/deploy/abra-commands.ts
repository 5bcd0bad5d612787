/**
 * Every abra command line the product runs, built in one place, with where each flag and each
 * behaviour comes from. We pin to abra 0.13.0-beta, the release the Co-op Cloud operators' CI
 * pinned in May 2026 (git.autonomic.zone/recipe-maintainers/cc-ci, BACKLOG.md M1 and JOURNAL.md
 * M2, "abra 0.13.0-beta"). abra's own source (git.coopcloud.tech/toolshed/abra) could not be read
 * where this was written; where a fact comes from the operators' CI or the docs instead, it says
 * so, and .github/workflows/e2e-abra.yml runs these lines against the real release.
 *
 * - `-n` is `--no-input`: no prompt ever waits for a person.
 * - `app new <recipe> -s <server> -D <domain> [version | --chaos]`: `-D` is `--domain` here (it is
 *   `--no-domain-checks` on `app deploy`: the same letter, another flag; so the deploy flags below
 *   are spelled out).
 * - `app secret generate <domain> -a -m`: abra prints the values it generated, and `-m`
 *   (`--machine`) makes that answer machine-readable; the operators' CI passes it to keep values
 *   out of its logs (docs/secrets.md: "harness never prints secrets + abra doesn't echo"). We
 *   never keep or log that answer (abra-secrets.ts).
 * - A deployed version is sticky: abra writes it into the app env (`TYPE=` or `RECIPE=`) and
 *   later commands check that version out "unless you specify a version on the command-line
 *   (`[version]`), use `--chaos/-C` or `--ignore-env-version/-i`" (docs.coopcloud.tech operators
 *   handbook, "How is the new deployment version determined?", commit 2813257e "new version
 *   handling", 2025-01-02). So every command that reads the recipe says which tree it means:
 *   a version, or `--chaos` for the candidate as it is.
 * - `app deploy … --no-converge-checks` (`-c`): abra's converge monitor fails a deploy whose
 *   services are still inside a healthcheck `start_period` ("FATA deploy failed" on a deploy that
 *   does converge given time); the operators' CI skips it and gates readiness itself, strictly
 *   (cc-ci machine-docs/DECISIONS.md, 2026-05-29, "abra app deploy -c/--no-converge-checks").
 *   Ours is the backend's health gate (every service at its replica count twice in a row, no task
 *   still starting) and the recipe's HTTP checks. `app upgrade` gets it too.
 * - `app deploy … --no-domain-checks` (`-D`): abra checks that the app's domain resolves before
 *   it deploys ("These checks can be disabled by appending the -D or --no-domain-checks flag",
 *   the Co-op Cloud node stewards' notes on `.local` domains; their guides run
 *   `abra app deploy <domain> --no-domain-checks`). CI domains often resolve nowhere, so the flag
 *   is passed exactly when the runner cannot resolve the domain; a domain that resolves keeps
 *   abra's check.
 * - `app backup create` and `app restore` need a terminal: without one they stopped in the
 *   operators' CI, which runs them under util-linux `script` (PLATFORM-FACTS, "Real abra differs
 *   from our stand-in"), as it runs `recipe lint` (abra-lint.ts). So do we: `script -qec '<line>'
 *   /dev/null` gives abra a pseudo-terminal and passes its exit code on.
 * - `app rm --force`: removes the app's secrets and volumes with its env file, and refuses while
 *   the app is deployed (abra-backend.ts).
 */
import { describeEnd, type ProgramResult, runProgram, succeeded } from '../process/run-program.ts';

/** What a deploy puts in place: a published version by its tag, or the tree as it is (chaos). */
export interface AbraDeployArgs {
  /** The version tag; undefined deploys the recipe checkout as it is (`--chaos`). */
  version: string | undefined;
  /** Deploy over a running app (a redeploy, a rollback, an untagged upgrade). */
  force?: boolean;
  /** False when the runner cannot resolve the domain: abra would refuse before deploying. */
  domainChecks: boolean;
}

/** The source a command reads the recipe at: the version, or the checkout as it is. */
function tree(version: string | undefined): string[] {
  return version === undefined ? ['--chaos'] : [version];
}

export const abraArgs = {
  serverAdd: (server: string): string[] =>
    server === 'local' ? ['server', 'add', '--local', '-n'] : ['server', 'add', server, '-n'],

  appNew: (recipe: string, server: string, domain: string, version: string | undefined) => [
    'app',
    'new',
    recipe,
    '-s',
    server,
    '-D',
    domain,
    ...tree(version),
    '-n',
  ],

  /**
   * Secrets for the tree that will be deployed: without `--chaos` abra would read the recipe at
   * the env's version, or at the newest release when the env names none (an untagged candidate),
   * and miss a secret only the candidate adds.
   */
  secretGenerate: (domain: string, version: string | undefined): string[] => [
    'app',
    'secret',
    'generate',
    domain,
    '-a',
    '-m',
    ...(version === undefined ? ['--chaos'] : []),
    '-n',
  ],

  deploy: (domain: string, deploy: AbraDeployArgs): string[] => [
    'app',
    'deploy',
    domain,
    ...tree(deploy.version),
    ...(deploy.force === true ? ['--force'] : []),
    '--no-converge-checks',
    ...(deploy.domainChecks ? [] : ['--no-domain-checks']),
    '-n',
  ],

  upgrade: (domain: string, version: string): string[] => [
    'app',
    'upgrade',
    domain,
    version,
    '--no-converge-checks',
    '-n',
  ],

  backupCreate: (domain: string): string[] => ['app', 'backup', 'create', domain, '-n'],
  restore: (domain: string): string[] => ['app', 'restore', domain, '-n'],
  undeploy: (domain: string): string[] => ['app', 'undeploy', domain, '-n'],
  remove: (domain: string): string[] => ['app', 'rm', domain, '--force', '-n'],
  logs: (domain: string): string[] => ['app', 'logs', domain, '-n'],
  /** See abra-lint.ts for `--chaos` and `--offline` here. */
  lint: (recipe: string): string[] => ['recipe', 'lint', recipe, '--chaos', '--offline', '-n'],
};

/** The abra commands that stop without a terminal: they run under `script`. */
export function needsTerminal(args: readonly string[]): boolean {
  const [first, second, third] = args;
  return (
    (first === 'app' && second === 'backup' && third === 'create') ||
    (first === 'app' && second === 'restore') ||
    (first === 'recipe' && second === 'lint')
  );
}

/** Terminal colours, cursor moves and CRs out: what a log and results.json should hold. */
export function plainText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
      .replace(/\r+\n/g, '\n')
      .replace(/\r/g, '\n')
  );
}

/** A word for `sh -c`, quoted unless it is plainly safe. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface RunAbraOptions {
  abra?: string | undefined;
  /** Where abra runs; each run's own ABRA_DIR. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal: AbortSignal;
}

/** One abra command: whether it succeeded, how it ended in a line, its output. */
export interface AbraRun {
  ok: boolean;
  summary: string;
  result: ProgramResult;
}

/**
 * Run one abra command; those that need a terminal (`needsTerminal`) run on a pseudo-terminal
 * from util-linux `script`, their output cleaned of what the terminal added.
 */
export async function runAbraCommand(args: string[], options: RunAbraOptions): Promise<AbraRun> {
  const abra = options.abra ?? 'abra';
  const limit = `${String(Math.round(options.timeoutMs / 1000))}s`;
  const command = `abra ${args.join(' ')}`;
  if (!needsTerminal(args)) {
    const result = await runProgram(abra, args, {
      cwd: options.cwd,
      env: options.env,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    return { ok: succeeded(result), summary: `${command}: ${describeEnd(result, limit)}`, result };
  }
  const line = [abra, ...args].map(shellWord).join(' ');
  const raw = await runProgram('script', ['-qec', line, '/dev/null'], {
    cwd: options.cwd,
    // script runs the line with $SHELL; a login shell of the runner's choice could be anything.
    env: { ...options.env, SHELL: '/bin/sh' },
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  const result: ProgramResult = {
    ...raw,
    output: plainText(raw.output),
    stdout: plainText(raw.stdout),
    stderr: plainText(raw.stderr),
    lastLine: plainText(raw.lastLine).trim(),
  };
  if (result.spawnError !== undefined) {
    return {
      ok: false,
      summary: `${command} needs a terminal, which util-linux script gives it, and script could not start (${result.spawnError}); install util-linux (bsdutils on Debian)`,
      result,
    };
  }
  return { ok: succeeded(result), summary: `${command}: ${describeEnd(result, limit)}`, result };
}
