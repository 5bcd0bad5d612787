/**
 * The error taxonomy. A ConfigurationError is the user's to fix (a bad input, a malformed file):
 * it is reported without a stack and exits with its own code, before any side effect. Anything
 * else is our failure or the environment's and keeps its stack for the debug log.
 */

/** A mistake in what the user gave us: the message names the input, the problem and the fix. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** The step was cancelled (SIGINT/SIGTERM from the runner, or Ctrl-C on the command line). */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(readonly signal: string) {
    super(`cancelled by ${signal}`);
  }
}

/** The message of any thrown value — not only Error — so nothing fails as "[object Object]". */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    // undefined for undefined, functions and symbols, whatever lib.d.ts says.
    const json = JSON.stringify(error) as string | undefined;
    return json === undefined ? String(error) : json;
  } catch {
    return String(error);
  }
}
