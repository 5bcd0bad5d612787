// The recipe-suite action's post step: cleanup that warns instead of failing the job.
import { recipeSuite } from '../../src/actions/recipe-suite.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(recipeSuite, 'post');
