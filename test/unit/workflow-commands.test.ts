import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fencedLines } from '../../src/platform/untrusted-output.ts';
import { commandsRunnerWouldRun } from '../support/workflow-commands.ts';

const HOSTILE = [
  'warning: the disk is 91% full',
  '  ::error title=from the recipe::x',
  '::stop-commands::tok',
  '##[error]old form',
  '::add-mask::not-from-us',
].join('\n');

test('the model: indented commands and the old ## form count; stop-commands pauses until its token', () => {
  const seen = commandsRunnerWouldRun(
    `${HOSTILE}\n::add-mask::after\n::tok::\n::add-mask::resumed`,
  );
  assert.deepEqual(
    seen.map((c) => c.name),
    ['error', 'stop-commands', 'add-mask'],
    'after the stop, nothing until ::tok::',
  );
});

test('text with a command-like line is fenced off: no line of it acts, commands after it do', () => {
  const out = [...fencedLines(HOSTILE), '::add-mask::ours'].join('\n');
  const seen = commandsRunnerWouldRun(out);
  assert.deepEqual(
    seen.map((c) => c.name),
    ['stop-commands', 'add-mask'],
    'only our fence and our own command after it',
  );
  assert.equal(seen[1]?.line, '::add-mask::ours');
  // Every line of the text is still there, as it was printed.
  for (const line of HOSTILE.split('\n')) assert.ok(out.split('\n').includes(line), line);
});

test('plain text goes out as it is, unfenced; each fence has a fresh token', () => {
  assert.deepEqual(fencedLines('all fine\n  indented'), ['all fine', '  indented']);
  const a = fencedLines('::x::')[0];
  const b = fencedLines('::x::')[0];
  assert.match(a ?? '', /^::stop-commands::[0-9a-f]{32}$/);
  assert.notEqual(a, b);
});
