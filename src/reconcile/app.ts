/**
 * One long-lived app as the reconciler drives it. Each backend (the recipe's commands, abra)
 * gives these few operations; every change goes through the backend's own commands — the path
 * an operator would take — never around it.
 */
import type { BackendStep } from '../deploy/backend.ts';

export interface HealthVerdict {
  ok: boolean;
  summary: string;
}

export interface ReconcileApp {
  /** Where the backend reads the running version, for messages (`…/app.env`, `commands.version`). */
  readonly runningFrom: string;
  /** The running version's tag, or undefined when the app is not deployed. */
  runningVersion(): Promise<string | undefined>;
  /** First deploy of `version`. */
  deploy(version: string): Promise<BackendStep>;
  /** Move the running app to `version` in place, keeping its data; also a redeploy of the same. */
  upgrade(version: string): Promise<BackendStep>;
  /** Back up the app's data; `location` is what the backend says it wrote. */
  backup(): Promise<BackendStep & { location: string | undefined }>;
  /** Put a backup back; `version` is what runs afterwards (the last good one). */
  restore(location: string | undefined, version: string): Promise<BackendStep>;
  /** The health gate: the recipe's HTTP checks and what the backend itself can check. */
  health(): Promise<HealthVerdict>;
  /** What the backend can tell about a failure, never throwing. */
  diagnostics(): Promise<string>;
}
