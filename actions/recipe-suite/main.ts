// The recipe-suite action's main step: one call into the shared core.
import { recipeSuite } from '../../src/actions/recipe-suite.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(recipeSuite, 'main');
