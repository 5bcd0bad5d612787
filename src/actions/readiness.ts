import type { ActionDefinition } from '../platform/context.ts';
import { notImplemented } from './not-implemented.ts';

export const readiness: ActionDefinition = {
  name: 'readiness',
  main({ inputs }) {
    inputs.required(
      'hosts',
      'give one or more [user@]host[:port], separated by newlines or commas',
    );
    inputs.integer('port', { min: 1, max: 65535 });
    inputs.secret('private-key');
    inputs.duration('timeout', { min: 1000 });
    inputs.duration('connect-timeout', { min: 100 });
    inputs.duration('interval', { min: 10 });
    inputs.choice('cloud-init', ['wait', 'require', 'skip']);
    inputs.yaml('http');
    inputs.duration('job-timeout', { min: 1000 });
    return Promise.reject(notImplemented('readiness'));
  },
};
