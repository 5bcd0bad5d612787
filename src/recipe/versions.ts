/**
 * Recipe versions as Co-op Cloud tags them: `<recipe semver>+<app version>`, e.g.
 * `1.4.0+30.0.2`. The recipe part orders releases (semver ignores the `+…` build part); the app
 * part is the packaged software's own version, which may not be semver at all (`2.4-alpine`),
 * so only its leading number is read, to spot a major bump of the app.
 */
import semver from 'semver';

export interface RecipeVersion {
  /** The tag as written. */
  tag: string;
  recipe: semver.SemVer;
  /** The app part, or undefined for a tag without `+…`. */
  app: string | undefined;
  /** The app part's leading number, when it has one. */
  appMajor: number | undefined;
}

export function parseRecipeVersion(tag: string): RecipeVersion | undefined {
  const trimmed = tag.trim();
  const plus = trimmed.indexOf('+');
  const recipePart = plus === -1 ? trimmed : trimmed.slice(0, plus);
  const app = plus === -1 ? undefined : trimmed.slice(plus + 1);
  const recipe = semver.parse(recipePart.replace(/^v/, ''));
  if (!recipe || (app !== undefined && app === '')) return undefined;
  const leading = app === undefined ? undefined : /^v?(\d+)/.exec(app);
  return { tag: trimmed, recipe, app, appMajor: leading ? Number(leading[1]) : undefined };
}

/** The tags that are recipe versions, newest first; pre-releases are not "published". */
export function publishedVersions(tags: readonly string[]): RecipeVersion[] {
  return tags
    .map(parseRecipeVersion)
    .filter((v): v is RecipeVersion => v !== undefined && v.recipe.prerelease.length === 0)
    .sort((a, b) => semver.rcompare(a.recipe, b.recipe));
}

/** A problem with `previous`; the caller names the input. */
export class VersionError extends Error {}

/**
 * The version to upgrade from: with `auto`, the newest published version older than the
 * candidate (or the newest of all when the candidate has no version yet); otherwise the tag the
 * user named, which must exist and be older than the candidate.
 */
export function choosePrevious(
  candidate: RecipeVersion | undefined,
  tags: readonly string[],
  previous: string,
): RecipeVersion | undefined {
  const published = publishedVersions(tags);
  if (previous === 'auto') {
    return published.find((v) => candidate === undefined || semver.lt(v.recipe, candidate.recipe));
  }
  const named = tags.includes(previous) ? parseRecipeVersion(previous) : undefined;
  if (named === undefined) {
    const nearest = published.slice(0, 3).map((v) => v.tag);
    throw new VersionError(
      `"${previous}" is not a version tag of this recipe${nearest.length > 0 ? ` (newest: ${nearest.join(', ')})` : ' (it has no version tags)'}; use auto or an existing tag`,
    );
  }
  if (candidate !== undefined && !semver.lt(named.recipe, candidate.recipe)) {
    throw new VersionError(
      `"${previous}" is not older than the candidate ${candidate.tag}; an upgrade goes from an older version to the candidate`,
    );
  }
  return named;
}

/** Which part, if any, bumps its major from `from` to `to`. */
export function majorBump(from: RecipeVersion, to: RecipeVersion): string | undefined {
  const parts: string[] = [];
  if (to.recipe.major > from.recipe.major) {
    parts.push(`recipe ${String(from.recipe.major)} → ${String(to.recipe.major)}`);
  }
  if (from.appMajor !== undefined && to.appMajor !== undefined && to.appMajor > from.appMajor) {
    parts.push(`app ${String(from.appMajor)} → ${String(to.appMajor)}`);
  }
  return parts.length > 0 ? `major upgrade (${parts.join(', ')})` : undefined;
}

/**
 * Tags that look like versions but are not `<semver>+<app>` releases (old-style
 * `1.14.1-rootless`, `1.14.1-rootless_1`, pre-releases): ignored, named once in a notice.
 */
export function ignoredVersionTags(tags: readonly string[]): string[] {
  const published = new Set(publishedVersions(tags).map((v) => v.tag));
  return tags.filter((tag) => /^v?\d/.test(tag.trim()) && !published.has(tag.trim()));
}

/** The one notice naming the ignored tags, or undefined when there are none. */
export function ignoredTagsNotice(tags: readonly string[]): string | undefined {
  const ignored = ignoredVersionTags(tags);
  return ignored.length === 0
    ? undefined
    : `ignored tags that are not <semver>+<app> releases: ${ignored.join(', ')}`;
}

/** The versions an upgrade from `after` to `upTo` crosses: after < v ≤ upTo, in their order. */
export function versionsBetween(
  versions: readonly RecipeVersion[],
  after: RecipeVersion,
  upTo: RecipeVersion,
): RecipeVersion[] {
  return versions.filter(
    (v) => semver.gt(v.recipe, after.recipe) && semver.lte(v.recipe, upTo.recipe),
  );
}

/** `previous: last-N` allows N from 1 to this: each path is a whole deploy and upgrade. */
export const MAX_UPGRADE_PATHS = 20;

/**
 * N of `previous: last-N`, undefined for any other value (`auto`, a tag); a value that starts
 * `last-` but is not a count from 1 to MAX_UPGRADE_PATHS is a VersionError.
 */
export function lastCount(previous: string): number | undefined {
  if (!previous.startsWith('last-')) return undefined;
  const match = /^last-([1-9]\d*)$/.exec(previous);
  const n = match ? Number(match[1]) : NaN;
  if (!(n >= 1 && n <= MAX_UPGRADE_PATHS)) {
    throw new VersionError(
      `"${previous}" is not last-N with N from 1 to ${String(MAX_UPGRADE_PATHS)}; use last-3 to upgrade from each of the 3 newest releases, auto for the newest only, or a version tag`,
    );
  }
  return n;
}

/**
 * The releases `last-N` starts upgrades from: the N newest published versions older than the
 * candidate (all of them when it has no version), newest first; fewer when fewer exist.
 */
export function startingReleases(
  candidate: RecipeVersion | undefined,
  tags: readonly string[],
  n: number,
): RecipeVersion[] {
  return publishedVersions(tags)
    .filter((v) => candidate === undefined || semver.lt(v.recipe, candidate.recipe))
    .slice(0, n);
}
