/**
 * How a step run as a child (`recipe-ci run`'s steps) tells its parent what happened: one JSON
 * object per line on a file descriptor of its own (RECIPE_CI_MASK_FD), never through its log.
 * The log is for people and carries what recipes, apps and tools print, so none of its text can
 * be a verdict: a teardown that prints `warning: the disk is 91% full` has left nothing behind.
 */
import { writeSync } from 'node:fs';

/** Something the step wants its parent to act on. */
export type StepEvent =
  /** A value to redact from everything after, as `::add-mask::` on a runner. */
  | { kind: 'secret'; value: string }
  /** The step's own warning or error: an annotation of the run; the last error is the reason. */
  | { kind: 'warning' | 'error'; message: string }
  /** A post step could not remove something: the run reports it as left behind. */
  | { kind: 'leftover'; message: string };

export const STEP_CHANNEL_VARIABLE = 'RECIPE_CI_MASK_FD';

/** Tell the calling run, when there is one (the channel's fd is in the environment). */
export function tellParent(env: NodeJS.ProcessEnv, event: StepEvent): void {
  const fd = Number(env[STEP_CHANNEL_VARIABLE] ?? Number.NaN);
  if (Number.isInteger(fd) && fd > 2) writeSync(fd, encodeStepEvent(event));
}

export function encodeStepEvent(event: StepEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** One channel line as an event; anything else (a half line, a foreign write) is ignored. */
export function parseStepEvent(line: string): StepEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined; // not ours: nothing on this channel is allowed to change the verdict
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { kind, value, message } = parsed as Record<string, unknown>;
  if (kind === 'secret' && typeof value === 'string' && value !== '') return { kind, value };
  if (
    (kind === 'warning' || kind === 'error' || kind === 'leftover') &&
    typeof message === 'string'
  ) {
    return { kind, message };
  }
  return undefined;
}
