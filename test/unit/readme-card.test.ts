import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { withReadmeCard } from '../../scripts/readme-card.ts';

test('README.md shows the card the report code builds from the fixture (npm run docs)', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(withReadmeCard(readme), readme, 'README.md example card is out of date');
  assert.match(readme, /## ❌ recipe-ci: notes-demo failed · level L1/);
});
