// The run action's main step: the whole chain for every selected target.
import { fileURLToPath } from 'node:url';
import { createRunAction } from '../../src/actions/run.ts';
import { runActionStep } from '../../src/platform/entry.ts';

// Two levels below the package root both as actions/run/main.ts and as dist/run/main.js.
await runActionStep(createRunAction(fileURLToPath(new URL('../..', import.meta.url))), 'main');
