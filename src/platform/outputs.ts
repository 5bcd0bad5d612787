/**
 * Step outputs. Objects are written as JSON so the next step can `fromJSON` them. A value that
 * contains a secret must be declared secret, which masks it first; an undeclared one is a bug.
 */
import type { Secrets } from './secrets.ts';

export type OutputValue = string | number | boolean | object;

export class Outputs {
  private readonly written = new Map<string, string>();

  constructor(
    private readonly write: (name: string, value: string) => void,
    private readonly secrets: Secrets,
  ) {}

  set(name: string, value: OutputValue, options: { secret?: boolean } = {}): void {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (options.secret) {
      this.secrets.add(text);
    } else if (this.secrets.containedIn(text)) {
      throw new Error(`output "${name}" contains a secret but was not declared secret`);
    }
    this.written.set(name, text);
    this.write(name, text);
  }

  /** What this step has set so far (for tests and the command line's JSON). */
  all(): Record<string, string> {
    return Object.fromEntries(this.written);
  }
}
