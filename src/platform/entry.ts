/**
 * The few lines each dist entry runs: build the Actions runner, run one step, set the exit code.
 * No "am I the entry?" guard: Gitea starts actions with --preserve-symlinks-main, which breaks
 * comparisons of import.meta.url with argv[1]; each entry file simply calls this.
 */
import { createActionsRunner } from './actions-runner.ts';
import type { ActionDefinition, Phase } from './context.ts';
import { runStep } from './run.ts';

export async function runActionStep(definition: ActionDefinition, phase: Phase): Promise<void> {
  const code = await runStep(definition, phase, createActionsRunner(), {
    onSecondSignal: () => {
      // The runner sends SIGTERM 7.5 s after SIGINT; state is saved, so leave at once.
      process.exit(130);
    },
  });
  process.exitCode = code;
}
