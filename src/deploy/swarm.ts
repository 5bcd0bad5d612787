/**
 * Read-only questions to the Docker Swarm an abra app runs on: which services a stack has and
 * whether each is at its replica count, what its tasks did, and which stacks, secrets and volumes
 * exist (for the janitor). Only `ls`, `ps` and `inspect`: the abra backend changes an app through
 * abra alone, never `docker service update` or `docker service scale`.
 */
import { describeEnd, type ProgramResult, runProgram, succeeded } from '../process/run-program.ts';

/** Longest stack name abra uses; it cuts longer sanitised domains (abra's MAX_SANITISED_APP_NAME_LENGTH). */
const MAX_STACK_NAME = 45;

/**
 * The Docker stack abra deploys an app as: its domain with dots made underscores (Docker stack
 * names cannot hold dots), cut to abra's limit.
 */
export function stackName(domain: string): string {
  return domain.replace(/\./g, '_').slice(0, MAX_STACK_NAME);
}

export interface SwarmOptions {
  /** The docker CLI; `--context <name>` is added for a remote server. */
  docker: string;
  /** abra's docker context for a remote server; undefined for this machine. */
  context: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal: AbortSignal;
}

const QUERY_TIMEOUT_MS = 60_000;

export class Swarm {
  constructor(private readonly options: SwarmOptions) {}

  /** Run a read-only docker query; throws with its output when it fails. */
  async query(args: readonly string[]): Promise<ProgramResult> {
    const { docker, context } = this.options;
    const argv = [...(context === undefined ? [] : ['--context', context]), ...args];
    const result = await runProgram(docker, argv, {
      cwd: this.options.cwd,
      env: this.options.env,
      timeoutMs: QUERY_TIMEOUT_MS,
      signal: this.options.signal,
    });
    if (!succeeded(result)) {
      throw new Error(
        `${[docker, ...argv].slice(0, 4).join(' ')} … ${describeEnd(result, '60s')}: ${result.output.trim()}`,
      );
    }
    return result;
  }

  /** Each service of `stack` with its running and desired replica counts. */
  async services(stack: string): Promise<ServiceReplicas[]> {
    const result = await this.query([
      'service',
      'ls',
      '--filter',
      `label=com.docker.stack.namespace=${stack}`,
      '--format',
      '{{.Name}}\t{{.Replicas}}',
    ]);
    return lines(result).map((line) => {
      const [name = '', replicas = ''] = line.split('\t');
      // "2/3", "1/1 (max 1 per node)", and for global services also "1/1".
      const match = /^(\d+)\/(\d+)/.exec(replicas.trim());
      return {
        name,
        running: match ? Number(match[1]) : 0,
        desired: match ? Number(match[2]) : Number.NaN,
        raw: replicas.trim(),
      };
    });
  }

  /**
   * Tasks of `stack` that swarm wants running, or is about to start, but that are not Running
   * yet. In a rolling update (stop-first, swarm's default) the new task waits with desired state
   * Ready while the old one, already desired Shutdown, still runs and `service ls` still counts
   * 1/1 — for about a second and a half here — so neither the replica count nor a look at tasks
   * desired Running alone sees that the new version does not serve yet.
   */
  async tasksNotRunning(stack: string): Promise<string[]> {
    const result = await this.query([
      'stack',
      'ps',
      stack,
      '--format',
      '{{.Name}}\t{{.DesiredState}}\t{{.CurrentState}}',
    ]);
    return lines(result)
      .map((line) => line.split('\t'))
      .filter(([, desired = '', current = '']) => {
        const wanted = /^(Running|Ready)$/.test(desired.trim());
        return wanted && !/^Running\b/.test(current.trim());
      })
      .map(([name = '', desired = '', current = '']) =>
        desired.trim() === 'Running'
          ? `${name}\t${current}`
          : `${name}\t${current} (desired ${desired.trim()})`,
      );
  }

  /** The tasks of `stack` with their states and errors, as text for a report. */
  async tasks(stack: string): Promise<string> {
    const result = await this.query([
      'stack',
      'ps',
      stack,
      '--no-trunc',
      '--format',
      '{{.Name}}\t{{.Image}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}',
    ]);
    return result.output.trim();
  }

  /** Names of every service, secret or volume on the server. */
  async names(kind: 'service' | 'secret' | 'volume'): Promise<string[]> {
    return lines(await this.query([kind, 'ls', '--format', '{{.Name}}']));
  }

  /** When each named object was created (inspect's RFC 3339 `CreatedAt`). */
  async createdAt(kind: 'service' | 'secret' | 'volume', names: string[]): Promise<Date[]> {
    if (names.length === 0) return [];
    const result = await this.query([kind, 'inspect', '--format', '{{.CreatedAt}}', ...names]);
    return lines(result).map(parseDockerTime);
  }
}

/**
 * A time as `docker … inspect --format '{{.CreatedAt}}'` prints it: Go's default rendering for
 * services and secrets (`2026-01-02 03:04:05.123456789 +0000 UTC`), RFC 3339 for volumes.
 */
export function parseDockerTime(text: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?/.exec(
    text.trim(),
  );
  if (!match) return new Date(Number.NaN);
  const [, day, time, fraction = '', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return new Date(`${day ?? ''}T${time ?? ''}${fraction.slice(0, 4)}${offset}`);
}

export interface ServiceReplicas {
  name: string;
  running: number;
  desired: number;
  raw: string;
}

function lines(result: ProgramResult): string[] {
  return result.output
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
}
