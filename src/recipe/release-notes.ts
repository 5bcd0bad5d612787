/**
 * Release notes that ask for a human: a recipe's `releaseNotes/<version>.md` that speaks of a
 * manual migration or a breaking change means the upgrade tier must be held for a person to
 * read, not run and blamed on the recipe.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const MARKERS = [/manual(ly)?[ -]migrat/i, /breaking[ -]change/i, /action required/i];

export interface ReleaseNotes {
  path: string;
  text: string;
  /** The lines that carry a marker. */
  flagged: string[];
}

export async function readReleaseNotes(
  recipePath: string,
  version: string,
): Promise<ReleaseNotes | undefined> {
  const path = join(recipePath, 'releaseNotes', `${version}.md`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return { path, text, flagged: flaggedLines(text) };
}

/** The lines of release notes that carry a marker, trimmed. */
export function flaggedLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => MARKERS.some((marker) => marker.test(line)));
}
