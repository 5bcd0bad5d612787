/**
 * What `cloud-init status --format json` says, across versions. 22.x reports `not run`,
 * `running`, `done`, `error` and exits 1 on error; 23.4+ reports `not started` instead of
 * `not run`, adds `extended_status` ("degraded done") and exits 2 when degraded. A shell without
 * cloud-init says 127. "Not run" is never "done": before cloud-init starts there is nothing to
 * wait on yet, and that is exactly when a naive gate passes too early.
 */

export type CloudInitState =
  'absent' | 'disabled' | 'not-started' | 'running' | 'done' | 'degraded' | 'error' | 'unknown';

export interface CloudInitObservation {
  state: CloudInitState;
  /** cloud-init's own error (or, when degraded, recoverable error) lines. */
  errors: string[];
  /** cloud-init's `detail`, or what went wrong reading it. */
  detail: string;
}

/** The states after which cloud-init will not change the machine any more. */
export const TERMINAL_STATES: ReadonlySet<CloudInitState> = new Set(['done', 'degraded', 'error']);

interface StatusJson {
  status?: unknown;
  extended_status?: unknown;
  errors?: unknown;
  recoverable_errors?: unknown;
  detail?: unknown;
}

export function interpretCloudInitStatus(
  exitCode: number | null,
  output: string,
): CloudInitObservation {
  if (exitCode === 127)
    return { state: 'absent', errors: [], detail: 'cloud-init is not installed' };
  const json = parseJsonObject(output);
  if (json === undefined) {
    return {
      state: 'unknown',
      errors: [],
      detail: firstLine(output) || `exit code ${String(exitCode)}`,
    };
  }
  const status = typeof json.status === 'string' ? json.status : '';
  const extended = typeof json.extended_status === 'string' ? json.extended_status : '';
  const detail = typeof json.detail === 'string' ? json.detail : '';
  switch (status) {
    case 'not run':
    case 'not started':
      return { state: 'not-started', errors: [], detail };
    case 'running':
      return { state: 'running', errors: [], detail };
    case 'disabled':
      return { state: 'disabled', errors: [], detail };
    case 'error':
      return { state: 'error', errors: stringList(json.errors), detail };
    case 'done':
      if (extended.startsWith('degraded') || exitCode === 2) {
        return { state: 'degraded', errors: recoverableErrors(json.recoverable_errors), detail };
      }
      return { state: 'done', errors: [], detail };
    default:
      return { state: 'unknown', errors: [], detail: `unexpected status "${status}"` };
  }
}

function parseJsonObject(text: string): StatusJson | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end < start) return undefined;
  try {
    const value = JSON.parse(text.slice(start, end + 1)) as unknown;
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `{"WARNING": ["…"], "DEPRECATED": ["…"]}` → `WARNING: …` lines. */
function recoverableErrors(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([level, lines]) =>
    stringList(lines).map((line) => `${level}: ${line}`),
  );
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/**
 * The cheap verdict from cloud-init's own files, for the common case only. cloud-init writes
 * `/run/cloud-init/result.json` when its final stage ends (in /run, so never left over from an
 * earlier boot) after the last `status.json`; `cloud-init status` reports `error` when a stage in
 * status.json lists errors and `degraded` (23.4+) when one lists recoverable errors, `done`
 * otherwise (cloudinit/cmd/status.py, get_status_details), and 22.4 still says `running` while
 * status.json names a current `stage` or a stage started and not finished (a rerun of a stage
 * after the boot). So a finished boot whose status.json shows none of these is `done`, without
 * starting Python; anything else returns undefined and the caller asks `cloud-init status`
 * itself, for its own words.
 */
export function doneFromStatusFile(statusJson: string): CloudInitObservation | undefined {
  const parsed = parseJsonObject(statusJson) as { v1?: unknown } | undefined;
  const v1 = parsed?.v1;
  if (typeof v1 !== 'object' || v1 === null) return undefined;
  const { stage: current } = v1 as { stage?: unknown };
  if (current !== undefined && current !== null && current !== '') return undefined;
  for (const stage of Object.values(v1 as Record<string, unknown>)) {
    if (typeof stage !== 'object' || stage === null) continue;
    const {
      errors,
      recoverable_errors: recoverable,
      start,
      finished,
    } = stage as {
      errors?: unknown;
      recoverable_errors?: unknown;
      start?: unknown;
      finished?: unknown;
    };
    if (Array.isArray(errors) && errors.length > 0) return undefined;
    if (typeof start === 'number' && start !== 0 && !finished) return undefined;
    if (typeof recoverable === 'object' && recoverable !== null) {
      if (Object.values(recoverable).some((list) => Array.isArray(list) && list.length > 0)) {
        return undefined;
      }
    }
  }
  return { state: 'done', errors: [], detail: 'result.json written, status.json lists no errors' };
}
