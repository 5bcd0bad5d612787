/**
 * The Runner on GitHub, Gitea, Forgejo and act, through @actions/core — the only file that
 * imports it. Inputs are read from INPUT_* ourselves so that "absent" and "empty" stay distinct
 * and defaults come from action.yml, never from code.
 */
import * as core from '@actions/core';
import { detectPlatform } from './detect.ts';
import type { InputSource } from './inputs.ts';
import type { Logger, Runner } from './runner.ts';
import { fencedLines } from './untrusted-output.ts';

export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function createActionsRunner(env: NodeJS.ProcessEnv = process.env): Runner {
  const inputs: InputSource = {
    get: (name) => env[inputEnvName(name)],
    label: (name) => `input "${name}"`,
    onSecret: () => undefined,
  };
  const log: Logger = {
    debug: (message) => {
      core.debug(message);
    },
    info: (message) => {
      core.info(message);
    },
    notice: (message) => {
      core.notice(message);
    },
    warning: (message) => {
      core.warning(message);
    },
    error: (message) => {
      core.error(message);
    },
    output: (text) => {
      for (const line of fencedLines(text)) core.info(line);
    },
  };
  return {
    platform: detectPlatform(env),
    inputs,
    log,
    mask: (value) => {
      core.setSecret(value);
    },
    setOutput: (name, value) => {
      core.setOutput(name, value);
    },
    exportVariable: (name, value) => {
      core.exportVariable(name, value);
    },
    saveState: (key, value) => {
      core.saveState(key, value);
    },
    getState: (key) => env[`STATE_${key}`],
    group: (title, fn) => core.group(title, fn),
    appendSummary: async (markdown) => {
      // Gitea ≤ 1.26 provides the file but never shows it; the log already has the same result.
      if (!env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    fail: (message) => {
      core.setFailed(message);
    },
    leftover: (message) => {
      core.warning(message);
    },
  };
}
