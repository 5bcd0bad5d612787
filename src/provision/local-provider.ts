/**
 * The runner itself as the target, Co-op Cloud style: a single-node Docker Swarm on localhost.
 * It checks that the Docker engine answers (a runner without one fails here, not in the first
 * deploy), and with `swarm: true` makes it a Co-op Cloud server as the coop-cloud-server
 * template does: `docker swarm init` when the node is not in a swarm yet, and the `proxy` overlay
 * network recipes' compose files join, when it is missing. Destroying undoes only what we did:
 * it leaves the swarm only if this run created it, and removes `proxy` only if this run made it.
 */
import type { Logger } from '../platform/runner.ts';
import { type ProgramResult, runProgram } from '../process/run-program.ts';
import type { CreateRequest, Machine, MachineRef, Provider } from './provider.ts';

export interface LocalProviderOptions {
  swarm: boolean;
  log: Logger;
  env: NodeJS.ProcessEnv;
}

export function localProvider(options: LocalProviderOptions): Provider {
  const docker = (args: string[], signal: AbortSignal): Promise<ProgramResult> =>
    runProgram('docker', args, { env: options.env, signal });
  const why = (r: ProgramResult): string =>
    r.spawnError ?? (r.stderr.trim().split('\n').pop() || `exit code ${String(r.code)}`);

  return {
    name: 'local',

    async create(request: CreateRequest): Promise<Machine> {
      const info = await docker(
        ['info', '--format', '{{.ServerVersion}} {{.Swarm.LocalNodeState}}'],
        request.signal,
      );
      if (info.code !== 0) {
        throw new Error(
          `the Docker engine on this runner does not answer (${why(info)}); use a runner with Docker, or another provider`,
        );
      }
      const [version = '?', swarmState = 'inactive'] = info.stdout.trim().split(/\s+/);
      request.log.info(`Docker engine ${version} answers; swarm: ${swarmState}`);
      const ref: MachineRef = { name: request.name, id: 'localhost' };
      if (options.swarm && swarmState !== 'active') {
        // Remember before init: if it is cancelled half-way, post still leaves the swarm.
        ref.extra = { swarmInitialized: 'true' };
        request.remember(ref);
        const init = await docker(
          ['swarm', 'init', '--advertise-addr', '127.0.0.1'],
          request.signal,
        );
        if (init.code !== 0) throw new Error(`docker swarm init failed: ${why(init)}`);
        request.log.info('Initialised a single-node Docker Swarm');
      } else {
        request.remember(ref);
      }
      if (options.swarm) await ensureProxyNetwork(ref, request);
      return {
        ...ref,
        id: 'localhost',
        hosts: ['localhost'],
        user: request.user,
        details: { docker: version, swarm: options.swarm ? 'active' : swarmState },
      };
    },

    describe: () => Promise.resolve(undefined),

    async destroy(ref, signal) {
      if (ref.extra?.swarmInitialized !== 'true') {
        if (ref.extra?.proxyCreated !== 'true') return 'gone';
        const rm = await docker(['network', 'rm', PROXY_NETWORK], signal);
        if (rm.code !== 0) throw new Error(`docker network rm proxy failed: ${why(rm)}`);
        return 'destroyed';
      }
      const leave = await docker(['swarm', 'leave', '--force'], signal);
      if (leave.code !== 0) throw new Error(`docker swarm leave --force failed: ${why(leave)}`);
      return 'destroyed';
    },

    listOwnLeftovers: () => Promise.resolve([]),
    destroyLeftover: () => Promise.resolve(),
    removeByHand: (ref) =>
      ref.extra?.swarmInitialized === 'true'
        ? 'docker swarm leave --force'
        : ref.extra?.proxyCreated === 'true'
          ? 'docker network rm proxy'
          : 'nothing to remove: the runner was used as it was',
  };

  /** The `proxy` network Co-op Cloud recipes join as external; made only when missing. */
  async function ensureProxyNetwork(ref: MachineRef, request: CreateRequest): Promise<void> {
    const known = await docker(['network', 'inspect', PROXY_NETWORK], request.signal);
    if (known.code === 0) return;
    // Remembered before the create: a cancel half-way still removes it in post.
    ref.extra = { ...ref.extra, proxyCreated: 'true' };
    request.remember(ref);
    const made = await docker(
      [
        'network',
        'create',
        '--driver',
        'overlay',
        '--scope',
        'swarm',
        '--attachable',
        PROXY_NETWORK,
      ],
      request.signal,
    );
    if (made.code !== 0) throw new Error(`docker network create proxy failed: ${why(made)}`);
    request.log.info('Created the proxy overlay network');
  }
}

const PROXY_NETWORK = 'proxy';
