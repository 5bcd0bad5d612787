/**
 * A typed fake of the Runner for unit tests: records every log line, mask, output, state write
 * and summary, and takes inputs from a plain object.
 */
import type { Platform } from '../../src/platform/detect.ts';
import type { Runner } from '../../src/platform/runner.ts';

export interface FakeRunner extends Runner {
  lines: string[];
  masked: string[];
  outputs: Record<string, string>;
  state: Record<string, string>;
  /** Variables exported for later steps of the job. */
  exported: Record<string, string>;
  summary: string;
  failures: string[];
  /** What post steps reported as left behind. */
  leftovers: string[];
}

export function fakeRunner(
  inputs: Record<string, string> = {},
  state: Record<string, string> = {},
  platform: Platform = { kind: 'github', rendersSummary: true, apiUrl: undefined },
): FakeRunner {
  const lines: string[] = [];
  const runner: FakeRunner = {
    platform,
    lines,
    masked: [],
    outputs: {},
    state: { ...state },
    exported: {},
    summary: '',
    failures: [],
    leftovers: [],
    inputs: {
      get: (name) => inputs[name],
      label: (name) => `input "${name}"`,
      onSecret: () => undefined,
    },
    log: {
      debug: (m) => lines.push(`debug: ${m}`),
      info: (m) => lines.push(m),
      notice: (m) => lines.push(`notice: ${m}`),
      warning: (m) => lines.push(`warning: ${m}`),
      error: (m) => lines.push(`error: ${m}`),
      output: (text) => lines.push(...text.split('\n').map((l) => `output: ${l}`)),
    },
    mask: (value) => runner.masked.push(value),
    setOutput: (name, value) => {
      runner.outputs[name] = value;
    },
    exportVariable: (name, value) => {
      runner.exported[name] = value;
    },
    saveState: (key, value) => {
      runner.state[key] = value;
    },
    getState: (key) => runner.state[key],
    group: async (title, fn) => {
      lines.push(`group: ${title}`);
      try {
        return await fn();
      } finally {
        lines.push('endgroup');
      }
    },
    appendSummary: (markdown) => {
      runner.summary += markdown;
      return Promise.resolve();
    },
    fail: (message) => runner.failures.push(message),
    leftover: (message) => {
      lines.push(`warning: ${message}`);
      runner.leftovers.push(message);
    },
  };
  return runner;
}
