/**
 * Every secret value the step has seen. Registering one masks it on the runner at once; the same
 * registry redacts our own log lines (the command line has no runner to mask for it) and guards
 * state and outputs against carrying a secret in clear.
 */

/** Lines shorter than this are not masked on their own: masking "-----" would blank every log. */
const MIN_LINE_TO_MASK = 8;

export class Secrets {
  private readonly values = new Set<string>();

  constructor(private readonly mask: (value: string) => void) {}

  /**
   * Register a secret. A multi-line value (a private key) is also registered line by line,
   * because runners mask per line and a log may print a single line of it.
   */
  add(value: string): void {
    const parts = [value, ...value.split(/\r?\n/).map((line) => line.trim())];
    for (const part of parts) {
      if (part.length === 0 || this.values.has(part)) continue;
      if (part !== value && part.length < MIN_LINE_TO_MASK) continue;
      this.values.add(part);
      this.mask(part);
    }
  }

  /** True when the text contains any registered secret. */
  containedIn(text: string): boolean {
    for (const value of this.values) if (text.includes(value)) return true;
    return false;
  }

  /** The text with every registered secret replaced by ***; longest first so parts never leak. */
  redact(text: string): string {
    let result = text;
    const longestFirst = [...this.values].sort((a, b) => b.length - a.length);
    for (const value of longestFirst) result = result.split(value).join('***');
    return result;
  }
}
