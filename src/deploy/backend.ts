/**
 * What a tier asks of the thing that deploys the app. Backends differ in how (abra commands, or
 * the recipe's own commands); the tiers, their order, their gates and their reports do not.
 */
import type { ProgramResult } from '../process/run-program.ts';

/** The backends, by the name the `backend` input gives them. */
export const BACKENDS = ['abra', 'command'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Which source a deploy uses: the checked-out candidate, or a published version's tag. */
export interface DeploySource {
  /** The version tag, or undefined for the candidate when it carries none. */
  version: string | undefined;
  /** A folder holding the recipe's files at that version. */
  dir: string;
}

export interface BackendStep {
  ok: boolean;
  /** How it ended, in a few words. */
  summary: string;
  results: ProgramResult[];
}

export interface Backend {
  readonly name: BackendName;
  /** A fresh deploy of `source` (the app is not running before). */
  deploy(source: DeploySource): Promise<BackendStep>;
  /** Move the running app to `source` in place, keeping its data. */
  upgrade(source: DeploySource): Promise<BackendStep>;
  /** Waits the backend knows of beyond HTTP (abra: every service at its replica count). */
  health(): Promise<BackendStep>;
  /** Create a backup; `location` is what the backend says it wrote. */
  backup(): Promise<BackendStep & { location: string | undefined }>;
  restore(location: string | undefined): Promise<BackendStep>;
  /** Remove the app, its volumes and its secrets. Safe to call when nothing is deployed. */
  teardown(): Promise<BackendStep>;
  /** What the backend can tell about a failure (logs, task states), never throwing. */
  diagnostics(): Promise<string>;
  /**
   * Lint the candidate's recipe files; nothing is deployed, so it needs no app. `skipped` says
   * why this backend has no lint for the recipe (the command backend without `commands.lint`).
   */
  lint(candidate: DeploySource): Promise<LintStep>;
}

/** A lint's result: a step, or why there is nothing to run. */
export type LintStep = BackendStep & { skipped?: string };

/** A time limit fixed once, or read each time (what is left of a tier's budget). */
export type TimeLimit = number | (() => number);

export function limitNow(limit: TimeLimit): number {
  return typeof limit === 'number' ? limit : limit();
}
