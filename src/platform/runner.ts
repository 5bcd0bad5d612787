/**
 * The boundary between our code and whatever runs it. Two implementations: the Actions runner
 * (GitHub, Gitea, Forgejo, act — through @actions/core) and the command line. Everything above
 * this interface is the same code in both.
 */
import type { Platform } from './detect.ts';
import type { InputSource } from './inputs.ts';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /**
   * What a program printed (a recipe command, an app's log, a tool): data, never a command to
   * the runner nor a verdict of the step, however its lines begin.
   */
  output(text: string): void;
}

export interface Runner {
  readonly platform: Platform;
  readonly inputs: InputSource;
  readonly log: Logger;
  /** Hide a value from every later log line. */
  mask(value: string): void;
  /** Secrets the runner knew before the step (the CLI's secret-named env vars), to redact everywhere. */
  readonly knownSecrets?: readonly string[];
  setOutput(name: string, value: string): void;
  /** Set an env variable for this process and every later step of the job. */
  exportVariable(name: string, value: string): void;
  saveState(key: string, value: string): void;
  getState(key: string): string | undefined;
  /** A collapsible log group around fn; the group closes even when fn throws. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Append Markdown to the job summary where there is one; a no-op elsewhere. */
  appendSummary(markdown: string): Promise<void>;
  /** Mark the step failed with this message (the step's exit code is the wrapper's business). */
  fail(message: string): void;
  /** A post step could not remove something: a warning, and for a calling run, left behind. */
  leftover(message: string): void;
}
