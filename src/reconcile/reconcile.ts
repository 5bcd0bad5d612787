/**
 * One reconcile of a long-lived app (issue 8): compare the running version with the newest
 * published one and take the one safe step that follows. Holds come first and change nothing —
 * no backup, no deploy — because a hold is a question for a person, not a reason for churn. An
 * upgrade is always preceded by a backup and followed by a health gate; a failed gate restores
 * the backup and redeploys the last good version, and the ledger remembers that release as
 * rejected: later runs leave the app on last-good (health-checking it) until a newer release is
 * published or a person asks for a retry — a broken release costs one rollback, not one a night.
 */
import semver from 'semver';
import type { BackendStep } from '../deploy/backend.ts';
import { majorBump, type RecipeVersion } from '../recipe/versions.ts';
import type { ReconcileApp } from './app.ts';
import type { LedgerStore, Rejection } from './ledger.ts';

export const RESULTS = [
  'deployed-fresh',
  'noop-healthy',
  'redeployed-healthy',
  'held-major',
  'held-manual-migration',
  'held-rejected',
  'upgraded',
  'rolled-back',
  'unrecovered',
  'backup-failed',
] as const;
export type ReconcileResult = (typeof RESULTS)[number];

/** Results after which the app is healthy on the newest version: open alerts can be closed. */
export const HEALTHY_ON_LATEST: readonly ReconcileResult[] = [
  'deployed-fresh',
  'noop-healthy',
  'redeployed-healthy',
  'upgraded',
];
/**
 * Results a person must hear about; each opens (or updates) an issue of its own. `held-rejected`
 * is not one: the `rolled-back` issue that reported the release stays open until a newer release
 * is healthy, so a held rejection only warns.
 */
export const ALERTING: readonly ReconcileResult[] = [
  'held-major',
  'held-manual-migration',
  'rolled-back',
  'unrecovered',
  'backup-failed',
];
/** Results that fail the job: the app may be down, or its data unprotected. */
export const FAILING: readonly ReconcileResult[] = ['unrecovered', 'backup-failed'];

/** Release notes of one version, with the lines that ask for a human. */
export interface VersionNotes {
  tag: string;
  path: string;
  flagged: string[];
}

export interface ReconcileInputs {
  app: ReconcileApp;
  /** Published versions, newest first; at least one. */
  published: readonly RecipeVersion[];
  running: RecipeVersion | undefined;
  ledger: LedgerStore;
  /** Release notes of the versions an upgrade would cross, read only when one is due. */
  notes(versions: readonly RecipeVersion[]): Promise<VersionNotes[]>;
  /** Try the newest release even though it was rolled back here before. */
  retryRejected?: boolean;
  /** Each step as it ends, for the log. */
  onStep?(step: StepRecord): void;
}

export interface StepRecord {
  name: string;
  ok: boolean;
  summary: string;
  output: string;
}

export interface ReconcileOutcome {
  result: ReconcileResult;
  running: string | undefined;
  latest: string;
  /** The version running when the reconcile ended, as far as it knows. */
  now: string | undefined;
  lastGood: string | undefined;
  /** The rejection that holds the newest release back, if one does. */
  rejected: Rejection | undefined;
  /** One line: what happened and why. */
  message: string;
  /** Release-note lines behind a hold, quoted in the alert. */
  quoted: VersionNotes[];
  steps: StepRecord[];
  diagnostics: string | undefined;
}

export async function reconcile(inputs: ReconcileInputs): Promise<ReconcileOutcome> {
  const { app, ledger, running } = inputs;
  const latest = inputs.published[0];
  if (latest === undefined) throw new Error('reconcile needs at least one published version');
  const steps: StepRecord[] = [];
  const record = (name: string, step: BackendStep | { ok: boolean; summary: string }) => {
    const output =
      'results' in step
        ? step.results
            .map((r) => r.output.trimEnd())
            .filter(Boolean)
            .join('\n')
        : '';
    const entry = { name, ok: step.ok, summary: step.summary, output };
    steps.push(entry);
    inputs.onStep?.(entry);
    return step.ok;
  };
  const outcome = async (
    result: ReconcileResult,
    now: string | undefined,
    message: string,
    quoted: VersionNotes[] = [],
  ): Promise<ReconcileOutcome> => {
    const saved = await ledger.read();
    return {
      result,
      running: running?.tag,
      latest: latest.tag,
      now,
      lastGood: saved.lastGood,
      rejected: saved.rejected?.version === latest.tag ? saved.rejected : undefined,
      message,
      quoted,
      steps,
      diagnostics:
        FAILING.includes(result) || result === 'rolled-back' ? await app.diagnostics() : undefined,
    };
  };
  const deployAndGate = async (name: string, step: Promise<BackendStep>): Promise<boolean> =>
    record(name, await step) && record(`health gate (${name})`, await app.health());

  if (running === undefined) {
    if (await deployAndGate(`deploy ${latest.tag}`, app.deploy(latest.tag))) {
      await ledger.update({ lastGood: latest.tag });
      return outcome('deployed-fresh', latest.tag, `deployed ${latest.tag} and it is healthy`);
    }
    return outcome(
      'unrecovered',
      latest.tag,
      `the first deploy of ${latest.tag} is not healthy and there is no earlier version to go back to`,
    );
  }

  if (semver.gte(running.recipe, latest.recipe)) {
    const ahead = semver.gt(running.recipe, latest.recipe)
      ? ` (ahead of the newest published ${latest.tag})`
      : '';
    // On (or past) the newest, a rejection of it is moot: someone put a good one in place.
    const settled = {
      lastGood: (await ledger.read()).lastGood ?? running.tag,
      rejected: undefined,
    };
    if (record('health check', await app.health())) {
      await ledger.update(settled);
      return outcome('noop-healthy', running.tag, `${running.tag}${ahead} is running and healthy`);
    }
    if (await deployAndGate(`redeploy ${running.tag}`, app.upgrade(running.tag))) {
      await ledger.update({ ...settled, lastGood: running.tag });
      return outcome(
        'redeployed-healthy',
        running.tag,
        `${running.tag}${ahead} was unhealthy; one redeploy made it healthy`,
      );
    }
    return outcome(
      'unrecovered',
      running.tag,
      `${running.tag}${ahead} is unhealthy and one redeploy did not help; a person is needed`,
    );
  }

  // An upgrade is due, unless the newest already failed here: then look after what runs and
  // change nothing else (no backup, no deploy) until a newer release or a retry is asked for.
  const rejected = (await ledger.read()).rejected;
  if (rejected?.version === latest.tag && inputs.retryRejected !== true) {
    const why = `${latest.tag} was rolled back ${rejected.at === '' ? 'before' : `at ${rejected.at}`} (${rejected.reason || 'its health gate failed'}); it is not tried again until a newer release is published or retry-rejected is true`;
    if (record('health check', await app.health())) {
      return outcome('held-rejected', running.tag, `${running.tag} is running and healthy; ${why}`);
    }
    if (await deployAndGate(`redeploy ${running.tag}`, app.upgrade(running.tag))) {
      return outcome(
        'held-rejected',
        running.tag,
        `${running.tag} was unhealthy; one redeploy made it healthy; ${why}`,
      );
    }
    return outcome(
      'unrecovered',
      running.tag,
      `${running.tag} is unhealthy and one redeploy did not help (${why}); a person is needed`,
    );
  }

  // The safety gate reads only: no backup, no deploy, nothing written.
  const crossed = inputs.published.filter(
    (v) => semver.gt(v.recipe, running.recipe) && semver.lte(v.recipe, latest.recipe),
  );
  const flagged = (await inputs.notes(crossed)).filter((n) => n.flagged.length > 0);
  const bump = majorBump(running, latest);
  if (bump !== undefined) {
    return outcome(
      'held-major',
      running.tag,
      `${running.tag} → ${latest.tag} is a ${bump}; held for a person, nothing was changed`,
      flagged,
    );
  }
  if (flagged.length > 0) {
    return outcome(
      'held-manual-migration',
      running.tag,
      `${running.tag} → ${latest.tag}: the release notes of ${flagged.map((n) => n.tag).join(', ')} ask for a person; held, nothing was changed`,
      flagged,
    );
  }

  const lastGood = running.tag;
  await ledger.update({ lastGood });
  const backup = await app.backup();
  if (!record('backup', backup)) {
    return outcome(
      'backup-failed',
      running.tag,
      `the backup before ${running.tag} → ${latest.tag} failed, so the upgrade was not started`,
    );
  }
  if (await deployAndGate(`upgrade to ${latest.tag}`, app.upgrade(latest.tag))) {
    await ledger.update({ lastGood: latest.tag, rejected: undefined });
    return outcome('upgraded', latest.tag, `upgraded ${running.tag} → ${latest.tag}; healthy`);
  }
  // Remembered before the rollback starts, so even a run killed mid-rollback does not retry it.
  await ledger.update({
    rejected: {
      version: latest.tag,
      at: new Date().toISOString(),
      reason: steps.findLast((s) => !s.ok)?.summary ?? 'its health gate failed',
    },
  });
  const restored = record(
    `restore the backup (${backup.location ?? 'as the backend keeps it'})`,
    await app.restore(backup.location, lastGood),
  );
  const recovered = await deployAndGate(`redeploy ${lastGood}`, app.upgrade(lastGood));
  if (restored && recovered) {
    return outcome(
      'rolled-back',
      lastGood,
      `${latest.tag} failed its health gate; the backup was restored and ${lastGood} is healthy again; ${latest.tag} is rejected: later runs keep ${lastGood} until a newer release is published or retry-rejected is true`,
    );
  }
  return outcome(
    'unrecovered',
    recovered ? lastGood : undefined,
    `${latest.tag} failed its health gate and the rollback to ${lastGood} did not recover (${restored ? 'redeploy or health gate failed' : 'the restore failed'}); a person is needed`,
  );
}
