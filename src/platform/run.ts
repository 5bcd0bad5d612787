/**
 * The one wrapper every step runs through. It owns what each action would otherwise get subtly
 * wrong: failures for any thrown value, prefixed with the action's name; user mistakes told apart
 * from bugs; a post step that only runs when its main step started, and that warns instead of
 * failing the job; and cancellation — a SIGINT/SIGTERM aborts the main step's waits so it ends
 * promptly with its state saved, while a post step keeps cleaning up.
 */
import { CancelledError, ConfigurationError, getErrorMessage } from '../shared/errors.ts';
import { createContext, type ActionDefinition, type Phase } from './context.ts';
import type { Runner } from './runner.ts';

/** Exit codes, the same on the runner and the command line. */
export const ExitCode = { ok: 0, failed: 1, configuration: 2, cancelled: 130 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** State keys the wrapper itself keeps. */
export const WrapperState = { mainStarted: 'main-started', mainOutcome: 'main-outcome' } as const;
export type MainOutcome = 'success' | 'failure' | 'cancelled';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type SignalName = (typeof SIGNALS)[number];

/** Where signals come from: the process in production, an EventEmitter in tests. */
export interface SignalSource {
  on(event: SignalName, listener: () => void): unknown;
  off(event: SignalName, listener: () => void): unknown;
}

export interface RunOptions {
  signals?: SignalSource;
  /** Called on a second signal during main: the user (or the runner) insists. */
  onSecondSignal?: (signal: SignalName) => void;
}

export async function runStep(
  definition: ActionDefinition,
  phase: Phase,
  runner: Runner,
  options: RunOptions = {},
): Promise<ExitCode> {
  const signals = options.signals ?? process;
  const controller = new AbortController();
  const listeners = SIGNALS.map((signal) => {
    const listener = (): void => {
      onSignal(signal);
    };
    signals.on(signal, listener);
    return [signal, listener] as const;
  });
  const context = createContext(runner, phase, controller.signal);

  function onSignal(signal: SignalName): void {
    if (phase === 'post') {
      runner.log.warning(`${definition.name}: ${signal} during cleanup; finishing it first`);
    } else if (!controller.signal.aborted) {
      runner.log.warning(`${definition.name}: ${signal} received; stopping (cleanup follows)`);
      controller.abort(new CancelledError(signal));
    } else {
      options.onSecondSignal?.(signal);
    }
  }

  let outcome: MainOutcome = 'failure';
  try {
    if (phase === 'main') {
      context.state.set(WrapperState.mainStarted, 'true');
      await definition.main(context);
      outcome = 'success';
      return ExitCode.ok;
    }
    if (context.state.get(WrapperState.mainStarted) !== 'true') {
      runner.log.info(`${definition.name}: the main step did not start; nothing to clean up`);
      return ExitCode.ok;
    }
    await definition.post?.(context);
    return ExitCode.ok;
  } catch (error) {
    const message = getErrorMessage(error);
    if (phase === 'post') {
      runner.leftover(`${definition.name} cleanup: ${message}`);
      return ExitCode.ok;
    }
    if (!(error instanceof ConfigurationError) && error instanceof Error && error.stack) {
      runner.log.debug(error.stack);
    }
    const cancelled = controller.signal.aborted || error instanceof CancelledError;
    outcome = cancelled ? 'cancelled' : 'failure';
    const reason = controller.signal.reason as unknown;
    runner.fail(
      `${definition.name}: ${cancelled && reason instanceof CancelledError ? reason.message : message}`,
    );
    if (cancelled) return ExitCode.cancelled;
    return error instanceof ConfigurationError ? ExitCode.configuration : ExitCode.failed;
  } finally {
    if (phase === 'main') context.state.set(WrapperState.mainOutcome, outcome);
    for (const [signal, listener] of listeners) signals.off(signal, listener);
  }
}
