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
import type { VersionNotes } from '../recipe/release-notes.ts';
import { majorBump, versionsBetween, type RecipeVersion } from '../recipe/versions.ts';
import type { HealthVerdict, ReconcileApp } from './app.ts';
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

export type { VersionNotes };

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
  /** A newer release held back while the app moved to the newest safe one. */
  heldBack?: HeldBack;
}

export async function reconcile(inputs: ReconcileInputs): Promise<ReconcileOutcome> {
  const latest = inputs.published[0];
  if (latest === undefined) throw new Error('reconcile needs at least one published version');
  const run = new ReconcileRun(inputs, latest);
  const { running } = inputs;
  if (running === undefined) return deployFirst(run, latest);
  if (semver.gte(running.recipe, latest.recipe)) return keepNewest(run, running, latest);
  // An upgrade is due, unless the newest already failed here: then look after what runs and
  // change nothing else (no backup, no deploy) until a newer release or a retry is asked for.
  const rejected = (await inputs.ledger.read()).rejected;
  if (rejected?.version === latest.tag && inputs.retryRejected !== true)
    return keepRejectedOut(run, running, latest, rejected);
  const step = await safeStep(run, running, latest, inputs);
  if ('hold' in step) return step.hold;
  // The newest safe step may itself have been rolled back here before.
  if (rejected?.version === step.target.tag && inputs.retryRejected !== true)
    return keepRejectedOut(run, running, step.target, rejected);
  return upgradeOrRollBack(run, running, step.target, step.heldBack);
}

/** The steps of one reconcile and the outcome they lead to. */
class ReconcileRun {
  readonly steps: StepRecord[] = [];

  constructor(
    private readonly inputs: ReconcileInputs,
    private readonly latest: RecipeVersion,
  ) {}

  get app(): ReconcileApp {
    return this.inputs.app;
  }

  get ledger(): LedgerStore {
    return this.inputs.ledger;
  }

  /** Records a step for the log and the report; returns whether it passed. */
  record(name: string, step: BackendStep | HealthVerdict): boolean {
    const output =
      'results' in step
        ? step.results
            .map((r) => r.output.trimEnd())
            .filter(Boolean)
            .join('\n')
        : '';
    const entry = { name, ok: step.ok, summary: step.summary, output };
    this.steps.push(entry);
    this.inputs.onStep?.(entry);
    return step.ok;
  }

  async deployAndGate(name: string, step: Promise<BackendStep>): Promise<boolean> {
    return (
      this.record(name, await step) && this.record(`health gate (${name})`, await this.app.health())
    );
  }

  /**
   * Looks after the version that runs: a health check, and when it fails one redeploy of the
   * same version and its gate. Never more than one redeploy, never another version.
   */
  async healWhatRuns(tag: string): Promise<'healthy' | 'redeployed' | 'unrecovered'> {
    if (this.record('health check', await this.app.health())) return 'healthy';
    if (await this.deployAndGate(`redeploy ${tag}`, this.app.upgrade(tag))) return 'redeployed';
    return 'unrecovered';
  }

  async outcome(
    result: ReconcileResult,
    now: string | undefined,
    message: string,
    quoted: VersionNotes[] = [],
  ): Promise<ReconcileOutcome> {
    const saved = await this.ledger.read();
    const diagnose = FAILING.includes(result) || result === 'rolled-back';
    return {
      result,
      running: this.inputs.running?.tag,
      latest: this.latest.tag,
      now,
      lastGood: saved.lastGood,
      rejected: saved.rejected?.version === this.latest.tag ? saved.rejected : undefined,
      message,
      quoted,
      steps: this.steps,
      diagnostics: diagnose ? await this.app.diagnostics() : undefined,
    };
  }
}

async function deployFirst(run: ReconcileRun, latest: RecipeVersion): Promise<ReconcileOutcome> {
  if (await run.deployAndGate(`deploy ${latest.tag}`, run.app.deploy(latest.tag))) {
    await run.ledger.update({ lastGood: latest.tag });
    return run.outcome('deployed-fresh', latest.tag, `deployed ${latest.tag} and it is healthy`);
  }
  return run.outcome(
    'unrecovered',
    latest.tag,
    `the first deploy of ${latest.tag} is not healthy and there is no earlier version to go back to`,
  );
}

/** On (or past) the newest: keep it healthy; a rejection of the newest is moot now. */
async function keepNewest(
  run: ReconcileRun,
  running: RecipeVersion,
  latest: RecipeVersion,
): Promise<ReconcileOutcome> {
  const ahead = semver.gt(running.recipe, latest.recipe)
    ? ` (ahead of the newest published ${latest.tag})`
    : '';
  const lastGood = (await run.ledger.read()).lastGood ?? running.tag;
  const healed = await run.healWhatRuns(running.tag);
  if (healed === 'unrecovered') {
    return run.outcome(
      'unrecovered',
      running.tag,
      `${running.tag}${ahead} is unhealthy and one redeploy did not help; a person is needed`,
    );
  }
  if (healed === 'healthy') {
    await run.ledger.update({ lastGood, rejected: undefined });
    return run.outcome(
      'noop-healthy',
      running.tag,
      `${running.tag}${ahead} is running and healthy`,
    );
  }
  await run.ledger.update({ lastGood: running.tag, rejected: undefined });
  return run.outcome(
    'redeployed-healthy',
    running.tag,
    `${running.tag}${ahead} was unhealthy; one redeploy made it healthy`,
  );
}

/** The newest was rolled back here before: look after what runs, try nothing new. */
async function keepRejectedOut(
  run: ReconcileRun,
  running: RecipeVersion,
  latest: RecipeVersion,
  rejected: Rejection,
): Promise<ReconcileOutcome> {
  const when = rejected.at === '' ? 'before' : `at ${rejected.at}`;
  const why = `${latest.tag} was rolled back ${when} (${rejected.reason || 'its health gate failed'}); it is not tried again until a newer release is published or retry-rejected is true`;
  const healed = await run.healWhatRuns(running.tag);
  if (healed === 'unrecovered') {
    return run.outcome(
      'unrecovered',
      running.tag,
      `${running.tag} is unhealthy and one redeploy did not help (${why}); a person is needed`,
    );
  }
  const state =
    healed === 'healthy' ? 'is running and healthy' : 'was unhealthy; one redeploy made it healthy';
  return run.outcome('held-rejected', running.tag, `${running.tag} ${state}; ${why}`);
}

/**
 * The safety gate; it only reads: no backup, no deploy, nothing written. The target is the newest
 * published version reachable without crossing a hold (a major bump from what runs, or notes
 * that ask for a person); when that is not the newest, the newest is held back and named.
 */
async function safeStep(
  run: ReconcileRun,
  running: RecipeVersion,
  latest: RecipeVersion,
  inputs: Pick<ReconcileInputs, 'published' | 'notes'>,
): Promise<{ hold: ReconcileOutcome } | { target: RecipeVersion; heldBack: HeldBack | undefined }> {
  const crossed = versionsBetween(inputs.published, running, latest);
  const flagged = (await inputs.notes(crossed)).filter((n) => n.flagged.length > 0);
  const flaggedTags = new Set(flagged.map((n) => n.tag));
  let target: RecipeVersion | undefined;
  let blocker: string | undefined;
  for (const version of [...crossed].reverse()) {
    const bump = majorBump(running, version);
    if (bump !== undefined || flaggedTags.has(version.tag)) {
      blocker = bump ?? `the release notes of ${version.tag} ask for a person`;
      break;
    }
    target = version;
  }
  if (target?.tag === latest.tag) return { target, heldBack: undefined };
  const bump = majorBump(running, latest);
  if (target !== undefined) {
    return {
      target,
      heldBack: {
        tag: latest.tag,
        why: blocker ?? 'held',
        alert: bump === undefined ? 'held-manual-migration' : 'held-major',
        quoted: flagged,
      },
    };
  }
  if (bump !== undefined) {
    return {
      hold: await run.outcome(
        'held-major',
        running.tag,
        `${running.tag} → ${latest.tag} is a ${bump}; held for a person, nothing was changed`,
        flagged,
      ),
    };
  }
  const tags = flagged.map((n) => n.tag).join(', ');
  return {
    hold: await run.outcome(
      'held-manual-migration',
      running.tag,
      `${running.tag} → ${latest.tag}: the release notes of ${tags} ask for a person; held, nothing was changed`,
      flagged,
    ),
  };
}

/** A newer release left for a person while the app steps to the newest safe one. */
export interface HeldBack {
  tag: string;
  why: string;
  /** The alert it raises: the hold the newest would have been on its own. */
  alert: 'held-major' | 'held-manual-migration';
  quoted: VersionNotes[];
}

/** Backup, upgrade, gate; a failed gate restores the backup and redeploys the last good one. */
async function upgradeOrRollBack(
  run: ReconcileRun,
  running: RecipeVersion,
  latest: RecipeVersion,
  heldBack: HeldBack | undefined,
): Promise<ReconcileOutcome> {
  const lastGood = running.tag;
  await run.ledger.update({ lastGood });
  const backup = await run.app.backup();
  if (!run.record('backup', backup)) {
    return run.outcome(
      'backup-failed',
      running.tag,
      `the backup before ${running.tag} → ${latest.tag} failed, so the upgrade was not started`,
    );
  }
  if (await run.deployAndGate(`upgrade to ${latest.tag}`, run.app.upgrade(latest.tag))) {
    await run.ledger.update({ lastGood: latest.tag, rejected: undefined });
    const held =
      heldBack === undefined
        ? ''
        : `; ${heldBack.tag} is held for a person (${heldBack.why}), this is the newest safe step`;
    const done = await run.outcome(
      'upgraded',
      latest.tag,
      `upgraded ${running.tag} → ${latest.tag}; healthy${held}`,
      heldBack?.quoted ?? [],
    );
    return heldBack === undefined ? done : { ...done, heldBack };
  }
  // Remembered before the rollback starts, so even a run killed mid-rollback does not retry it.
  await run.ledger.update({
    rejected: {
      version: latest.tag,
      at: new Date().toISOString(),
      reason: run.steps.findLast((s) => !s.ok)?.summary ?? 'its health gate failed',
    },
  });
  const restored = run.record(
    `restore the backup (${backup.location ?? 'as the backend keeps it'})`,
    await run.app.restore(backup.location, lastGood),
  );
  const recovered = await run.deployAndGate(`redeploy ${lastGood}`, run.app.upgrade(lastGood));
  if (restored && recovered) {
    return run.outcome(
      'rolled-back',
      lastGood,
      `${latest.tag} failed its health gate; the backup was restored and ${lastGood} is healthy again; ${latest.tag} is rejected: later runs keep ${lastGood} until a newer release is published or retry-rejected is true`,
    );
  }
  return run.outcome(
    'unrecovered',
    recovered ? lastGood : undefined,
    `${latest.tag} failed its health gate and the rollback to ${lastGood} did not recover (${restored ? 'redeploy or health gate failed' : 'the restore failed'}); a person is needed`,
  );
}
