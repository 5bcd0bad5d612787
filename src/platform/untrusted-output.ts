/**
 * Printing text we did not write on a runner. GitHub's runner takes a line as a workflow command
 * when it starts with `::` after leading blanks (and still reads the old `##[` form); act and the
 * Gitea and Forgejo runners when it starts with `::`. So a recipe printing `::stop-commands::x`
 * would silently turn off every `::add-mask::` after it. Text with such a line goes out inside a
 * `::stop-commands::<token>` block with a token nobody can guess; other text goes out as it is.
 */
import { randomBytes } from 'node:crypto';

const COMMAND_LIKE = /^\s*(::|##\[)/m;

/** The lines to write for `text`: itself, or itself fenced off from command processing. */
export function fencedLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (!COMMAND_LIKE.test(text)) return lines;
  const token = randomBytes(16).toString('hex');
  return [`::stop-commands::${token}`, ...lines, `::${token}::`];
}
