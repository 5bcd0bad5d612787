/**
 * The abra and docker stand-ins (test/support/abra-stand-in/) as tests use them: a fresh
 * "server" state and call log per test, the env that puts the stand-ins first on PATH, and
 * readers for what they recorded. Given a real engine (`dockerHost`), the server is that
 * engine's swarm and the docker on PATH is the real CLI.
 *
 * They are stand-ins, not abra: abra itself remains out of reach because coopcloud.tech (its Go
 * module and coopcloud.tech/tagcmp) is not served by the module proxy here, so it cannot be built
 * in the lab. Each behaviour they model names its source in abra-stand-in/abra.mjs;
 * .github/workflows/e2e-abra.yml runs the same paths against the real release.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './temp-dir.ts';

export const STAND_IN_BIN = resolve('test', 'support', 'abra-stand-in');

/**
 * DOCKER_HOST for the `local` server when every server is meant to be a guest's own engine: a
 * socket that cannot exist, so a deploy that lands on `local` fails instead of silently using
 * this machine's engine.
 */
export const NO_LOCAL_ENGINE = 'unix:///nonexistent/recipe-ci-abra-stand-in/no-local-engine.sock';

/** The docker CLI the stand-ins' folder would otherwise shadow on PATH. */
function realDocker(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir === '' || resolve(dir) === STAND_IN_BIN) continue;
    if (existsSync(join(dir, 'docker'))) return join(dir, 'docker');
  }
  throw new Error('no docker CLI on PATH');
}

export interface StandInCall {
  tool: 'abra' | 'docker';
  argv: string[];
  abraDir: string;
  cwd: string;
  exit: number;
  error?: string;
  /** deploy and upgrade: the app env file as the deploy saw it. */
  envFile?: string;
  how?: 'version' | 'chaos' | 'upgrade';
  version?: string;
  head?: string;
  /** `app secret generate`: the values it made (a test looks for them where they must not be). */
  secrets?: { name: string; value: string }[];
}

export interface StandInSwarm {
  services: { name: string; stack: string; running: number; desired: number; createdAt: string }[];
  secrets: { name: string; createdAt: string }[];
  volumes: { name: string; stack: string; createdAt: string }[];
}

export class AbraStandIn {
  readonly dir = tempDir('recipe-ci-abra-stand-in-');
  readonly state = join(this.dir, 'server');
  readonly log = join(this.dir, 'calls.jsonl');

  /**
   * Env for a step or process: the stand-ins first on PATH; `fail` lists commands to fail (a
   * FATA, exit 1); `lintUnsatisfied` the lint rules (`R010`) `recipe lint` reports as not
   * satisfied; `appLogSecrets` makes `app logs` print the app's secret values; `version` is the
   * release `abra --version` names; `dockerHost` makes the local server a real engine, and
   * `serverEngines` every server added by host name its own engine, reached over ssh (and,
   * without `dockerHost`, the local server no engine at all: NO_LOCAL_ENGINE).
   */
  env(
    options: {
      fail?: string[];
      appLog?: string;
      appLogSecrets?: boolean;
      dockerHost?: string;
      /** Each server added by host name is that host's own engine, reached over ssh. */
      serverEngines?: boolean;
      lintUnsatisfied?: string[];
      version?: string;
    } = {},
  ): NodeJS.ProcessEnv {
    return {
      PATH: `${STAND_IN_BIN}:${process.env.PATH ?? ''}`,
      ...(options.dockerHost === undefined
        ? {}
        : { ABRA_STAND_IN_DOCKER: realDocker(), DOCKER_HOST: options.dockerHost }),
      ...(options.serverEngines === true
        ? {
            ABRA_STAND_IN_DOCKER: realDocker(),
            // A server added by host name sets its own DOCKER_HOST; `--local` must reach none.
            ...(options.dockerHost === undefined ? { DOCKER_HOST: NO_LOCAL_ENGINE } : {}),
          }
        : {}),
      ABRA_STAND_IN_STATE: this.state,
      ABRA_STAND_IN_LOG: this.log,
      ABRA_STAND_IN_FAIL: (options.fail ?? []).join(','),
      ...(options.appLog === undefined ? {} : { ABRA_STAND_IN_APP_LOG: options.appLog }),
      ...(options.appLogSecrets === true ? { ABRA_STAND_IN_APP_LOG_SECRETS: '1' } : {}),
      ...(options.version === undefined ? {} : { ABRA_STAND_IN_VERSION: options.version }),
      ABRA_STAND_IN_LINT_UNSATISFIED: (options.lintUnsatisfied ?? []).join(','),
    };
  }

  calls(): StandInCall[] {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as StandInCall);
  }

  /** Every secret value `app secret generate` made so far. */
  generatedSecrets(): string[] {
    return this.calls().flatMap((c) => (c.secrets ?? []).map((s) => s.value));
  }

  /** abra calls as command lines, e.g. `app deploy note-1a2b3c.ci.example.test --chaos -n`. */
  abraCommands(abraDir?: string): string[] {
    return this.calls()
      .filter((c) => c.tool === 'abra' && (abraDir === undefined || c.abraDir === abraDir))
      .map((c) => c.argv.join(' '));
  }

  swarm(): StandInSwarm {
    const file = join(this.state, 'swarm.json');
    if (!existsSync(file)) return { services: [], secrets: [], volumes: [] };
    return JSON.parse(readFileSync(file, 'utf8')) as StandInSwarm;
  }

  /** Put apps on the server as if earlier runs (or people) had left them. */
  seed(swarm: StandInSwarm): void {
    mkdirSync(this.state, { recursive: true });
    writeFileSync(join(this.state, 'swarm.json'), JSON.stringify(swarm));
  }
}
