import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkInputNames, parseArgs } from '../../src/cli/args.ts';
import { formatHelp, parseActionMetadata } from '../../src/cli/metadata.ts';
import { ConfigurationError } from '../../src/shared/errors.ts';

test('action, step and inputs in both flag forms', () => {
  const args = parseArgs(['readiness', '--hosts', 'a,b', '--timeout=5m', '--http=']);
  assert.equal(args.action, 'readiness');
  assert.equal(args.phase, 'main');
  assert.deepEqual(Object.fromEntries(args.inputs), { hosts: 'a,b', timeout: '5m', http: '' });
});

test('the post step and the command line’s own options', () => {
  const args = parseArgs(['provision', 'post', '--state-file', 's.json', '--summary-file=sum.md']);
  assert.equal(args.phase, 'post');
  assert.equal(args.stateFile, 's.json');
  assert.equal(args.summaryFile, 'sum.md');
  assert.equal(args.inputs.size, 0);
});

test('a value may start with a dash; a flag may not be its own value', () => {
  assert.equal(parseArgs(['x', '--port', '-1']).inputs.get('port'), '-1');
  assert.throws(() => parseArgs(['x', '--hosts', '--timeout', '5m']), /--hosts needs a value/);
  assert.throws(() => parseArgs(['x', '--hosts']), /--hosts needs a value/);
});

test('mistakes are named', () => {
  assert.throws(() => parseArgs(['x', 'later']), /"later" is not a step; use main/);
  assert.throws(() => parseArgs(['x', 'main', 'extra']), /unexpected argument "extra"/);
  assert.throws(() => parseArgs(['x', '--a', '1', '--a', '2']), /--a was given twice/);
  assert.ok(parseArgs(['--help']).help);
});

test('unknown inputs are refused with the list of known ones', () => {
  assert.throws(
    () => checkInputNames('targets', ['selectd'], new Set(['targets', 'selected'])),
    (error: unknown) =>
      error instanceof ConfigurationError &&
      error.message ===
        '--selectd is not an input of targets; its inputs are: --targets, --selected.',
  );
  assert.doesNotThrow(() =>
    checkInputNames('targets', ['selected', 'state-file'], new Set(['selected'])),
  );
});

test('recipe-ci run takes --previous, documented in its help with auto as the default', () => {
  const run = parseActionMetadata(readFileSync('actions/run/action.yml', 'utf8'));
  const args = parseArgs(['run', '--recipe', 'notes', '--previous', 'last-3']);
  assert.equal(args.inputs.get('previous'), 'last-3');
  assert.doesNotThrow(() =>
    checkInputNames('run', args.inputs.keys(), new Set(run.inputs.map((i) => i.name))),
  );
  assert.match(formatHelp('run', run), /\n {2}--previous \(default: auto\)\n {6}.*`last-N`/);
});
