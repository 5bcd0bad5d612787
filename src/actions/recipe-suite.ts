import type { ActionDefinition } from '../platform/context.ts';
import { notImplemented } from './not-implemented.ts';

export const recipeSuite: ActionDefinition = {
  name: 'recipe-suite',
  main({ inputs }) {
    inputs.required('recipe', "give the recipe's name");
    inputs.choice('backend', ['abra', 'command']);
    inputs.choice('mode', ['run', 'janitor', 'reconcile']);
    inputs.choice('keep', ['never', 'on-failure', 'always']);
    inputs.integer('repeat', { min: 1, max: 20 });
    inputs.boolean('allow-major');
    inputs.boolean('fail-fast');
    inputs.duration('max-age', { min: 60_000 });
    return Promise.reject(notImplemented('recipe-suite'));
  },
  post({ log }) {
    log.info('recipe-suite: no app was deployed, so there is nothing to remove');
    return Promise.resolve();
  },
};
