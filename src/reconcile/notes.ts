/**
 * The release notes of the versions an upgrade crosses, read from each version's own tag (the
 * notes are committed with the release), so the checkout's branch does not matter. Every layout
 * of src/recipe/release-notes.ts is read; a version with notes in two files gets both.
 */
import { fileAtTag } from '../recipe/git.ts';
import { readVersionNotes } from '../recipe/release-notes.ts';
import type { RecipeVersion } from '../recipe/versions.ts';
import type { VersionNotes } from './reconcile.ts';

export async function readNotes(
  recipePath: string,
  versions: readonly RecipeVersion[],
): Promise<VersionNotes[]> {
  const found: VersionNotes[] = [];
  for (const version of versions) {
    const notes = await readVersionNotes(version.tag, (path) =>
      fileAtTag(recipePath, version.tag, path),
    );
    for (const note of notes) found.push({ tag: version.tag, ...note });
  }
  return found;
}
