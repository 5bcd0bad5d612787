/**
 * Release notes that ask for a person. The operators' warm-upgrade tooling holds an upgrade when
 * a release's notes say any of: manual migration, manual action, manual step, action required,
 * by hand, manually, breaking change (case-insensitive); we hold on the same phrases and their
 * obvious spellings (`by-hand`, `BREAKING CHANGE:`, `manual steps`). A false alarm costs one
 * click; a missed one costs a weekend, so the list errs toward holding.
 *
 * Where notes live: `releaseNotes/<version>.md` and `releaseNotes/<version>` (the operators'
 * tooling), and `release/<version>` (Co-op Cloud's abra, which asks for notes on `abra recipe
 * release` and keeps them there; maintainers handbook). All are read, for every version an
 * upgrade crosses, each from that version's own tag.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileAtTag, type GitOptions } from './git.ts';
import type { RecipeVersion } from './versions.ts';

/** The phrases, each with the pattern that finds it and its variants in a line. */
export const NOTE_MARKERS: readonly { phrase: string; pattern: RegExp }[] = [
  { phrase: 'manual migration', pattern: /\bmanual(ly)?[\s_-]*migrat/i },
  { phrase: 'manual action', pattern: /\bmanual[\s_-]+actions?\b/i },
  { phrase: 'manual step', pattern: /\bmanual[\s_-]+steps?\b/i },
  { phrase: 'action required', pattern: /\b(action[\s_-]+required|required[\s_-]+action)\b/i },
  { phrase: 'by hand', pattern: /\bby[\s_-]+hand\b/i },
  { phrase: 'manually', pattern: /\bmanually\b/i },
  { phrase: 'breaking change', pattern: /\bbreaking[\s_-]*changes?\b/i },
];

/** The files that may hold `version`'s notes, in the order they are read. */
export function noteLayouts(version: string): string[] {
  return [`releaseNotes/${version}.md`, `releaseNotes/${version}`, `release/${version}`];
}

export interface ReleaseNotes {
  /** The file, relative to the recipe. */
  path: string;
  /** The lines that carry a marker, trimmed. */
  flagged: string[];
}

/** Notes of one version, with the version they belong to. */
export interface VersionNotes extends ReleaseNotes {
  tag: string;
}

/**
 * The notes of each of `versions`, read from that version's own tag (the notes are committed
 * with the release), so the checkout's branch does not matter.
 */
export async function readNotesAtTags(
  recipePath: string,
  versions: readonly RecipeVersion[],
  options: GitOptions = {},
): Promise<VersionNotes[]> {
  const found: VersionNotes[] = [];
  for (const { tag } of versions) {
    const notes = await readVersionNotes(tag, (path) => fileAtTag(recipePath, tag, path, options));
    found.push(...notes.map((note) => ({ tag, ...note })));
  }
  return found;
}

/** Every notes file of `version` that `read` finds (a path relative to the recipe, or undefined). */
export async function readVersionNotes(
  version: string,
  read: (path: string) => Promise<string | undefined>,
): Promise<ReleaseNotes[]> {
  const found: ReleaseNotes[] = [];
  for (const path of noteLayouts(version)) {
    const text = await read(path);
    if (text !== undefined) found.push({ path, flagged: flaggedLines(text) });
  }
  return found;
}

/** A reader of the working tree (the candidate's notes, which have no tag yet). */
export function checkoutReader(recipePath: string): (path: string) => Promise<string | undefined> {
  return async (path) => {
    try {
      return await readFile(join(recipePath, path), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  };
}

/** The lines of release notes that carry a marker, trimmed. */
export function flaggedLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => NOTE_MARKERS.some((marker) => marker.pattern.test(line)));
}
