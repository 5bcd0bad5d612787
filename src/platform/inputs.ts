/**
 * Typed input parsing, done once per step. Each parser names the input, the problem with its
 * value and the fix, and throws a ConfigurationError before the action has done anything.
 * Defaults live in action.yml only: the runner (or the CLI, which reads action.yml) supplies them.
 */
import { parse as parseYamlDocument, YAMLParseError } from 'yaml';
import { ConfigurationError } from '../shared/errors.ts';
import { formatDuration, parseDurationMs } from '../shared/duration.ts';

/** Where raw input values come from: the runner's INPUT_* variables or command-line flags. */
export interface InputSource {
  /** The raw value, or undefined when the input was not given at all. */
  get(name: string): string | undefined;
  /** How the user refers to this input where they set it: `input "timeout"` or `--timeout`. */
  label(name: string): string;
  /** Called with every secret value as soon as it is read, so it is masked before any log line. */
  onSecret(value: string): void;
}

export interface NumberBounds {
  min?: number;
  max?: number;
}

const TRUE_VALUES = new Set(['true', 'True', 'TRUE']);
const FALSE_VALUES = new Set(['false', 'False', 'FALSE']);

export class Inputs {
  constructor(private readonly source: InputSource) {}

  /** How the user refers to an input where they set it: `input "timeout"` or `--timeout`. */
  label(name: string): string {
    return this.source.label(name);
  }

  /** A trimmed value, or undefined when empty or absent. */
  string(name: string): string | undefined {
    const raw = this.source.get(name)?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  }

  /** A value that must be present. */
  required(name: string, hint = 'set it'): string {
    const value = this.string(name);
    if (value === undefined) this.fail(name, `is required but empty; ${hint}`);
    return value;
  }

  /**
   * The value of an input that action.yml gives a default: the runner (or the CLI) always passes
   * one, so empty means the user blanked it. Defaults stay in action.yml, never in code.
   */
  defaulted<T>(name: string, value: T | undefined): T {
    if (value === undefined) {
      this.fail(name, "is empty; set a value, or remove the line to use action.yml's default");
    }
    return value;
  }

  /** A secret: masked the moment it is read. Multi-line values (keys) keep their line breaks. */
  secret(name: string): string | undefined {
    const raw = this.source.get(name);
    if (raw === undefined || raw.trim() === '') return undefined;
    this.source.onSecret(raw.trim());
    return raw.trim();
  }

  /** YAML 1.2 core-schema booleans only, as @actions/core does: no "yes", "1" or "on". */
  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (TRUE_VALUES.has(value)) return true;
    if (FALSE_VALUES.has(value)) return false;
    this.fail(name, `must be true or false; got "${value}"`);
  }

  integer(name: string, bounds: NumberBounds = {}): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^[+-]?\d+$/.test(value)) this.fail(name, `must be a whole number; got "${value}"`);
    const number = Number(value);
    if (!Number.isSafeInteger(number)) this.fail(name, `is too large; got "${value}"`);
    this.checkBounds(name, number, bounds, String);
    return number;
  }

  /** Milliseconds from `90s`, `10m`, `1h30m`, `500ms` or a bare number of seconds. */
  duration(name: string, bounds: NumberBounds = {}): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const ms = parseDurationMs(value);
    if (ms === undefined) {
      this.fail(name, `must be a duration like 90s, 10m or 1h30m; got "${value}"`);
    }
    this.checkBounds(name, ms, bounds, formatDuration);
    return ms;
  }

  /** Items separated by newlines or commas; blanks and surrounding space dropped. */
  list(name: string): string[] {
    const value = this.string(name);
    if (value === undefined) return [];
    return value
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /** One of a fixed set of words; the type narrows to that set. */
  choice<const T extends string>(name: string, options: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if ((options as readonly string[]).includes(value)) return value as T;
    this.fail(name, `must be one of ${options.join(', ')}; got "${value}"`);
  }

  /** A YAML block (a literal `|` block in the workflow), parsed; syntax errors give the line. */
  yaml(name: string): unknown {
    const value = this.string(name);
    if (value === undefined) return undefined;
    try {
      return parseYamlDocument(value, { prettyErrors: true, uniqueKeys: true });
    } catch (error) {
      const where =
        error instanceof YAMLParseError && error.linePos
          ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
          : '';
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      this.fail(name, `is not valid YAML${where}: ${detail}`);
    }
  }

  /** Throw a ConfigurationError that names the input the way the user set it. */
  fail(name: string, problem: string): never {
    throw new ConfigurationError(`${this.source.label(name)} ${problem}.`);
  }

  private checkBounds(
    name: string,
    value: number,
    { min, max }: NumberBounds,
    show: (n: number) => string,
  ): void {
    if (min !== undefined && value < min) this.fail(name, `must be at least ${show(min)}`);
    if (max !== undefined && value > max) this.fail(name, `must be at most ${show(max)}`);
  }
}
