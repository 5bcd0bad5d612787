/**
 * A second signal to a step (a runner's SIGTERM after its SIGINT, a second Ctrl-C) makes it leave
 * at once; the programs it started have process groups of their own, so it ends them first —
 * actions/run's steps, and what those steps started in turn.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { alive, gone, killQuietly } from '../support/processes.ts';
import { tempDir } from '../support/temp-dir.ts';

interface Outer {
  pid: number;
  /** Resolves with the exit code once the outer step has ended. */
  exited: Promise<number | null>;
  /** Resolves once stdout or stderr has printed a line matching `pattern`; fails after 15 s. */
  printed(pattern: RegExp): Promise<void>;
  /** What it printed so far, for a failure's message. */
  text(): string;
}

/** test/support/second-signal-step.ts, as a runner starts a step: its own process, no TTY. */
function startOuter(mode: string, argument: string, dir: string): Outer {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/second-signal-step.ts', mode, argument],
    {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, RUNNER_TEMP: dir, TMPDIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  const waiting: [RegExp, () => void][] = [];
  const take = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const [pattern, resolve] of waiting) if (pattern.test(text)) resolve();
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return {
    pid: child.pid ?? 0,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    printed: (pattern) =>
      new Promise((resolve, reject) => {
        if (pattern.test(text)) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          reject(new Error(`no ${String(pattern)} in 15 s; printed:\n${text}`));
        }, 15_000);
        waiting.push([
          pattern,
          () => {
            clearTimeout(timer);
            resolve();
          },
        ]);
      }),
    text: () => text,
  };
}

/** The pid `outer`'s step wrote to `file`; fails after 15 s. */
async function pidIn(file: string, outer: Outer): Promise<number> {
  const until = Date.now() + 15_000;
  while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    if (Date.now() > until) throw new Error(`no pid in ${file} in 15 s; printed:\n${outer.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number(readFileSync(file, 'utf8'));
}

test(
  'a second SIGTERM ends the child step that ignored the first, and then the step',
  // The child step ignores SIGTERM and would live 60 s.
  { timeout: 60_000 },
  async () => {
    const dir = tempDir('recipe-ci-signal-');
    const pidFile = join(dir, 'step.pid');
    const outer = startOuter('stubborn', pidFile, dir);
    let step: number | undefined;
    try {
      step = await pidIn(pidFile, outer);
      process.kill(outer.pid, 'SIGTERM');
      await outer.printed(/outer: SIGTERM received; stopping/);
      assert.ok(alive(step), 'the child step ignored the first SIGTERM');
      process.kill(outer.pid, 'SIGTERM');
      assert.equal(await outer.exited, 130);
      assert.ok(await gone(step, 10_000), `the child step ${String(step)} outlived the run`);
    } finally {
      killQuietly(step);
      killQuietly(outer.pid);
    }
  },
);

test(
  "a child step's own second signal ends the programs it started before it leaves",
  // The create-command ignores SIGTERM and would live 60 s.
  { timeout: 60_000 },
  async () => {
    const dir = tempDir('recipe-ci-signal-');
    const pidFile = join(dir, 'create.pid');
    const create = `trap '' TERM; echo $$ > '${pidFile}'; exec sleep 60`;
    const outer = startOuter('cli', create, dir);
    let command: number | undefined;
    try {
      command = await pidIn(pidFile, outer);
      process.kill(outer.pid, 'SIGTERM');
      // The child step (recipe-ci provision) took the first as a cancel: the command goes on.
      await outer.printed(/step: .*provision: SIGTERM received; stopping/);
      assert.ok(alive(command), 'the create-command ignored the SIGTERM');
      process.kill(outer.pid, 'SIGTERM');
      assert.equal(await outer.exited, 130);
      assert.ok(await gone(command, 10_000), `create-command ${String(command)} outlived the run`);
    } finally {
      killQuietly(command);
      killQuietly(outer.pid);
    }
  },
);
