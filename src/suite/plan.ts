/**
 * From the inputs and the recipe's git history to a plan: which version is the candidate, which
 * one the upgrade starts from, and whether the upgrade must wait for a person. Done before
 * anything is deployed, so that a `previous` that does not exist is a bad input, not a failure.
 */
import { join } from 'node:path';
import type { DeploySource } from '../deploy/backend.ts';
import type { SuitePlan, UpgradeStart } from './engine.ts';
import { getErrorMessage } from '../shared/errors.ts';
import { composeVersion } from '../recipe/compose-version.ts';
import { exportTag, listTags, tagsAtHead } from '../recipe/git.ts';
import {
  checkoutReader,
  readNotesAtTags,
  readVersionNotes,
  type VersionNotes,
} from '../recipe/release-notes.ts';
import type { TierName } from '../recipe/tiers.ts';
import {
  choosePrevious,
  ignoredTagsNotice,
  lastCount,
  majorBump,
  parseRecipeVersion,
  publishedVersions,
  startingReleases,
  versionsBetween,
  type RecipeVersion,
} from '../recipe/versions.ts';

export interface PlanInputs {
  recipePath: string;
  /** A folder of this run's own, where the previous version is exported. */
  workDir: string;
  tiers: ReadonlySet<TierName>;
  previous: string;
  allowMajor: boolean;
  failFast: boolean;
  repeat: number;
  oidc: boolean;
  /** The step's cancel: every git call of the plan stops with it. */
  signal?: AbortSignal | undefined;
}

export interface PlannedRun {
  plan: SuitePlan;
  /** The candidate's version: HEAD's tag, else the compose file's version label. */
  candidate: RecipeVersion | undefined;
  /** The newest release the upgrade starts from (under `last-N`, the first path). */
  previous: RecipeVersion | undefined;
  /** Under `previous: last-N`, every release a path starts from, newest first. */
  paths: string[] | undefined;
  /** What a person should know without anything being wrong (fewer releases than N). */
  notices: string[];
  /** What a person should read in the log and the summary (ignored tags, label mismatches). */
  warnings: string[];
}

export async function planRun(inputs: PlanInputs): Promise<PlannedRun> {
  const git = { signal: inputs.signal };
  const tags = await listTags(inputs.recipePath, git);
  const warnings: string[] = [];
  const ignored = ignoredTagsNotice(tags);
  if (ignored !== undefined) warnings.push(ignored);
  const tagged = (await tagsAtHead(inputs.recipePath, git))
    .map(parseRecipeVersion)
    .find((v) => v !== undefined);
  const label = await composeVersion(inputs.recipePath);
  let candidate = tagged;
  let upgradeBlocked: string | undefined;
  if (tagged !== undefined) {
    if ('version' in label && label.version.tag !== tagged.tag) {
      warnings.push(
        `${label.where} says ${label.version.tag}, but HEAD is tagged ${tagged.tag}; the tag wins`,
      );
    }
  } else if ('version' in label) {
    candidate = label.version;
  } else if ('problem' in label) {
    upgradeBlocked = label.problem;
  } else {
    warnings.push(`the candidate's version is unknown (no tag on HEAD; ${label.unknown})`);
  }
  const count = lastCount(inputs.previous);
  const walk =
    count === undefined
      ? undefined
      : await walkPaths(inputs, tags, candidate, count, upgradeBlocked !== undefined);
  const previous = walk ? walk.starts[0] : choosePrevious(candidate, tags, inputs.previous);
  const held = walk
    ? walk.held
    : previous === undefined || upgradeBlocked !== undefined
      ? undefined
      : await holdReason(inputs, tags, previous, candidate);
  if (walk) warnings.push(...walk.warnings);
  // Deployed by its tag only when it has one; a version from the label is the checkout as it is.
  const candidateSource: DeploySource = { version: tagged?.tag, dir: inputs.recipePath };
  const startOf = (version: RecipeVersion): UpgradeStart => ({
    tag: version.tag,
    source: async () => {
      const dir = join(inputs.workDir, `previous-${version.tag.replace(/[^\w.-]/g, '_')}`);
      await exportTag(inputs.recipePath, version.tag, dir, git);
      return { version: version.tag, dir };
    },
  });
  return {
    candidate,
    previous,
    // Only the paths that run: a held or blocked upgrade runs as one row, with no path.
    paths:
      walk && held === undefined && upgradeBlocked === undefined && walk.starts.length > 0
        ? walk.starts.map((v) => v.tag)
        : undefined,
    notices: walk?.notices ?? [],
    plan: {
      selected: inputs.tiers,
      candidate: candidateSource,
      previous:
        previous === undefined
          ? { none: 'no published version older than the candidate to upgrade from' }
          : walk
            ? { paths: walk.starts.map(startOf) }
            : startOf(previous),
      held,
      upgradeBlocked,
      failFast: inputs.failFast,
      repeat: inputs.repeat,
      oidc: inputs.oidc,
    },
    warnings,
  };
}

/** The releases `last-N` upgrades from, and what the report must say about the walk. */
interface PathWalk {
  /** Newest first; the first is held when `held` is set (then it is the only one). */
  starts: RecipeVersion[];
  held: string | undefined;
  warnings: string[];
  notices: string[];
}

/**
 * Walks down from the newest release below the candidate, taking up to `count` starts. A path
 * that crosses a hold (a major bump, release notes asking for a person) ends the walk: from the
 * newest release that is today's held upgrade; further down, the paths before it still run and
 * the report says where the walk stopped. With `upgradeBlocked` no hold is looked for: the
 * upgrade tier is blocked as a whole.
 */
async function walkPaths(
  inputs: PlanInputs,
  tags: readonly string[],
  candidate: RecipeVersion | undefined,
  count: number,
  upgradeBlocked: boolean,
): Promise<PathWalk> {
  const releases = startingReleases(candidate, tags, count);
  const walk: PathWalk = { starts: [], held: undefined, warnings: [], notices: [] };
  for (const release of releases) {
    const hold = upgradeBlocked ? undefined : await holdReason(inputs, tags, release, candidate);
    if (hold !== undefined && walk.starts.length === 0) {
      return { ...walk, starts: [release], held: hold };
    }
    if (hold !== undefined) {
      walk.warnings.push(
        `previous: ${inputs.previous} stopped at ${release.tag}, whose path crosses a hold (${hold}); the paths from ${release.tag} and older releases are not tested`,
      );
      return walk;
    }
    walk.starts.push(release);
  }
  if (releases.length < count) {
    const paths = releases.map((v) => v.tag).join(', ');
    walk.notices.push(
      `previous: ${inputs.previous} asks for ${String(count)} releases below the candidate, but ${String(releases.length)} ${releases.length === 1 ? 'is' : 'are'} published${releases.length > 0 ? `: testing the upgrade from ${paths}` : ''}`,
    );
  }
  return walk;
}

async function holdReason(
  inputs: PlanInputs,
  tags: readonly string[],
  previous: RecipeVersion,
  candidate: RecipeVersion | undefined,
): Promise<string | undefined> {
  if (inputs.allowMajor || candidate === undefined) return undefined;
  const reasons: string[] = [];
  const bump = majorBump(previous, candidate);
  if (bump) reasons.push(`${bump} from ${previous.tag} to ${candidate.tag}`);
  let flagged: VersionNotes[];
  try {
    flagged = await notesCrossed(inputs, tags, previous, candidate);
  } catch (error) {
    if (inputs.signal?.aborted) throw error;
    // Notes that cannot be read may be the ones asking for a person: hold, never assume none.
    reasons.push(`the release notes could not be read (${getErrorMessage(error)})`);
    flagged = [];
  }
  for (const notes of flagged) {
    reasons.push(
      `release notes of ${notes.tag} (${notes.path}) say: ${notes.flagged.map((l) => `"${l}"`).join(' ')}`,
    );
  }
  if (reasons.length === 0) return undefined;
  return `${reasons.join('; ')} — held for a person; set allow-major: true to run it`;
}

/**
 * Flagged notes of every version in (previous, candidate]: published ones from their own tags,
 * the candidate from the checkout (its notes are part of the change under test).
 */
async function notesCrossed(
  { recipePath, signal }: PlanInputs,
  tags: readonly string[],
  previous: RecipeVersion,
  candidate: RecipeVersion,
): Promise<VersionNotes[]> {
  const published = versionsBetween(publishedVersions(tags), previous, candidate).filter(
    (v) => v.tag !== candidate.tag,
  );
  const own = await readVersionNotes(candidate.tag, checkoutReader(recipePath));
  return [
    ...(await readNotesAtTags(recipePath, published.reverse(), { signal })),
    ...own.map((note) => ({ tag: candidate.tag, ...note })),
  ].filter((n) => n.flagged.length > 0);
}
