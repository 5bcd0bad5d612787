import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ladderOf, lowestLevel } from '../../src/report/levels.ts';
import { tier, tiersWith } from '../support/results-sample.ts';

const NA = 'not applicable: the recipe has no data';

const CASES: { name: string; tiers: ReturnType<typeof tiersWith>; level: number; stop?: string }[] =
  [
    { name: 'every rung passed', tiers: tiersWith(), level: 5 },
    { name: 'install failed', tiers: tiersWith({ install: tier('install', 'failed') }), level: 0 },
    {
      name: 'install blocked (a precondition failed)',
      tiers: tiersWith({ install: tier('install', 'blocked') }),
      level: 0,
    },
    { name: 'install never ran', tiers: tiersWith({ install: undefined }), level: 0 },
    {
      name: 'install passed, the rest not selected',
      tiers: [
        tier('install'),
        ...['upgrade', 'backup', 'restore', 'custom', 'lint'].map((n) =>
          tier(n, 'skipped', 'not selected'),
        ),
      ],
      level: 1,
      stop: 'upgrade unverified',
    },
    {
      name: 'upgrade failed, later rungs passed',
      tiers: tiersWith({ upgrade: tier('upgrade', 'failed') }),
      level: 1,
      stop: 'upgrade failed',
    },
    {
      name: 'upgrade held for a person',
      tiers: tiersWith({ upgrade: tier('upgrade', 'held', 'release notes ask for a migration') }),
      level: 1,
      stop: 'upgrade unverified',
    },
    {
      name: 'upgrade skipped: no previous version (proves nothing)',
      tiers: tiersWith({ upgrade: tier('upgrade', 'skipped', 'no published version before') }),
      level: 1,
      stop: 'upgrade unverified',
    },
    {
      name: 'upgrade declared not applicable: climbs on',
      tiers: tiersWith({ upgrade: tier('upgrade', 'skipped', NA) }),
      level: 5,
    },
    {
      name: 'restore failed',
      tiers: tiersWith({ restore: tier('restore', 'failed') }),
      level: 2,
      stop: 'backup/restore failed',
    },
    {
      name: 'backup passed, restore without data hooks',
      tiers: tiersWith({ restore: tier('restore', 'skipped', 'gives no data.mutate') }),
      level: 2,
      stop: 'backup/restore unverified',
    },
    {
      name: 'backup and restore declared not applicable',
      tiers: tiersWith({
        backup: tier('backup', 'skipped', NA),
        restore: tier('restore', 'skipped', NA),
      }),
      level: 5,
    },
    {
      name: 'backup failed and restore blocked: failed wins',
      tiers: tiersWith({ backup: tier('backup', 'failed'), restore: tier('restore', 'blocked') }),
      level: 2,
      stop: 'backup/restore failed',
    },
    {
      name: 'custom failed',
      tiers: tiersWith({ custom: tier('custom', 'failed') }),
      level: 3,
      stop: 'functional failed',
    },
    {
      name: 'no custom tests declared',
      tiers: tiersWith({ custom: tier('custom', 'skipped', 'declares no custom tests') }),
      level: 3,
      stop: 'functional unverified',
    },
    {
      name: 'lint off (the default)',
      tiers: tiersWith({ lint: tier('lint', 'skipped', 'not selected') }),
      level: 4,
      stop: 'lint unverified',
    },
    {
      name: 'lint failed',
      tiers: tiersWith({ lint: tier('lint', 'failed') }),
      level: 4,
      stop: 'lint failed',
    },
    {
      name: 'a repeated run whose second attempt failed install',
      tiers: [...tiersWith(), ...tiersWith({ install: tier('install', 'failed', 'flaked', 2) })],
      level: 0,
    },
  ];

for (const c of CASES) {
  test(`ladder: ${c.name} → L${String(c.level)}`, () => {
    const ladder = ladderOf(c.tiers);
    assert.equal(ladder.level, c.level);
    assert.equal(ladder.rungs.length, 5);
    if (c.stop !== undefined) {
      const next = ladder.rungs[c.level];
      assert.equal(`${next?.name ?? ''} ${next?.state ?? ''}`, c.stop);
      assert.notEqual(next?.reason, '');
    }
  });
}

test('the run is as high as its lowest target; none has no level', () => {
  assert.equal(lowestLevel([5, 2, 4]), 2);
  assert.equal(lowestLevel([0, 5]), 0);
  assert.equal(lowestLevel([]), undefined);
});
