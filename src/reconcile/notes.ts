/**
 * The release notes of the versions an upgrade crosses, read from each version's own tag (the
 * notes are committed with the release), so the checkout's branch does not matter.
 */
import { fileAtTag } from '../recipe/git.ts';
import { flaggedLines } from '../recipe/release-notes.ts';
import type { RecipeVersion } from '../recipe/versions.ts';
import type { VersionNotes } from './reconcile.ts';

export async function readNotes(
  recipePath: string,
  versions: readonly RecipeVersion[],
): Promise<VersionNotes[]> {
  const found: VersionNotes[] = [];
  for (const version of versions) {
    const path = `releaseNotes/${version.tag}.md`;
    const text = await fileAtTag(recipePath, version.tag, path);
    if (text !== undefined) found.push({ tag: version.tag, path, flagged: flaggedLines(text) });
  }
  return found;
}
