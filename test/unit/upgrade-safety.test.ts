import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { composeVersion } from '../../src/recipe/compose-version.ts';
import { flaggedLines, NOTE_MARKERS, readVersionNotes } from '../../src/recipe/release-notes.ts';
import { ignoredVersionTags, publishedVersions } from '../../src/recipe/versions.ts';
import { planRun, type PlanInputs } from '../../src/suite/plan.ts';
import { TIERS } from '../../src/recipe/tiers.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('the release-note markers', () => {
  const asks = [
    ['manual migration', 'This release needs a manual migration of the database.'],
    ['manual migration', 'Manually migrate the uploads folder.'],
    ['manual action', 'Manual action: rotate the admin password.'],
    ['manual step', 'Manual step: copy the old config'],
    ['manual step', 'There are two manual steps before you upgrade.'],
    ['action required', 'ACTION REQUIRED before upgrading'],
    ['action required', 'A required action: re-run the setup wizard.'],
    ['by hand', 'After upgrading, run the database script by hand'],
    ['by hand', 'Fix the permissions by-hand.'],
    ['manually', 'You must manually remove the old volume.'],
    ['breaking change', 'BREAKING CHANGE: the env var SMTP_HOST is now MAIL_HOST'],
    ['breaking change', 'Breaking changes in this release'],
  ] as const;

  for (const [phrase, line] of asks) {
    it(`holds on "${line}" (${phrase})`, () => {
      assert.deepEqual(flaggedLines(`# 2.0.0\n\n  ${line}  \nOther news.`), [line]);
    });
  }

  it('covers all seven phrases of the operators’ list', () => {
    assert.deepEqual(
      NOTE_MARKERS.map((m) => m.phrase),
      [
        'manual migration',
        'manual action',
        'manual step',
        'action required',
        'by hand',
        'manually',
        'breaking change',
      ],
    );
  });

  it('leaves ordinary notes alone', () => {
    const text =
      'Bumped nginx to 1.27.\nNo manual work needed? Handy new setting.\nChangelog: see upstream';
    assert.deepEqual(flaggedLines(text), []);
  });
});

describe('release-note layouts', () => {
  it('reads releaseNotes/<v>.md, releaseNotes/<v> and abra’s release/<v>', async () => {
    const files: Record<string, string> = {
      'releaseNotes/1.2.0+1.2.md': 'Manual step: copy the old config',
      'releaseNotes/1.2.0+1.2': 'nothing to do',
      'release/1.2.0+1.2': 'Run the migration script by hand',
    };
    const notes = await readVersionNotes('1.2.0+1.2', (path) => Promise.resolve(files[path]));
    assert.deepEqual(notes, [
      { path: 'releaseNotes/1.2.0+1.2.md', flagged: ['Manual step: copy the old config'] },
      { path: 'releaseNotes/1.2.0+1.2', flagged: [] },
      { path: 'release/1.2.0+1.2', flagged: ['Run the migration script by hand'] },
    ]);
  });
});

describe('the version label of compose.yml', () => {
  function recipeWith(compose: string): string {
    const dir = tempDir('recipe-ci-compose-');
    writeFileSync(join(dir, 'compose.yml'), compose);
    return dir;
  }
  const withLabel = (label: string) =>
    `services:\n  app:\n    image: x\n    deploy:\n      labels:\n        - "traefik.enable=true"\n        - "${label}"\n`;

  it('reads a literal version from the app service, with where it is', async () => {
    const found = await composeVersion(
      recipeWith(withLabel('coop-cloud.${STACK_NAME}.version=2.1.0+5.3')),
    );
    assert.ok('version' in found);
    assert.equal(found.version.tag, '2.1.0+5.3');
    assert.equal(found.where, 'compose.yml:7');
  });

  it('reads the mapping form of labels too', async () => {
    const compose =
      'services:\n  app:\n    deploy:\n      labels:\n        coop-cloud.${STACK_NAME}.version: 1.0.0+1.0\n';
    const found = await composeVersion(recipeWith(compose));
    assert.ok('version' in found && found.version.tag === '1.0.0+1.0');
  });

  it('a value with ${…} is an unknown version, said as such', async () => {
    const found = await composeVersion(
      recipeWith(withLabel('coop-cloud.${STACK_NAME}.version=${VERSION}')),
    );
    assert.deepEqual(found, {
      unknown: 'compose.yml:7: the version label is "${VERSION}", not a literal version',
    });
  });

  it('a value that is not a version, or a file that does not parse, is a problem with the line', async () => {
    const bad = await composeVersion(
      recipeWith(withLabel('coop-cloud.${STACK_NAME}.version=latest')),
    );
    assert.deepEqual(bad, {
      problem:
        'compose.yml:7: the version label is "latest", which is not a <semver>+<app> version',
    });
    const broken = await composeVersion(recipeWith('services:\n  app:\n    image: [x\n'));
    assert.ok('problem' in broken);
    assert.match(broken.problem, /^compose\.yml:\d+ does not parse/);
  });

  it('no label, or no compose.yml: unknown', async () => {
    assert.ok('unknown' in (await composeVersion(recipeWith('services:\n  app:\n    image: x\n'))));
    assert.deepEqual(await composeVersion(tempDir('recipe-ci-compose-')), {
      unknown: 'no compose.yml',
    });
  });
});

describe('old-style tags', () => {
  it('are ignored and named, never a crash', () => {
    const tags = ['1.14.1-rootless', '1.14.1-rootless_1', '1.0.0+1.0', 'v2', 'latest'];
    assert.deepEqual(ignoredVersionTags(tags), ['1.14.1-rootless', '1.14.1-rootless_1', 'v2']);
    assert.deepEqual(
      publishedVersions(tags).map((v) => v.tag),
      ['1.0.0+1.0'],
    );
  });
});

describe('run mode: what the plan holds', () => {
  function inputs(recipePath: string, change: Partial<PlanInputs> = {}): PlanInputs {
    return {
      recipePath,
      workDir: tempDir('recipe-ci-plan-'),
      tiers: new Set(TIERS),
      previous: 'auto',
      allowMajor: false,
      failFast: false,
      repeat: 1,
      oidc: false,
      ...change,
    };
  }

  it('notes of a version between previous and candidate hold the upgrade, quoted', async () => {
    const repo = recipeRepo({
      tags: ['1.0.0+1.0', '1.1.0+1.1', '1.2.0+1.2'],
      notes: { '1.1.0+1.1': 'Manual step: copy the old config' },
      candidate: '1.2.0+1.2',
    });
    const planned = await planRun(inputs(repo, { previous: '1.0.0+1.0' }));
    assert.match(
      planned.plan.held ?? '',
      /release notes of 1\.1\.0\+1\.1 \(releaseNotes\/1\.1\.0\+1\.1\.md\) say: "Manual step: copy the old config"/,
    );
  });

  it('notes git cannot read hold the upgrade with git’s message: never read as "no notes"', async () => {
    const repo = recipeRepo({
      tags: ['1.0.0+1.0', '1.1.0+1.1', '1.2.0+1.2'],
      notes: { '1.1.0+1.1': 'all fine, nothing to do' },
      candidate: '1.2.0+1.2',
    });
    // A corrupt object: the tag's tree still names the file, git cannot show it.
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();
    const blob = git('rev-parse', '1.1.0+1.1:releaseNotes/1.1.0+1.1.md');
    const object = join(repo, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    chmodSync(object, 0o600);
    writeFileSync(object, 'not a zlib stream');
    const planned = await planRun(inputs(repo, { previous: '1.0.0+1.0' }));
    assert.match(
      planned.plan.held ?? '',
      /the release notes could not be read \(git show .*releaseNotes\/1\.1\.0\+1\.1\.md.*failed.*\).*held for a person/s,
    );
  });

  it('the candidate’s own notes in abra’s release/<v> hold it', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0', '1.1.0+1.1'], candidate: '1.1.0+1.1' });
    mkdirSync(join(repo, 'release'));
    writeFileSync(
      join(repo, 'release', '1.1.0+1.1'),
      'After upgrading, run the database script by hand\n',
    );
    const planned = await planRun(inputs(repo));
    assert.match(
      planned.plan.held ?? '',
      /release\/1\.1\.0\+1\.1\) say: "After upgrading, run the database script by hand"/,
    );
  });

  /** An abra recipe whose untagged HEAD sets the version label to `label`. */
  function untagged(label: string): string {
    return recipeRepo({
      fixture: 'recipe-abra-notes',
      tags: ['1.0.0+1.0', '1.1.0+1.1'],
      change: (dir) => {
        const file = join(dir, 'compose.yml');
        const text = readText(file).replace(
          /(coop-cloud\.\$\{STACK_NAME\}\.version=)[^'\s]+/,
          `$1${label}`,
        );
        writeFileSync(file, text);
      },
    });
  }

  it('an untagged candidate whose label bumps the major is held', async () => {
    const planned = await planRun(inputs(untagged('2.0.0+2.0')));
    assert.equal(planned.candidate?.tag, '2.0.0+2.0');
    assert.equal(planned.plan.candidate.version, undefined, 'still deployed as the checkout');
    assert.equal(planned.previous?.tag, '1.1.0+1.1');
    assert.match(
      planned.plan.held ?? '',
      /major upgrade \(recipe 1 → 2, app 1 → 2\) from 1\.1\.0\+1\.1 to 2\.0\.0\+2\.0/,
    );
  });

  it('an untagged minor candidate runs its upgrade from the release before it', async () => {
    const planned = await planRun(inputs(untagged('1.2.0+1.2')));
    assert.equal(planned.previous?.tag, '1.1.0+1.1');
    assert.equal(planned.plan.held, undefined);
  });

  it('a label that is not a version blocks the upgrade with the file and line', async () => {
    const planned = await planRun(inputs(untagged('latest')));
    assert.match(
      planned.plan.upgradeBlocked ?? '',
      /^compose\.yml:\d+: the version label is "latest"/,
    );
  });

  it('a label that disagrees with HEAD’s tag is a warning; the tag wins', async () => {
    const repo = recipeRepo({
      fixture: 'recipe-abra-notes',
      tags: ['1.0.0+1.0', '1.1.0+1.1'],
      candidate: '1.1.0+1.1',
    });
    const file = join(repo, 'compose.yml');
    writeFileSync(file, readText(file).replace('version=1.1.0+1.1', 'version=1.5.0+1.5'));
    const planned = await planRun(inputs(repo));
    assert.equal(planned.candidate?.tag, '1.1.0+1.1');
    assert.deepEqual(planned.warnings, [
      'compose.yml:25 says 1.5.0+1.5, but HEAD is tagged 1.1.0+1.1; the tag wins',
    ]);
  });
});

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
