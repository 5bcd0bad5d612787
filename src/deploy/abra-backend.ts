/**
 * The `abra` backend: a Co-op Cloud recipe deployed with abra onto a Docker Swarm, through the
 * same commands an operator types. The command lines themselves, and where each flag comes from,
 * are in abra-commands.ts; what we learned about abra's state and checkouts, and where:
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
 *   carry no tag — is copied there, `.git` and tags included, and copied again right before the
 *   commands of a chaos deploy; a published version is deployed by its tag from the same copy.
 * - `abra app new`, `deploy` and `upgrade` write `<recipe>:<version>` into the app env's `TYPE=`
 *   or `RECIPE=` line (app-env.ts), and later commands use that version unless told another
 *   (abra-commands.ts): every command here that reads the recipe names its version or `--chaos`.
 * - `abra server add --local` makes this machine the server, named `default`.
 * - `abra app secret generate` prints the values it generated: they are registered as secrets and
 *   never kept (abra-secrets.ts).
 * - `abra app rm` deletes the app's secrets, volumes and env file, and refuses while the app is
 *   deployed, so teardown undeploys first. PLATFORM-FACTS lists `--volumes` (older abra); the
 *   abra releases we pin describe `app rm` as removing volumes and secrets by default, so we pass
 *   `--force -n` — the e2e workflow against real abra is the check on this.
 * - Health beyond HTTP is read from the swarm with `docker service ls` (see swarm.ts); abra's own
 *   converge monitor is off (`--no-converge-checks`), so this gate is the one that counts.
 * - The lint tier is `abra recipe lint` on the candidate's copy; how it runs and what its answer
 *   means is in abra-lint.ts.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import { abortableSleep } from '../shared/sleep.ts';
import { abraArgs, runAbraCommand, type AbraRun } from './abra-commands.ts';
import { withholdSecrets } from './abra-secrets.ts';
import { mergeAppEnv } from './app-env.ts';
import {
  limitNow,
  type Backend,
  type BackendStep,
  type DeploySource,
  type TimeLimit,
} from './backend.ts';
import type { ProgramResult } from '../process/run-program.ts';
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
  /** Each secret value abra generated for the app, to be masked before anything logs it. */
  onSecret?: (value: string) => void;
  /** Whether the runner resolves `domain` (abra checks that before a deploy); default DNS. */
  domainResolves?: (domain: string) => Promise<boolean>;
}

/** Whether the runner's resolver knows `domain`, as abra's domain check would ask it. */
export async function domainResolves(domain: string): Promise<boolean> {
  try {
    await lookup(domain);
    return true;
  } catch {
    return false;
  }
}

/** abra's name for the server: `abra server add --local` registers this machine as `default`. */
export function abraServerName(server: string): string {
  return server === 'local' ? 'default' : server;
}

/** Where abra keeps the app's env file in `abraDir`. */
export function appEnvPath(abraDir: string, server: string, domain: string): string {
  return join(abraDir, 'servers', abraServerName(server), `${domain}.env`);
}

/**
 * One abra command run in `abraDir`: whether it succeeded, how it ended in a line, its output.
 * Commands that need a terminal run on one (abra-commands.ts).
 */
export async function runAbra(
  args: string[],
  options: {
    abra?: string | undefined;
    abraDir: string;
    env: NodeJS.ProcessEnv;
    timeoutMs: number;
    signal: AbortSignal;
  },
): Promise<AbraRun> {
  const { abraDir, ...rest } = options;
  return runAbraCommand(args, { ...rest, cwd: abraDir });
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

  /** One abra command as a step; a failure's summary is abra's command and how it ended. */
  const abraStep =
    (args: string[] | (() => Promise<string[]>)) => async (): Promise<BackendStep> => {
      const line = Array.isArray(args) ? args : await args();
      const { ok, summary, result } = await abra(line);
      return {
        ok,
        summary: ok ? `abra ${line.slice(0, 2).join(' ')}` : summary,
        results: [result],
      };
    };

  /** Run steps (abra commands, or our own) in order, stopping at the first that fails. */
  const steps = async (
    ...commands: (string[] | (() => BackendStep | Promise<BackendStep>))[]
  ): Promise<BackendStep> => {
    const results: ProgramResult[] = [];
    const done: string[] = [];
    for (const command of commands) {
      const step = await (typeof command === 'function' ? command : abraStep(command))();
      results.push(...step.results);
      if (!step.ok) return { ok: false, summary: step.summary, results };
      done.push(step.summary);
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
    return abraArgs.serverAdd(options.server);
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
      await commitFolder(join(abraDir, 'recipes', recipe), { signal });
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

  /** The version `deploy`/`upgrade` name for a source; undefined for `--chaos`. */
  // A folder recipe's copy carries no tags, so its candidate can only be deployed as it is.
  const folderRecipe = !existsSync(join(options.candidateDir, '.git'));
  const versionOf = (source: DeploySource): string | undefined =>
    folderRecipe && source.dir === options.candidateDir ? undefined : source.version;

  /**
   * `abra app secret generate`: its answer holds the values it generated; they are registered as
   * secrets and the answer is never kept (abra-secrets.ts).
   */
  const generateSecrets = (version: string | undefined) => async (): Promise<BackendStep> => {
    const args = abraArgs.secretGenerate(domain, version);
    const { ok, summary, result } = await abra(args);
    const kept = withholdSecrets(result, (value) => options.onSecret?.(value));
    const made = `${String(kept.secrets.length)} secret${kept.secrets.length === 1 ? '' : 's'} generated`;
    return {
      ok,
      summary: ok ? `abra app secret (${made})` : summary,
      results: [kept.result],
    };
  };

  /** Whether abra's domain check can pass: asked once, the first time a deploy needs it. */
  let resolving: Promise<boolean> | undefined;
  const domainChecks = (): Promise<boolean> =>
    (resolving ??= (options.domainResolves ?? domainResolves)(domain));
  const deployArgs = (version: string | undefined, force: boolean) => async () =>
    abraArgs.deploy(domain, { version, force, domainChecks: await domainChecks() });

  return {
    name: 'abra',

    deploy: (source) => {
      const version = versionOf(source);
      return steps(
        addServer(),
        placeCandidate,
        abraArgs.appNew(recipe, server, domain, version),
        mergeEnv,
        // A chaos deploy reads the checkout as it is: it must be the candidate from here on.
        ...(version === undefined ? [placeCandidate] : []),
        generateSecrets(version),
        abraStep(deployArgs(version, false)),
      );
    },

    upgrade: (source) => {
      const version = versionOf(source);
      return version === undefined
        ? steps(placeCandidate, abraStep(deployArgs(undefined, true)))
        : steps(abraArgs.upgrade(domain, version));
    },

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
      const step = await steps(abraArgs.backupCreate(domain));
      return { ...step, location: undefined };
    },

    // Both need a terminal; runAbra gives them one (abra-commands.ts).
    restore: () => steps(abraArgs.restore(domain)),

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
      return steps(...(deployed ? [abraArgs.undeploy(domain)] : []), abraArgs.remove(domain));
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
      const logs = await abra(abraArgs.logs(domain), DIAGNOSTICS_TIMEOUT_MS);
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
