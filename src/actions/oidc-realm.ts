import type { ActionDefinition } from '../platform/context.ts';
import { notImplemented } from './not-implemented.ts';

export const oidcRealm: ActionDefinition = {
  name: 'oidc-realm',
  main({ inputs }) {
    inputs.required('keycloak-url', 'give the base URL of the shared Keycloak');
    inputs.secret('admin-client-secret');
    inputs.secret('admin-password');
    inputs.choice('isolation', ['realm', 'client']);
    inputs.choice('cleanup', ['always', 'on-success', 'never']);
    inputs.choice('mode', ['create', 'janitor']);
    inputs.boolean('user');
    inputs.boolean('dry-run');
    inputs.duration('max-age', { min: 60_000 });
    inputs.yaml('env-map');
    return Promise.reject(notImplemented('oidc-realm'));
  },
  post({ log }) {
    log.info('oidc-realm: no realm was created, so there is nothing to delete');
    return Promise.resolve();
  },
};
