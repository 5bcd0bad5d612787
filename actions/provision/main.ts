// The provision action's main step: one call into the shared core.
import { provision } from '../../src/actions/provision.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(provision, 'main');
