/**
 * The runner itself as the target, Co-op Cloud style: a single-node Docker Swarm on localhost.
 * It checks that the Docker engine answers (a runner without one fails here, not in the first
 * deploy), and with `swarm: true` runs `docker swarm init` when the node is not in a swarm yet.
 * Destroying undoes only what we did: it leaves the swarm only if this run created it.
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
      if (ref.extra?.swarmInitialized !== 'true') return 'gone';
      const leave = await docker(['swarm', 'leave', '--force'], signal);
      if (leave.code !== 0) throw new Error(`docker swarm leave --force failed: ${why(leave)}`);
      return 'destroyed';
    },

    listOwnLeftovers: () => Promise.resolve([]),
    destroyLeftover: () => Promise.resolve(),
    removeByHand: (ref) =>
      ref.extra?.swarmInitialized === 'true'
        ? 'docker swarm leave --force'
        : 'nothing to remove: the runner was used as it was',
  };
}
