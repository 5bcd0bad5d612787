/**
 * State handed from a main step to its post step (STATE_* on the runner, a file on the command
 * line). State files sit on the runner's disk and in its diagnostics, so this store refuses any
 * value that contains a registered secret: a post step must get secrets from its inputs again.
 */
import type { Secrets } from './secrets.ts';
import { getErrorMessage } from '../shared/errors.ts';

export interface StateBackend {
  saveState(key: string, value: string): void;
  getState(key: string): string | undefined;
}

export class StateStore {
  constructor(
    private readonly backend: StateBackend,
    private readonly secrets: Secrets,
  ) {}

  set(key: string, value: string): void {
    if (this.secrets.containedIn(value)) {
      throw new Error(`refusing to save state "${key}": its value contains a secret`);
    }
    this.backend.saveState(key, value);
  }

  get(key: string): string | undefined {
    const value = this.backend.getState(key);
    return value === undefined || value === '' ? undefined : value;
  }

  setJson(key: string, value: unknown): void {
    this.set(key, JSON.stringify(value));
  }

  /** Absent is undefined; a value that does not parse is an error naming the key, never "absent". */
  getJson(key: string): unknown {
    const value = this.get(key);
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch (error) {
      throw new Error(
        `state "${key}" is not valid JSON (${getErrorMessage(error)}): what the main step made may be left behind; find it in the main step's log and remove it by hand`,
      );
    }
  }
}
