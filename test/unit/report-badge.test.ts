import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeSvg, badgeText, shieldsEndpoint } from '../../src/report/badge.ts';

test('the badge names the recipe and level, coloured by the verdict', () => {
  const passed = badgeSvg(badgeText('notes', 4, 'passed'));
  assert.match(passed, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="20"/);
  assert.match(passed, /<title>notes: L4 passed<\/title>/);
  assert.match(passed, /fill="#4c1"/);
  assert.match(badgeSvg(badgeText('notes', 0, 'failed')), /fill="#e05d44"/);
  assert.match(badgeSvg(badgeText('notes', undefined, 'incomplete')), /notes: no level incomplete/);
});

test('text that is markup is escaped, and a longer label makes a wider badge', () => {
  const svg = badgeSvg(badgeText('a<b>&"c', 1, 'passed'));
  assert.ok(!svg.includes('<b>'));
  assert.match(svg, /a&lt;b&gt;&amp;&quot;c/);
  const width = (s: string): number => Number(/width="(\d+)"/.exec(s)?.[1]);
  assert.ok(
    width(badgeSvg(badgeText('nextcloud-collabora', 1, 'passed'))) >
      width(badgeSvg(badgeText('n', 1, 'passed'))),
  );
});

test('the shields.io endpoint JSON has schemaVersion 1, label, message and colour', () => {
  assert.deepEqual(JSON.parse(shieldsEndpoint(badgeText('notes', 3, 'failed'))), {
    schemaVersion: 1,
    label: 'notes',
    message: 'L3 failed',
    color: 'red',
  });
});
