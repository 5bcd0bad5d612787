import type { ActionDefinition } from '../platform/context.ts';
import { notImplemented } from './not-implemented.ts';

export const provision: ActionDefinition = {
  name: 'provision',
  main({ inputs }) {
    inputs.choice('mode', ['create', 'janitor']);
    inputs.choice('keep', ['never', 'on-failure', 'always']);
    inputs.secret('hcloud-token');
    inputs.secret('private-key');
    inputs.duration('max-age', { min: 60_000 });
    inputs.boolean('dry-run');
    const provider = inputs.choice('provider', ['hcloud', 'ssh', 'local', 'command']);
    if (provider === undefined) inputs.required('provider', 'choose hcloud, ssh, local or command');
    return Promise.reject(notImplemented('provision'));
  },
  post({ log }) {
    log.info('provision: nothing was created, so there is nothing to destroy');
    return Promise.resolve();
  },
};
