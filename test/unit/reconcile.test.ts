import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  reconcile,
  RESULTS,
  type ReconcileOutcome,
  type VersionNotes,
} from '../../src/reconcile/reconcile.ts';
import type { Rejection } from '../../src/reconcile/ledger.ts';
import { publishedVersions, type RecipeVersion } from '../../src/recipe/versions.ts';
import { FakeReconcileApp, MemoryLedger } from '../support/fake-reconcile-app.ts';

const PUBLISHED = publishedVersions(['1.0.0+5.0', '1.1.0+5.1', '1.2.0+5.2']);
const [NEWEST, MIDDLE, OLDEST] = PUBLISHED as [RecipeVersion, RecipeVersion, RecipeVersion];
const REJECTED: Rejection = {
  version: NEWEST.tag,
  at: '2026-11-30T02:00:00Z',
  reason: 'GET / → 502',
};

interface Case {
  app?: FakeReconcileApp;
  ledger?: MemoryLedger;
  published?: readonly RecipeVersion[];
  running: RecipeVersion | undefined;
  /** The flagged lines per tag, as the release notes would give them. */
  flagged?: Record<string, string[]>;
  retryRejected?: boolean;
}

const seen = new Set<string>();

async function reconcileCase(
  c: Case,
): Promise<ReconcileOutcome & { app: FakeReconcileApp; ledger: MemoryLedger; asked: string[] }> {
  const app = c.app ?? new FakeReconcileApp();
  const ledger = c.ledger ?? new MemoryLedger();
  const asked: string[] = [];
  const outcome = await reconcile({
    app,
    ledger,
    published: c.published ?? PUBLISHED,
    running: c.running,
    retryRejected: c.retryRejected,
    notes: (versions) => {
      asked.push(...versions.map((v) => v.tag));
      return Promise.resolve(
        versions.map((v): VersionNotes => ({
          tag: v.tag,
          path: `releaseNotes/${v.tag}.md`,
          flagged: c.flagged?.[v.tag] ?? [],
        })),
      );
    },
  });
  seen.add(outcome.result);
  return { ...outcome, app, ledger, asked };
}

describe('reconcile, decision by decision (fake app, ledger in memory)', () => {
  it('deployed-fresh: nothing runs, the newest is deployed, gated and becomes last-good', async () => {
    const r = await reconcileCase({ running: undefined });
    assert.equal(r.result, 'deployed-fresh');
    assert.deepEqual(r.app.calls, [`deploy ${NEWEST.tag}`, 'health']);
    assert.equal((await r.ledger.read()).lastGood, NEWEST.tag);
    assert.equal(r.diagnostics, undefined);
  });

  it('unrecovered: a first deploy that is not healthy has nothing to go back to', async () => {
    const r = await reconcileCase({ running: undefined, app: new FakeReconcileApp([false]) });
    assert.equal(r.result, 'unrecovered');
    assert.equal(r.now, NEWEST.tag);
    assert.equal((await r.ledger.read()).lastGood, undefined);
    assert.equal(r.diagnostics, 'app.1: exited (1)');
  });

  it('noop-healthy: on the newest and healthy, only a health check runs', async () => {
    const ledger = new MemoryLedger({ lastGood: MIDDLE.tag, rejected: REJECTED });
    const r = await reconcileCase({ running: NEWEST, ledger });
    assert.equal(r.result, 'noop-healthy');
    assert.deepEqual(r.app.calls, ['health']);
    const saved = await ledger.read();
    assert.equal(saved.lastGood, MIDDLE.tag, 'last-good is not moved by a no-op');
    assert.equal(saved.rejected, undefined, 'a rejection of what runs healthy is moot');
    assert.deepEqual(r.asked, [], 'no release notes read');
  });

  it('noop-healthy on a version ahead of the newest says so', async () => {
    const ahead = publishedVersions(['2.0.0+6.0'])[0];
    assert.ok(ahead);
    const r = await reconcileCase({ running: ahead });
    assert.equal(r.result, 'noop-healthy');
    assert.match(r.message, /ahead of the newest published 1\.2\.0\+5\.2/);
  });

  it('redeployed-healthy: on the newest but unhealthy, one redeploy of the same version heals it', async () => {
    const r = await reconcileCase({ running: NEWEST, app: new FakeReconcileApp([false]) });
    assert.equal(r.result, 'redeployed-healthy');
    assert.deepEqual(r.app.calls, ['health', `upgrade ${NEWEST.tag}`, 'health']);
    assert.equal((await r.ledger.read()).lastGood, NEWEST.tag);
  });

  it('unrecovered: on the newest, unhealthy, and one redeploy does not help — no second one', async () => {
    const r = await reconcileCase({ running: NEWEST, app: new FakeReconcileApp([false, false]) });
    assert.equal(r.result, 'unrecovered');
    assert.deepEqual(r.app.calls, ['health', `upgrade ${NEWEST.tag}`, 'health']);
    assert.equal(r.diagnostics, 'app.1: exited (1)');
  });

  it('held-major: a major bump changes nothing, writes nothing, and quotes flagged notes', async () => {
    const published = publishedVersions(['1.2.0+5.2', '2.0.0+6.0']);
    const ledger = new MemoryLedger({ lastGood: NEWEST.tag });
    const r = await reconcileCase({
      running: NEWEST,
      published,
      ledger,
      flagged: { '2.0.0+6.0': ['Breaking change: the config moved'] },
    });
    assert.equal(r.result, 'held-major');
    assert.match(r.message, /major upgrade \(recipe 1 → 2, app 5 → 6\)/);
    assert.deepEqual(r.app.calls, []);
    assert.equal(ledger.writes, 0);
    assert.deepEqual(
      r.quoted.map((n) => n.flagged),
      [['Breaking change: the config moved']],
    );
  });

  it('held-manual-migration: notes of any crossed version that ask for a person hold the upgrade', async () => {
    const ledger = new MemoryLedger({ lastGood: OLDEST.tag });
    const r = await reconcileCase({
      running: OLDEST,
      ledger,
      flagged: { [MIDDLE.tag]: ['Run the migration by hand'] },
    });
    assert.equal(r.result, 'held-manual-migration');
    assert.deepEqual(r.asked, [NEWEST.tag, MIDDLE.tag], 'the notes of every crossed version');
    assert.match(r.message, /release notes of 1\.1\.0\+5\.1 ask for a person/);
    assert.deepEqual(r.app.calls, []);
    assert.equal(ledger.writes, 0);
  });

  it('upgraded: last-good is the running one, then backup, upgrade, gate; healthy moves last-good', async () => {
    const ledger = new MemoryLedger({ lastGood: OLDEST.tag, rejected: REJECTED });
    const r = await reconcileCase({ running: MIDDLE, ledger, retryRejected: true });
    assert.equal(r.result, 'upgraded');
    assert.deepEqual(r.app.calls, ['backup', `upgrade ${NEWEST.tag}`, 'health']);
    const saved = await ledger.read();
    assert.equal(saved.lastGood, NEWEST.tag);
    assert.equal(saved.rejected, undefined, 'a retried release that passed is no longer rejected');
  });

  it('backup-failed: no upgrade starts without a backup', async () => {
    const r = await reconcileCase({ running: MIDDLE, app: new FakeReconcileApp().fail('backup') });
    assert.equal(r.result, 'backup-failed');
    assert.deepEqual(r.app.calls, ['backup']);
    assert.equal(r.diagnostics, 'app.1: exited (1)');
  });

  it('rolled-back: a failed gate restores the backup, redeploys last-good and rejects the release', async () => {
    const r = await reconcileCase({ running: MIDDLE, app: new FakeReconcileApp([false]) });
    assert.equal(r.result, 'rolled-back');
    assert.deepEqual(r.app.calls, [
      'backup',
      `upgrade ${NEWEST.tag}`,
      'health',
      `restore /backups/app-1.tar as ${MIDDLE.tag}`,
      `upgrade ${MIDDLE.tag}`,
      'health',
    ]);
    assert.equal(r.now, MIDDLE.tag);
    const saved = await r.ledger.read();
    assert.equal(saved.lastGood, MIDDLE.tag);
    assert.equal(saved.rejected?.version, NEWEST.tag);
    assert.equal(saved.rejected.reason, 'GET / → 502');
    assert.deepEqual(r.rejected, saved.rejected);
  });

  it('unrecovered: a rollback whose restore fails says so, and the release stays rejected', async () => {
    const app = new FakeReconcileApp([false]).fail('restore');
    const r = await reconcileCase({ running: MIDDLE, app });
    assert.equal(r.result, 'unrecovered');
    assert.match(r.message, /the restore failed/);
    assert.equal(r.now, MIDDLE.tag, 'the redeploy of last-good still ran and is healthy');
    assert.equal((await r.ledger.read()).rejected?.version, NEWEST.tag);
  });

  it('unrecovered: a rollback whose redeploy stays unhealthy leaves the version unknown', async () => {
    const r = await reconcileCase({ running: MIDDLE, app: new FakeReconcileApp([false, false]) });
    assert.equal(r.result, 'unrecovered');
    assert.equal(r.now, undefined);
    assert.match(r.message, /redeploy or health gate failed/);
  });

  it('held-rejected: the rejected newest is not tried again; what runs is only health-checked', async () => {
    const ledger = new MemoryLedger({ lastGood: MIDDLE.tag, rejected: REJECTED });
    const r = await reconcileCase({ running: MIDDLE, ledger });
    assert.equal(r.result, 'held-rejected');
    assert.deepEqual(r.app.calls, ['health']);
    assert.match(r.message, /rolled back at 2026-11-30T02:00:00Z \(GET \/ → 502\)/);
    assert.equal(ledger.writes, 0);
    assert.deepEqual(r.rejected, REJECTED);
  });

  it('held-rejected: an unhealthy app on last-good gets one redeploy of last-good, never the newest', async () => {
    const ledger = new MemoryLedger({ lastGood: MIDDLE.tag, rejected: REJECTED });
    const r = await reconcileCase({ running: MIDDLE, ledger, app: new FakeReconcileApp([false]) });
    assert.equal(r.result, 'held-rejected');
    assert.deepEqual(r.app.calls, ['health', `upgrade ${MIDDLE.tag}`, 'health']);
    assert.match(r.message, /was unhealthy; one redeploy made it healthy/);
  });

  it('unrecovered: held-rejected whose redeploy does not help needs a person', async () => {
    const ledger = new MemoryLedger({ lastGood: MIDDLE.tag, rejected: REJECTED });
    const app = new FakeReconcileApp([false, false]);
    const r = await reconcileCase({ running: MIDDLE, ledger, app });
    assert.equal(r.result, 'unrecovered');
    assert.ok(!app.calls.includes(`upgrade ${NEWEST.tag}`));
  });

  it('a rejection of an older release does not hold a newer one', async () => {
    const ledger = new MemoryLedger({ rejected: { ...REJECTED, version: MIDDLE.tag } });
    const r = await reconcileCase({ running: OLDEST, ledger });
    assert.equal(r.result, 'upgraded');
  });

  it('newest safe step: a held major bump leaves the app on the newest minor, naming what is held', async () => {
    const published = publishedVersions(['1.0.0+5.0', '1.1.0+5.1', '1.2.0+5.2', '2.0.0+6.0']);
    const r = await reconcileCase({ running: OLDEST, published });
    assert.equal(r.result, 'upgraded');
    assert.deepEqual(r.app.calls, ['backup', `upgrade ${NEWEST.tag}`, 'health']);
    assert.equal(r.now, NEWEST.tag);
    assert.equal(r.latest, '2.0.0+6.0');
    assert.equal(r.heldBack?.tag, '2.0.0+6.0');
    assert.match(r.heldBack.why, /major upgrade \(recipe 1 → 2, app 5 → 6\)/);
    assert.match(r.message, /2\.0\.0\+6\.0 is held for a person .* the newest safe step/);
  });

  it('newest safe step: notes asking for a person stop the step before that version', async () => {
    const r = await reconcileCase({
      running: OLDEST,
      flagged: { [NEWEST.tag]: ['BREAKING CHANGE: the config moved'] },
    });
    assert.equal(r.result, 'upgraded');
    assert.deepEqual(r.app.calls, ['backup', `upgrade ${MIDDLE.tag}`, 'health']);
    assert.equal(r.heldBack?.tag, NEWEST.tag);
    assert.deepEqual(
      r.quoted.map((n) => n.flagged),
      [['BREAKING CHANGE: the config moved']],
    );
  });

  it('newest safe step that was rolled back here before is not tried again', async () => {
    const published = publishedVersions(['1.0.0+5.0', '1.1.0+5.1', '2.0.0+6.0']);
    const ledger = new MemoryLedger({ rejected: { ...REJECTED, version: MIDDLE.tag } });
    const r = await reconcileCase({ running: OLDEST, published, ledger });
    assert.equal(r.result, 'held-rejected');
    assert.deepEqual(r.app.calls, ['health']);
  });

  it('covers every result of the README table', () => {
    assert.deepEqual([...seen].sort(), [...RESULTS].sort());
  });
});
