import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createContext } from '../../src/platform/context.ts';
import { Report } from '../../src/platform/report.ts';
import { fakeRunner } from '../support/fake-runner.ts';

function sample(): Report {
  return new Report('Readiness').text('2 of 3 hosts ready').table(
    ['host', 'stage', 'note'],
    [
      ['10.0.0.2', 'ready', ''],
      ['10.0.0.3', 'cloud-init', 'error | see log\nsecond line'],
    ],
  );
}

test('the same result as aligned log lines and as Markdown', () => {
  const report = sample();
  assert.deepEqual(report.toLogLines(), [
    'Readiness',
    '2 of 3 hosts ready',
    'host      stage       note',
    '10.0.0.2  ready',
    '10.0.0.3  cloud-init  error | see log\nsecond line',
  ]);
  assert.equal(
    report.toMarkdown(),
    [
      '### Readiness',
      '',
      '2 of 3 hosts ready',
      '',
      '| host | stage | note |',
      '| --- | --- | --- |',
      '| 10.0.0.2 | ready |  |',
      '| 10.0.0.3 | cloud-init | error \\| see log<br>second line |',
      '',
    ].join('\n'),
  );
});

test('publishing writes both the log and the summary', async () => {
  const runner = fakeRunner();
  const context = createContext(runner, 'main', new AbortController().signal);
  await context.publish(sample());
  assert.ok(runner.lines.includes('10.0.0.2  ready'));
  assert.match(runner.summary, /^### Readiness/);
});

test('publish: the summary has every registered secret as ***, as the log does', async () => {
  const runner = fakeRunner();
  const context = createContext(runner, 'main', new AbortController().signal);
  context.secrets.add('s3cret-token-value');
  await context.publish(new Report('Result').text('token s3cret-token-value in a result'));
  assert.ok(!runner.summary.includes('s3cret-token-value'), runner.summary);
  assert.match(runner.summary, /token \*\*\* in a result/);
});
