import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildCard, cardMarker } from '../../src/report/card.ts';
import { loadResults } from '../../src/report/results-files.ts';
import { summary, tier, tiersWith } from '../support/results-sample.ts';
import { tempDir } from '../support/temp-dir.ts';

/** A download folder as actions/download-artifact leaves it: one folder per target's artifact. */
function downloaded(files: Record<string, unknown>): string {
  const root = tempDir('recipe-ci-card-');
  for (const [folder, content] of Object.entries(files)) {
    mkdirSync(join(root, folder), { recursive: true });
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    writeFileSync(join(root, folder, 'results.json'), text);
  }
  return root;
}

test('two targets: header, ladder, tier table, job links and failing output', () => {
  const failing = tier('custom', 'failed', '1 of 2 custom tests failed');
  failing.checks.push({
    name: 'notes | round trip',
    status: 'failed',
    durationMs: 10,
    message: 'exited with 1',
    output: 'line 1\n```\nexpected hello, got <nothing>',
  });
  const root = downloaded({
    'recipe-ci-notes-hetzner': { version: 1, ...summary(tiersWith({ custom: failing })) },
    'recipe-ci-notes-lab': {
      version: 1,
      target: 'lab',
      job: { name: 'test (lab)', url: 'https://github.com/o/r/actions/runs/7/job/9' },
      ...summary(tiersWith({ lint: tier('lint', 'skipped', 'not selected') })),
    },
  });
  const card = buildCard({
    recipe: 'notes',
    loaded: loadResults([root]),
    sha: '0123456789abcdef0123',
    runUrl: 'https://github.com/o/r/actions/runs/7',
  });
  assert.equal(card.verdict, 'failed');
  assert.equal(card.level, 3);
  assert.ok(
    card.markdown.startsWith(`${cardMarker('notes')}\n## ❌ recipe-ci: notes failed · level L3`),
  );
  assert.match(
    card.markdown,
    /tested `0123456789ab` on 2 targets · \[workflow run\]\(https:\/\/github.com\/o\/r\/actions\/runs\/7\)/,
  );
  // The folder name gives the target when results.json has none; a job link falls back to the run.
  assert.match(
    card.markdown,
    /\| hetzner \| ❌ failed \| L3 \| ✅ \| ✅ \| ✅ \| ❌ \| ✅ \| \[job\]\(https:\/\/github.com\/o\/r\/actions\/runs\/7\) \|/,
  );
  assert.match(
    card.markdown,
    /\| lab \| ✅ passed \| L4 \| ✅ \| ✅ \| ✅ \| ✅ \| ❔ \| \[test \(lab\)\]\(https:\/\/github.com\/o\/r\/actions\/runs\/7\/job\/9\) \|/,
  );
  assert.match(
    card.markdown,
    /\| hetzner \| custom \| ❌ failed \| 2s \| 1 of 2 custom tests failed \|/,
  );
  // The output's own fence cannot close the card's, and the summary is HTML-escaped.
  assert.match(
    card.markdown,
    /<details><summary>❌ hetzner · custom · notes \| round trip<\/summary>\n\n````text\nline 1\n```\nexpected hello, got <nothing>\n````\n/,
  );
});

test('a held upgrade is quoted whole; an unreadable file is named and makes the card incomplete', () => {
  const held = tier('upgrade', 'held', 'release notes for 2.0.0:\nrun the migration by hand');
  const root = downloaded({
    'recipe-ci-notes-lab': { version: 1, ...summary(tiersWith({ upgrade: held })) },
    'recipe-ci-notes-old': { version: 0, recipe: 'notes', tiers: [] },
    'recipe-ci-notes-torn': '{"version": 1, "recipe": "no',
  });
  const card = buildCard({ recipe: 'notes', loaded: loadResults([root]) });
  assert.equal(card.verdict, 'incomplete');
  assert.equal(card.level, 1);
  assert.match(card.markdown, /## ⚠️ recipe-ci: notes incomplete · level L1/);
  assert.match(
    card.markdown,
    /\*\*lab\*\*: the upgrade from 1\.0\.0\+1\.0 to 1\.1\.0\+1\.1 is held for a person to look at\.\n\n> release notes for 2\.0\.0:\n> run the migration by hand/,
  );
  assert.match(
    card.markdown,
    /recipe-ci-notes-old\/results\.json` is results version 0; this report reads version 1 .*: skipped/,
  );
  assert.match(card.markdown, /recipe-ci-notes-torn\/results\.json` does not parse: .*: skipped/);
});

test('no results at all: incomplete, no level, says so', () => {
  const card = buildCard({ recipe: 'notes', loaded: loadResults([tempDir('recipe-ci-empty-')]) });
  assert.equal(card.verdict, 'incomplete');
  assert.equal(card.level, undefined);
  assert.match(card.markdown, /notes incomplete · no level/);
  assert.match(card.markdown, /_No target results were found\._/);
  assert.match(card.markdown, /holds no results\.json: skipped/);
});

test('screenshots: an image where the forge shows one, else a link, else the reason', () => {
  const root = downloaded({
    a: {
      version: 1,
      target: 'a',
      screenshot: { file: 'screenshot.png', url: 'https://a.test/' },
      ...summary(tiersWith()),
    },
    b: {
      version: 1,
      target: 'b',
      screenshot: { file: 'screenshot.png', url: 'https://b.test/' },
      ...summary(tiersWith()),
    },
    c: {
      version: 1,
      target: 'c',
      screenshot: { url: 'https://c.test/', error: 'no browser found' },
      ...summary(tiersWith()),
    },
  });
  const card = buildCard({
    recipe: 'notes',
    loaded: loadResults([root]),
    screenshots: new Map([
      ['a', { image: 'https://forge.test/attachments/1' }],
      ['b', { link: 'https://forge.test/run/7#artifacts' }],
    ]),
  });
  assert.equal(card.verdict, 'passed');
  assert.match(card.markdown, /!\[a\]\(https:\/\/forge\.test\/attachments\/1\)/);
  assert.match(
    card.markdown,
    /\*\*b\*\*: `screenshot\.png` of https:\/\/b\.test\/: \[download\]\(https:\/\/forge\.test\/run\/7#artifacts\)/,
  );
  assert.match(
    card.markdown,
    /\*\*c\*\*: no screenshot of https:\/\/c\.test\/ \(no browser found\)/,
  );
});

test('a long run stays under the comment size limit', () => {
  const tiers = tiersWith();
  for (let i = 0; i < 80; i++) {
    tiers.push({
      ...tier('custom', 'failed'),
      checks: [
        {
          name: `t${String(i)}`,
          status: 'failed',
          durationMs: 1,
          message: 'x',
          output: 'y'.repeat(5000),
        },
      ],
    });
  }
  const root = downloaded({ lab: { version: 1, ...summary(tiers) } });
  const card = buildCard({ recipe: 'notes', loaded: loadResults([root]) });
  assert.ok(card.markdown.length <= 65_536, String(card.markdown.length));
  assert.match(card.markdown, /More failing output is in the job logs/);
});

test('a results file of another recipe is skipped by name', () => {
  const root = downloaded({ lab: { version: 1, ...summary(tiersWith(), { recipe: 'wiki' }) } });
  const loaded = loadResults([root], 'notes');
  assert.equal(loaded.targets.length, 0);
  assert.match(loaded.problems[0]?.problem ?? '', /is for the recipe wiki, not notes/);
  assert.match(loadResults([join(root, 'nope')]).problems[0]?.problem ?? '', /does not exist/);
});
