// The readiness action's main step: one call into the shared core.
import { readiness } from '../../src/actions/readiness.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(readiness, 'main');
