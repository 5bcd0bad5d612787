/**
 * The release notes of the versions an upgrade crosses, read from each version's own tag (the
 * notes are committed with the release), so the checkout's branch does not matter.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RecipeVersion } from '../suite/versions.ts';
import { flaggedLines } from '../suite/release-notes.ts';
import type { VersionNotes } from './reconcile.ts';

const exec = promisify(execFile);

export async function readNotes(
  recipePath: string,
  versions: readonly RecipeVersion[],
): Promise<VersionNotes[]> {
  const found: VersionNotes[] = [];
  for (const version of versions) {
    const path = `releaseNotes/${version.tag}.md`;
    let text: string;
    try {
      ({ stdout: text } = await exec('git', [
        '-C',
        recipePath,
        'show',
        `refs/tags/${version.tag}:${path}`,
      ]));
    } catch {
      continue; // no notes for this version
    }
    found.push({ tag: version.tag, path, flagged: flaggedLines(text) });
  }
  return found;
}
