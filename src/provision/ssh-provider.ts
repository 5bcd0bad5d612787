/**
 * An existing server, reached over SSH: nothing is created or destroyed. It is a provider only so
 * that its outputs have the same shape as the others' and a workflow can switch providers
 * without touching the steps after provision.
 */
import type { CreateRequest, Machine, Provider } from './provider.ts';

export function sshProvider(hosts: string[]): Provider {
  return {
    name: 'ssh',
    create(request: CreateRequest): Promise<Machine> {
      return Promise.resolve({
        name: request.name,
        id: hosts.join(','),
        hosts,
        user: request.user,
        details: { existing: true },
      });
    },
    describe: () => Promise.resolve(undefined),
    destroy: () => Promise.resolve('gone' as const),
    listOwnLeftovers: () => Promise.resolve([]),
    destroyLeftover: () => Promise.resolve(),
    removeByHand: () => 'nothing to remove: the ssh provider uses a server that already existed',
  };
}
