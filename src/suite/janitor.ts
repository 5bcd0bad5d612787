/**
 * `mode: janitor`: remove the apps of killed runs — ours, of this recipe, older than `max-age`.
 *
 * An app is ours when its domain has the shape every run gives it,
 * `<first 4 letters of recipe>-<6 hex>.<base-domain>`; this recipe's janitor takes only those with
 * this recipe's four letters, so it removes them with the right recipe and never touches an app a
 * person made (no such shape) or another base domain's. Age is what the server says.
 *
 * - abra: a fresh runner has no ABRA_DIR, so the apps are found on the server itself with
 *   read-only `docker service|secret|volume ls` and `inspect` (an app killed between
 *   `secret generate` and `deploy` has secrets and no services, so all three are read); its age
 *   is that of its oldest object. Each stale app is adopted into a fresh ABRA_DIR and removed
 *   with `abra app undeploy` and `abra app rm`, like any other; then the server is asked again,
 *   and an object of the app still there (abra said it removed it) makes it a leftover.
 * - command: the recipe's `.recipe-ci.yml` must give `commands.list`, which prints the apps it
 *   knows, one a line: `<domain> <created> [<state dir>]`, created as RFC 3339 or Unix seconds;
 *   each stale app is removed with `commands.teardown`, given `RECIPE_CI_DOMAIN` and
 *   `RECIPE_CI_STATE_DIR`.
 *
 * The action reads the inputs and reports; this finds, ages and removes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatDuration } from '../shared/duration.ts';
import { abraServerName, type AbraBackend } from '../deploy/abra-backend.ts';
import type { Backend } from '../deploy/backend.ts';
import { buildBackend } from '../deploy/backends.ts';
import type { RecipeConfig } from '../recipe/config.ts';
import { parseDockerTime, stackName, Swarm } from '../deploy/swarm.ts';
import { domainStem } from '../recipe/app-domain.ts';
import type { SuiteSettings } from './settings.ts';
import { runCommandLine, succeeded } from '../process/run-program.ts';
import { runnerTemp } from '../platform/run-origin.ts';

/** An app the janitor found. */
export interface FoundApp {
  domain: string;
  createdAt: Date;
  /** command backend: where the app kept its state, if the list said. */
  stateDir?: string;
}

export interface JanitorOptions {
  baseDomain: string;
  maxAgeMs: number;
  dryRun: boolean;
}

/** What the sweep did with each app it found, and the apps it could not remove. */
export interface JanitorSweep {
  rows: { domain: string; age: string; result: string }[];
  leftovers: string[];
}

export async function sweepApps(
  settings: SuiteSettings,
  options: JanitorOptions,
  config: RecipeConfig,
  { signal, log }: { signal: AbortSignal; log: (line: string) => void },
): Promise<JanitorSweep> {
  const { baseDomain } = options;
  const sweep: JanitorSweep = { rows: [], leftovers: [] };
  const workDir = mkdtempSync(join(runnerTemp(), 'recipe-ci-janitor-'));
  // The scratch ABRA_DIR (and its copies of the recipe) go, whatever happens.
  try {
    const abraDir = join(workDir, 'abra');
    const backendFor = (app: FoundApp): Backend =>
      buildBackend({
        backend: settings.backend,
        recipe: settings.recipe,
        recipePath: settings.recipePath,
        domain: app.domain,
        config,
        env: {
          ...process.env,
          ...config.env,
          RECIPE_CI_RECIPE: settings.recipe,
          RECIPE_CI_DOMAIN: app.domain,
          RECIPE_CI_STATE_DIR: app.stateDir ?? '',
          RECIPE_CI_SOURCE: settings.recipePath,
        },
        signal,
        commandTimeoutMs: 10 * 60_000,
        healthTimeoutMs: 0,
        server: settings.server ?? 'local',
        abraDir,
      });

    const swarm = settings.backend === 'abra' ? serverSwarm(settings, signal) : undefined;
    const found =
      swarm !== undefined
        ? await findAbraApps(swarm, settings.recipe, baseDomain)
        : await findCommandApps(settings, config, baseDomain, signal);
    const now = Date.now();
    for (const app of found) {
      const ageMs = now - app.createdAt.getTime();
      const age = Number.isNaN(ageMs) ? 'unknown' : formatDuration(ageMs);
      const row = (result: string): void => {
        sweep.rows.push({ domain: app.domain, age, result });
      };
      if (!(ageMs > options.maxAgeMs)) {
        row('kept (younger than max-age)');
        continue;
      }
      if (options.dryRun) {
        row('would remove (dry-run)');
        continue;
      }
      const backend = backendFor(app);
      const adopted = 'adopt' in backend ? await (backend as AbraBackend).adopt() : undefined;
      const down = adopted && !adopted.ok ? adopted : await backend.teardown();
      for (const result of down.results) if (result.output.trim()) log(result.output.trimEnd());
      const remaining = down.ok && swarm !== undefined ? await objectsOf(swarm, app.domain) : [];
      if (down.ok && remaining.length === 0) row('removed');
      else {
        row(
          `NOT removed: ${down.ok ? `still on the server after abra app rm: ${remaining.join(', ')}` : down.summary}`,
        );
        sweep.leftovers.push(app.domain);
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return sweep;
}

/** The domain of one of our apps of `recipe`, from a name that starts with its stack name. */
function ourDomain(name: string, recipe: string, baseDomain: string): string | undefined {
  const match = /^([a-z0-9]{1,4})-([0-9a-f]{6})_/.exec(name);
  if (!match || match[1] !== domainStem(recipe)) return undefined;
  const domain = `${match[1]}-${match[2] ?? ''}.${baseDomain}`;
  return name.startsWith(`${stackName(domain)}_`) ? domain : undefined;
}

/** The server's swarm as abra reaches it, for read-only queries. */
function serverSwarm(settings: SuiteSettings, signal: AbortSignal): Swarm {
  const server = settings.server ?? 'local';
  return new Swarm({
    docker: 'docker',
    context: server === 'local' ? undefined : abraServerName(server),
    env: process.env,
    cwd: process.cwd(),
    signal,
  });
}

const KINDS = ['service', 'secret', 'volume'] as const;

/** The services, secrets and volumes of `domain`'s stack on the server now. */
async function objectsOf(swarm: Swarm, domain: string): Promise<string[]> {
  const prefix = `${stackName(domain)}_`;
  const names: string[] = [];
  for (const kind of KINDS) {
    for (const name of await swarm.names(kind)) if (name.startsWith(prefix)) names.push(name);
  }
  return names;
}

async function findAbraApps(swarm: Swarm, recipe: string, baseDomain: string): Promise<FoundApp[]> {
  const apps = new Map<string, Date>();
  for (const kind of KINDS) {
    const byDomain = new Map<string, string[]>();
    for (const name of await swarm.names(kind)) {
      const domain = ourDomain(name, recipe, baseDomain);
      if (domain !== undefined) byDomain.set(domain, [...(byDomain.get(domain) ?? []), name]);
    }
    for (const [domain, names] of byDomain) {
      for (const created of await swarm.createdAt(kind, names)) {
        const known = apps.get(domain);
        if (known === undefined || created < known) apps.set(domain, created);
      }
    }
  }
  return [...apps].map(([domain, createdAt]) => ({ domain, createdAt }));
}

async function findCommandApps(
  settings: SuiteSettings,
  config: RecipeConfig,
  baseDomain: string,
  signal: AbortSignal,
): Promise<FoundApp[]> {
  const result = await runCommandLine(config.commands.list ?? '', {
    cwd: settings.recipePath,
    env: {
      ...process.env,
      ...config.env,
      RECIPE_CI_RECIPE: settings.recipe,
      RECIPE_CI_BASE_DOMAIN: baseDomain,
    },
    timeoutMs: 5 * 60_000,
    signal,
  });
  if (!succeeded(result)) {
    throw new Error(`commands.list failed: ${result.output.trim()}`);
  }
  const pattern = new RegExp(
    `^${domainStem(settings.recipe)}-[0-9a-f]{6}\\.${baseDomain.replace(/\./g, '\\.')}$`,
  );
  const apps: FoundApp[] = [];
  for (const line of result.output.split('\n')) {
    const [domain = '', created = '', stateDir] = line.trim().split(/\s+/);
    if (!pattern.test(domain)) continue;
    const createdAt = /^\d+$/.test(created)
      ? new Date(Number(created) * 1000)
      : parseDockerTime(created);
    apps.push({ domain, createdAt, ...(stateDir === undefined ? {} : { stateDir }) });
  }
  return apps;
}
