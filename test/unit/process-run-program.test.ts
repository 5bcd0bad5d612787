import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  describeEnd,
  type OutputStream,
  runCommandLine,
  runProgram,
  succeeded,
} from '../../src/process/run-program.ts';
import { alive, gone, killQuietly } from '../support/processes.ts';
import { tempDir } from '../support/temp-dir.ts';

test('exit code, lastLine, cwd and env reach the result', async () => {
  const dir = tempDir('recipe-ci-run-');
  const ok = await runCommandLine('pwd; echo "$GREETING"; echo', {
    cwd: dir,
    env: { ...process.env, GREETING: 'hello there' },
  });
  assert.equal(ok.code, 0);
  assert.ok(succeeded(ok));
  assert.equal(describeEnd(ok, '1s'), 'succeeded');
  assert.equal(ok.stdout, `${dir}\nhello there\n\n`);
  assert.equal(ok.lastLine, 'hello there');
  const failed = await runCommandLine('echo oops >&2; exit 3', {});
  assert.equal(failed.code, 3);
  assert.equal(succeeded(failed), false);
  assert.equal(describeEnd(failed, '1s'), 'exited with 3');
  assert.equal(failed.stderr, 'oops\n');
  assert.equal(failed.stdout, '');
  const direct = await runProgram('sh', ['-c', 'exit "$1"', 'sh', '7']);
  assert.equal(direct.code, 7);
});

test('arguments reach the program as they are, without a shell in between', async () => {
  const result = await runProgram('printf', ['%s|', 'a b', '$HOME', "it's", '*']);
  assert.equal(result.stdout, "a b|$HOME|it's|*|");
});

test('a time limit stops the whole process group, a child sleep included', async () => {
  let sleeper: number | undefined;
  try {
    const result = await runCommandLine('sleep 30 & echo $!; wait', {
      timeoutMs: 300,
      onLine: (line, stream) => {
        if (stream === 'stdout') sleeper = Number(line);
      },
    });
    assert.equal(result.timedOut, true);
    assert.equal(result.cancelled, false);
    assert.equal(result.code, null);
    assert.equal(succeeded(result), false);
    assert.equal(describeEnd(result, '0.3s'), 'did not finish within 0.3s');
    assert.ok(result.durationMs < 4000, `took ${String(result.durationMs)} ms`);
    assert.ok(sleeper !== undefined && sleeper > 0, 'the child sleep printed its pid');
    assert.ok(await gone(sleeper, 2000), `sleep ${String(sleeper)} is still running`);
  } finally {
    killQuietly(sleeper);
  }
});

test('an already aborted signal does not let the program run', async () => {
  const dir = tempDir('recipe-ci-run-');
  const marker = join(dir, 'ran');
  const result = await runCommandLine(`touch '${marker}'`, { signal: AbortSignal.abort() });
  assert.equal(result.cancelled, true);
  assert.equal(succeeded(result), false);
  assert.equal(describeEnd(result, '1s'), 'cancelled');
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(existsSync(marker), false);
});

test('an abort mid-run stops the program and its children', async () => {
  const controller = new AbortController();
  let sleeper: number | undefined;
  try {
    const result = await runCommandLine('sleep 30 & echo $!; wait', {
      signal: controller.signal,
      onLine: (line) => {
        sleeper = Number(line);
        controller.abort();
      },
    });
    assert.equal(result.cancelled, true);
    assert.equal(result.timedOut, false);
    assert.equal(result.code, null);
    assert.ok(result.durationMs < 4000, `took ${String(result.durationMs)} ms`);
    assert.ok(sleeper !== undefined && (await gone(sleeper, 2000)), 'the child sleep died');
  } finally {
    killQuietly(sleeper);
  }
});

test(
  'a program that ignores SIGTERM gets SIGKILL after the grace',
  { timeout: 10_000 },
  async () => {
    let shell: number | undefined;
    try {
      const result = await runCommandLine("trap '' TERM; echo $$; sleep 30; echo survived", {
        timeoutMs: 200,
        killGraceMs: 500,
        onLine: (line) => {
          shell ??= Number(line);
        },
      });
      assert.equal(result.timedOut, true);
      assert.equal(result.code, null);
      assert.doesNotMatch(result.output, /survived/);
      assert.ok(result.durationMs >= 650, `SIGKILL came after ${String(result.durationMs)} ms`);
      assert.ok(result.durationMs < 4000, `took ${String(result.durationMs)} ms`);
      assert.ok(shell !== undefined && (await gone(shell, 2000)), 'the shell died');
    } finally {
      killQuietly(shell);
    }
  },
);

test('output is kept as a bounded tail; stdout can be given a larger bound', async () => {
  const command = "head -c 5000 /dev/zero | tr '\\0' a; echo; echo END; echo e >&2";
  const small = await runCommandLine(command, { keepOutputChars: 1000, keepStdoutChars: 100 });
  assert.ok(succeeded(small));
  assert.equal(small.output.length, 1000);
  assert.ok(small.output.endsWith('END\ne\n'), small.output.slice(-20));
  assert.equal(small.stdout.length, 100);
  assert.ok(small.stdout.endsWith('a\nEND\n'));
  assert.equal(small.lastLine, 'END');
  const whole = await runCommandLine(command, { keepOutputChars: 1000, keepStdoutChars: 10_000 });
  assert.equal(whole.stdout.length, 5000 + '\nEND\n'.length);
  assert.equal(whole.output.length, 1000);
  const byDefault = await runCommandLine("head -c 100000 /dev/zero | tr '\\0' b", {});
  assert.equal(byDefault.stdout.length, 64 * 1024);
  assert.equal(byDefault.output.length, 64 * 1024);
});

test('onLine gets each line with its stream, a last line without newline included', async () => {
  const lines: [string, OutputStream][] = [];
  const result = await runCommandLine(
    "printf 'one\\ntwo\\n'; printf 'warn\\n' >&2; sleep 0.1; printf 'partial'; printf 'err-partial' >&2",
    {
      onLine: (line, stream) => {
        lines.push([line, stream]);
      },
    },
  );
  assert.ok(succeeded(result));
  const stdout = lines.filter(([, s]) => s === 'stdout').map(([l]) => l);
  const stderr = lines.filter(([, s]) => s === 'stderr').map(([l]) => l);
  assert.deepEqual(stdout, ['one', 'two', 'partial']);
  assert.deepEqual(stderr, ['warn', 'err-partial']);
});

test('a program that cannot start is reported in the result, not thrown', async () => {
  const missing = await runProgram('/nonexistent/recipe-ci-no-such-program', ['x']);
  assert.equal(missing.code, null);
  assert.match(missing.spawnError ?? '', /ENOENT/);
  assert.equal(succeeded(missing), false);
  assert.match(describeEnd(missing, '1s'), /^could not start \(.*ENOENT/);
  const noCwd = await runCommandLine('true', { cwd: '/nonexistent/recipe-ci-no-such-dir' });
  assert.match(noCwd.spawnError ?? '', /ENOENT/);
  assert.equal(succeeded(noCwd), false);
});

/** A node program that writes `parts` (bytes) one by one to fd `fd`, 150 ms apart. */
function writesInParts(fd: number, parts: number[][]): [string, string[]] {
  const script = `
const parts = ${JSON.stringify(parts)};
const fs = require('node:fs');
let i = 0;
const next = () => {
  fs.writeSync(${String(fd)}, Buffer.from(parts[i++]));
  if (i < parts.length) setTimeout(next, 150);
};
next();`;
  return [process.execPath, ['-e', script]];
}

test('a character split between two reads reaches the output and the lines whole', async () => {
  // 'é' is c3 a9 and '✓' is e2 9c 93: each is cut after its first byte.
  const parts = [
    [0x61, 0xc3],
    [0xa9, 0x0a, 0xe2],
    [0x9c, 0x93],
  ];
  const lines: [string, OutputStream][] = [];
  const onLine = (line: string, stream: OutputStream): void => {
    lines.push([line, stream]);
  };
  const [node, outArgs] = writesInParts(1, parts);
  const out = await runProgram(node, outArgs, { onLine });
  assert.ok(succeeded(out));
  assert.equal(out.stdout, 'aé\n✓');
  assert.equal(out.output, 'aé\n✓');
  assert.equal(out.lastLine, '✓');
  const [, errArgs] = writesInParts(2, parts);
  const err = await runProgram(node, errArgs, { onLine });
  assert.equal(err.stderr, 'aé\n✓');
  assert.deepEqual(lines, [
    ['aé', 'stdout'],
    ['✓', 'stdout'],
    ['aé', 'stderr'],
    ['✓', 'stderr'],
  ]);
  const channel: string[] = [];
  const [, channelArgs] = writesInParts(3, parts);
  await runProgram(node, channelArgs, { onChannel: (line) => channel.push(line) });
  assert.deepEqual(channel, ['aé', '✓']);
});

test('a line split between two reads comes to onLine as one line', async () => {
  const text = (s: string): number[] => [...Buffer.from(s)];
  const lines: string[] = [];
  const [node, args] = writesInParts(1, [text('hel'), text('lo\nwor'), text('ld\n')]);
  const result = await runProgram(node, args, { onLine: (line) => lines.push(line) });
  assert.ok(succeeded(result));
  assert.deepEqual(lines, ['hello', 'world']);
  const channel: string[] = [];
  const [, channelArgs] = writesInParts(3, [text('{"a"'), text(':1}\n{"b":2}\n')]);
  await runProgram(node, channelArgs, { onChannel: (line) => channel.push(line) });
  assert.deepEqual(channel, ['{"a":1}', '{"b":2}']);
});

test(
  'a program has ended when it exits, though what it left in the background holds its pipes',
  // The background sleep holds stdout and stderr for 60 s: waiting for them would time out.
  { timeout: 20_000 },
  async () => {
    let sleeper: number | undefined;
    try {
      const lines: [string, OutputStream][] = [];
      const result = await runCommandLine('sleep 60 & echo $!; echo done; echo bye >&2', {
        timeoutMs: 30_000,
        onLine: (line, stream) => lines.push([line, stream]),
      });
      sleeper = Number(result.stdout.split('\n')[0]);
      assert.equal(result.code, 0);
      assert.ok(succeeded(result));
      assert.equal(result.lastLine, 'done');
      assert.equal(result.stderr, 'bye\n');
      assert.deepEqual(
        lines.filter(([, stream]) => stream === 'stdout').map(([line]) => line),
        [String(sleeper), 'done'],
      );
      assert.deepEqual(
        lines.filter(([, stream]) => stream === 'stderr'),
        [['bye', 'stderr']],
      );
      assert.ok(alive(sleeper), 'the background sleep is left alone: it did not hold the result');
    } finally {
      killQuietly(sleeper);
    }
  },
);

test(
  'a time limit still ends what the program left holding its pipes, SIGTERM or not',
  { timeout: 20_000 },
  async () => {
    let stubborn: number | undefined;
    try {
      // bash ends at the SIGTERM; the sh it started ignores it and holds the pipes.
      const result = await runCommandLine(
        `sh -c "trap '' TERM; echo \\$\\$; exec sleep 60" & wait`,
        {
          timeoutMs: 300,
          killGraceMs: 500,
          onLine: (line) => {
            stubborn ??= Number(line);
          },
        },
      );
      assert.equal(result.timedOut, true);
      assert.equal(succeeded(result), false);
      assert.ok(stubborn !== undefined && stubborn > 0, 'the stubborn sh printed its pid');
      assert.ok(await gone(stubborn, 2000), `sh ${String(stubborn)} outlived the time limit`);
    } finally {
      killQuietly(stubborn);
    }
  },
);
