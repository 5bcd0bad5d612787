/**
 * The `abra` backend: a Co-op Cloud recipe deployed with abra onto a Docker Swarm, through the
 * same commands an operator types. What we learned about abra, and where:
 *
 * - abra keeps all its state under `$ABRA_DIR` (default `~/.abra`): servers, app env files
 *   (`servers/<server>/<domain>.env`) and recipe checkouts (`recipes/<recipe>`)
 *   (docs.coopcloud.tech, operators handbook). Each run gets its own ABRA_DIR in its work dir,
 *   so two runs on one server never see each other's apps, env files or recipe checkouts — a
 *   shared `~/.abra/recipes` is exactly how another abra CI deployed the wrong tree when a person
 *   switched the checkout mid-run (recipe-maintainers/cc-ci, memory "shared-recipe-checkout-race").
 * - abra deploys the recipe from `$ABRA_DIR/recipes/<recipe>`, a git repository: a version
 *   argument makes abra check that tag out; `--chaos` deploys the working tree as it is, unstaged
 *   changes included (maintainers handbook; operators handbook "How is the new deployment version
 *   determined?"). `abra app new` without a version moves the checkout to the newest release
 *   (cc-ci memory "abra-chaos-deploy-checkout-gotcha"). So the candidate — a checkout that may
 *   carry no tag — is copied there, `.git` and tags included, and copied again right before every
 *   chaos deploy; a published version is deployed by its tag from the same copy.
 * - `abra app new`, `deploy` and `upgrade` write `TYPE=<recipe>:<version>` into the app env.
 * - `abra server add --local` makes this machine the server, named `default`.
 * - `-n` is abra's `--no-input`: no prompt ever waits for a person in CI.
 * - `abra app rm` deletes the app's secrets, volumes and env file, and refuses while the app is
 *   deployed, so teardown undeploys first. PLATFORM-FACTS lists `--volumes` (older abra); the
 *   abra releases we pin describe `app rm` as removing volumes and secrets by default, so we pass
 *   `--force -n` — the e2e workflow against real abra is the check on this.
 * - Health beyond HTTP is read from the swarm with `docker service ls` (see swarm.ts).
 * - The lint tier is `abra recipe lint` on the candidate's copy; how it runs and what its answer
 *   means is in abra-lint.ts.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { abortableSleep } from '../shared/sleep.ts';
import { mergeAppEnv } from './app-env.ts';
import {
  limitNow,
  type Backend,
  type BackendStep,
  type DeploySource,
  type TimeLimit,
} from './backend.ts';
import { describeEnd, type ProgramResult, runProgram, succeeded } from '../process/run-program.ts';
import { runAbraLint } from './abra-lint.ts';
import { stackName, Swarm } from './swarm.ts';
import { commitFolder } from '../recipe/git.ts';

/** How long a diagnostics command may take; `abra app logs` may follow the logs until cut. */
const DIAGNOSTICS_TIMEOUT_MS = 30_000;
const HEALTH_POLL_MS = 2000;
/** How long after a first look at full replica counts the second look comes. */
const HEALTH_CONFIRM_MS = 1500;

export interface AbraBackendOptions {
  recipe: string;
  /** The `server` input: `local` for this machine, or a host abra reaches over SSH. */
  server: string;
  domain: string;
  /** This run's own ABRA_DIR. */
  abraDir: string;
  /** The checked-out recipe (the candidate). */
  candidateDir: string;
  /** Settings for the app env: the recipe config's `env`, then the env file (OIDC), which wins. */
  appEnv: Record<string, string>;
  signal: AbortSignal;
  /** Time limit of one abra command (a function: the suite's clock says what is left). */
  commandTimeoutMs: TimeLimit;
  /** How long services may take to reach their replica counts. */
  healthTimeoutMs: TimeLimit;
  /** HOME and PATH that make abra's SSH reach the handed-over machine (see abra-ssh.ts). */
  sshEnv?: { HOME: string; PATH: string };
  /** Executables, for tests and odd installs; default `abra` and `docker` from PATH. */
  abra?: string;
  docker?: string;
}

/** abra's name for the server: `abra server add --local` registers this machine as `default`. */
export function abraServerName(server: string): string {
  return server === 'local' ? 'default' : server;
}

/** Where abra keeps the app's env file in `abraDir`. */
export function appEnvPath(abraDir: string, server: string, domain: string): string {
  return join(abraDir, 'servers', abraServerName(server), `${domain}.env`);
}

/** One abra command run in `abraDir`: whether it succeeded, how it ended in a line, its output. */
export async function runAbra(
  args: string[],
  options: {
    abra?: string | undefined;
    abraDir: string;
    env: NodeJS.ProcessEnv;
    timeoutMs: number;
    signal: AbortSignal;
  },
): Promise<{ ok: boolean; summary: string; result: ProgramResult }> {
  const { abraDir, env, timeoutMs, signal } = options;
  const result = await runProgram(options.abra ?? 'abra', args, {
    cwd: abraDir,
    env,
    timeoutMs,
    signal,
  });
  const ok = succeeded(result);
  const limit = `${String(Math.round(timeoutMs / 1000))}s`;
  return { ok, summary: `abra ${args.join(' ')}: ${describeEnd(result, limit)}`, result };
}

/** A recipe checkout, as it is (tags and all), where abra reads the recipe. */
export function placeRecipe(abraDir: string, recipe: string, checkout: string): void {
  const dir = join(abraDir, 'recipes', recipe);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(abraDir, 'recipes'), { recursive: true });
  cpSync(checkout, dir, { recursive: true, verbatimSymlinks: true });
}

/** The abra backend, plus what the janitor needs to remove an app this ABRA_DIR did not make. */
export interface AbraBackend extends Backend {
  /**
   * Take charge of an app found on the server: register the server, place the recipe and write
   * a minimal env file (`TYPE`, `DOMAIN`), which is all `abra app undeploy` and `abra app rm`
   * need — they find the stack, its secrets and its volumes by the app's stack name.
   */
  adopt(): Promise<BackendStep>;
}

export function abraBackend(options: AbraBackendOptions): AbraBackend {
  const { recipe, domain, abraDir, signal } = options;
  const server = abraServerName(options.server);
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.sshEnv, ABRA_DIR: abraDir };
  const stack = stackName(domain);
  const swarm = new Swarm({
    docker: options.docker ?? 'docker',
    context: options.server === 'local' ? undefined : server,
    env,
    cwd: abraDir,
    signal,
  });
  const envFile = appEnvPath(abraDir, options.server, domain);

  const abra = (args: string[], timeoutMs = limitNow(options.commandTimeoutMs)) =>
    runAbra(args, { abra: options.abra, abraDir, env, timeoutMs, signal });

  /** Run abra commands in order, stopping at the first that fails. */
  const steps = async (
    ...commands: (string[] | (() => BackendStep | Promise<BackendStep>))[]
  ): Promise<BackendStep> => {
    const results: ProgramResult[] = [];
    const done: string[] = [];
    for (const command of commands) {
      if (typeof command === 'function') {
        const step = await command();
        results.push(...step.results);
        if (!step.ok) return { ok: false, summary: step.summary, results };
        done.push(step.summary);
        continue;
      }
      const { ok, summary, result } = await abra(command);
      results.push(result);
      if (!ok) return { ok: false, summary, results };
      done.push(`abra ${command.slice(0, 2).join(' ')}`);
    }
    return { ok: true, summary: done.join(', '), results };
  };

  let serverAdded = false;
  const addServer = (): string[] | (() => BackendStep) => {
    if (serverAdded || existsSync(join(abraDir, 'servers', server))) {
      return () => ({ ok: true, summary: 'server known', results: [] });
    }
    serverAdded = true;
    mkdirSync(abraDir, { recursive: true });
    return options.server === 'local'
      ? ['server', 'add', '--local', '-n']
      : ['server', 'add', options.server, '-n'];
  };

  /**
   * The candidate checkout, as it is, where abra reads the recipe. A recipe in a folder of a
   * larger repository has no `.git` of its own; its copy becomes a one-commit repository.
   */
  const placeCandidate = async (): Promise<BackendStep> => {
    placeRecipe(abraDir, recipe, options.candidateDir);
    if (existsSync(join(options.candidateDir, '.git'))) {
      return { ok: true, summary: 'recipe placed', results: [] };
    }
    try {
      await commitFolder(join(abraDir, 'recipes', recipe));
    } catch (error) {
      return { ok: false, summary: (error as Error).message, results: [] };
    }
    return { ok: true, summary: 'recipe placed (a folder, committed once)', results: [] };
  };

  /** The run's settings into the app env, between `app new` and the first deploy. */
  const mergeEnv = (): BackendStep => {
    if (!existsSync(envFile)) {
      return {
        ok: false,
        summary: `abra app new left no env file at ${envFile}`,
        results: [],
      };
    }
    const values = { ...options.appEnv };
    writeFileSync(envFile, mergeAppEnv(readFileSync(envFile, 'utf8'), values), { mode: 0o600 });
    return {
      ok: true,
      summary: `env merged (${String(Object.keys(values).length)} settings)`,
      results: [],
    };
  };

  /** What `deploy`/`upgrade` take for a source: its tag, or `--chaos` for an untagged candidate. */
  // A folder recipe's copy carries no tags, so its candidate can only be deployed as it is.
  const folderRecipe = !existsSync(join(options.candidateDir, '.git'));
  const versionArgs = (source: DeploySource): string[] =>
    source.version === undefined || (folderRecipe && source.dir === options.candidateDir)
      ? ['--chaos']
      : [source.version];

  return {
    name: 'abra',

    deploy: (source) =>
      steps(
        addServer(),
        placeCandidate,
        ['app', 'new', recipe, '-s', server, '-D', domain, ...versionArgs(source), '-n'],
        mergeEnv,
        ['app', 'secret', 'generate', domain, '-a', '-n'],
        // `app new` may have moved the checkout; a chaos deploy must see the candidate.
        ...(source.version === undefined ? [placeCandidate] : []),
        ['app', 'deploy', domain, ...versionArgs(source), '-n'],
      ),

    upgrade: (source) =>
      source.version === undefined
        ? steps(placeCandidate, ['app', 'deploy', domain, '--chaos', '--force', '-n'])
        : steps(['app', 'upgrade', domain, source.version, '-n']),

    health: async () => {
      const healthMs = limitNow(options.healthTimeoutMs);
      const deadline = Date.now() + healthMs;
      let last = 'no services yet';
      let seenOnce = false;
      for (;;) {
        let atCount = false;
        try {
          const services = await swarm.services(stack);
          const short = services.filter((s) => !(s.running >= s.desired));
          last =
            services.length === 0
              ? `no services of stack ${stack}`
              : services.map((s) => `${s.name} ${s.raw}`).join(', ');
          atCount = services.length > 0 && short.length === 0;
          if (atCount) {
            const starting = await swarm.tasksNotRunning(stack);
            if (starting.length > 0) {
              atCount = false;
              last = `${last}; not running yet: ${starting.join(', ').replace(/\t/g, ' ')}`;
            }
          }
        } catch (error) {
          last = (error as Error).message;
        }
        // Twice in a row: a crash-looping task is running for moments, so one look can catch it up.
        if (atCount && seenOnce) {
          return { ok: true, summary: `every service at its replica count: ${last}`, results: [] };
        }
        seenOnce = atCount;
        if (atCount && !signal.aborted) {
          await abortableSleep(HEALTH_CONFIRM_MS, signal);
          continue;
        }
        if (Date.now() >= deadline || signal.aborted) break;
        await abortableSleep(Math.min(HEALTH_POLL_MS, Math.max(0, deadline - Date.now())), signal);
      }
      const within = `${String(Math.round(healthMs / 1000))}s`;
      return {
        ok: false,
        summary: `services not at their replica counts within ${within}: ${last}`,
        results: [],
      };
    },

    backup: async () => {
      // abra hands the backup to the server's backup bot: where it lands is the server's, so
      // there is no path on the runner to check; the command's success is the check.
      const step = await steps(['app', 'backup', 'create', domain, '-n']);
      return { ...step, location: undefined };
    },

    restore: () => steps(['app', 'restore', domain, '-n']),

    teardown: async () => {
      if (!existsSync(envFile)) {
        return { ok: true, summary: `no app ${domain} in this run's abra dir`, results: [] };
      }
      let deployed = true;
      try {
        deployed = (await swarm.services(stack)).length > 0;
      } catch {
        // Cannot tell: undeploy anyway; rm needs it gone.
      }
      return steps(...(deployed ? [['app', 'undeploy', domain, '-n']] : []), [
        'app',
        'rm',
        domain,
        '--force',
        '-n',
      ]);
    },

    adopt: async () => {
      const step = await steps(addServer(), placeCandidate);
      if (!step.ok) return step;
      mkdirSync(join(abraDir, 'servers', server), { recursive: true });
      writeFileSync(envFile, `TYPE=${recipe}\nDOMAIN=${domain}\n`, { mode: 0o600 });
      return step;
    },

    diagnostics: async () => {
      const parts: string[] = [];
      try {
        parts.push(`tasks of ${stack}:\n${await swarm.tasks(stack)}`);
      } catch (error) {
        parts.push(`tasks of ${stack}: ${(error as Error).message}`);
      }
      const logs = await abra(['app', 'logs', domain, '-n'], DIAGNOSTICS_TIMEOUT_MS);
      parts.push(`abra app logs ${domain} (${logs.summary}):\n${logs.result.output.trim()}`);
      return parts.join('\n\n');
    },

    // The candidate is copied again first: a tier before may have moved abra's checkout to a tag.
    lint: async () => {
      const placed = await placeCandidate();
      if (!placed.ok) return placed;
      return runAbraLint({
        recipe,
        abra: options.abra,
        abraDir,
        env,
        timeoutMs: limitNow(options.commandTimeoutMs),
        signal,
      });
    },
  };
}

/** Remove a run's ABRA_DIR (its env files, its recipe copy) once its app is gone. */
export function removeAbraDir(abraDir: string): void {
  rmSync(abraDir, { recursive: true, force: true });
}
