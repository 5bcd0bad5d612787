// The run action's post step: every step's cleanup, in reverse, for every target.
import { fileURLToPath } from 'node:url';
import { createRunAction } from '../../src/actions/run.ts';
import { runActionStep } from '../../src/platform/entry.ts';

// Two levels below the package root both as actions/run/post.ts and as dist/run/post.js.
await runActionStep(createRunAction(fileURLToPath(new URL('../..', import.meta.url))), 'post');
