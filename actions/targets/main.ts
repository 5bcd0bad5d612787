// The targets action's main step: one call into the shared core.
import { targets } from '../../src/actions/targets.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(targets, 'main');
