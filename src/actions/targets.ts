import type { ActionDefinition } from '../platform/context.ts';
import { notImplemented } from './not-implemented.ts';

export const targets: ActionDefinition = {
  name: 'targets',
  main({ inputs }) {
    const list = inputs.yaml('targets');
    if (list === undefined) inputs.required('targets', 'give a YAML list of target names');
    return Promise.reject(notImplemented('targets'));
  },
};
