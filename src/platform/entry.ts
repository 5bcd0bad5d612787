/**
 * The few lines each dist entry runs: build the Actions runner, run one step, set the exit code.
 * No "am I the entry?" guard: Gitea starts actions with --preserve-symlinks-main, which breaks
 * comparisons of import.meta.url with argv[1]; each entry file simply calls this.
 */
import { endRunningPrograms } from '../process/run-program.ts';
import { createActionsRunner } from './actions-runner.ts';
import type { ActionDefinition, Phase } from './context.ts';
import { ExitCode, runStep } from './run.ts';

/**
 * On a second signal, how long the step's programs have after their SIGTERM before SIGKILL. A
 * runner sends SIGKILL 2.5 s after its SIGTERM, to the step's process alone: its programs have
 * process groups of their own and would outlive it (actions/run's steps and what they started).
 */
const SECOND_SIGNAL_GRACE_MS = 1500;

export async function runActionStep(definition: ActionDefinition, phase: Phase): Promise<void> {
  const code = await runStep(definition, phase, createActionsRunner(), {
    onSecondSignal: () => {
      // The runner sends SIGTERM 7.5 s after SIGINT; state is saved, so leave at once.
      void endRunningPrograms(SECOND_SIGNAL_GRACE_MS).finally(() => {
        process.exit(ExitCode.cancelled);
      });
    },
  });
  process.exitCode = code;
}
