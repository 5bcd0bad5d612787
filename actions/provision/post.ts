// The provision action's post step: cleanup that warns instead of failing the job.
import { provision } from '../../src/actions/provision.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(provision, 'post');
