/**
 * The demo shows the job summary in a terminal: the Markdown our reports write (headings,
 * tables with escaped pipes and <br> line breaks) must come out as aligned plain text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Report } from '../../src/platform/report.ts';
import { renderSummary } from '../../scripts/demo/summary.ts';

test('a Report renders as an underlined title, text and an aligned table', () => {
  const markdown = new Report('recipe-ci: notes passed')
    .text('1.1.0+1.1, upgraded from 1.0.0+1.0')
    .table(
      ['tier', 'status', 'reason'],
      [
        ['install', 'passed', 'deployed once, healthy'],
        ['custom', 'failed', 'a | b\nsecond line'],
      ],
    )
    .toMarkdown();
  assert.deepEqual(renderSummary(markdown), [
    'recipe-ci: notes passed',
    '───────────────────────',
    '',
    '1.1.0+1.1, upgraded from 1.0.0+1.0',
    '',
    'tier     status  reason',
    '-------  ------  ----------------------',
    'install  passed  deployed once, healthy',
    'custom   failed  a | b / second line',
  ]);
});

test('lines that only look like a table start stay as they are; inline code loses its ticks', () => {
  assert.deepEqual(renderSummary('| not a table\n`npm run demo` and **bold**\n\n'), [
    '| not a table',
    'npm run demo and bold',
  ]);
});

test('two reports one after the other stay apart: a blank line before the second heading', () => {
  const first = new Report('Targets').table(['target'], [['guest-lab']]).toMarkdown();
  const second = new Report('recipe-ci run: passed').text('done').toMarkdown();
  const lines = renderSummary(`${first}${second}`);
  const heading = lines.indexOf('recipe-ci run: passed');
  assert.ok(heading > 0, lines.join('\n'));
  assert.equal(lines[heading - 1], '', lines.join('\n'));
});
