/**
 * The recipe repository as git sees it: its tags (the published versions), the tag on the
 * checked-out commit (the candidate's version, if it has one), and the files of a published
 * version, exported to a folder so a command backend can deploy it while the checkout stays as
 * it is.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const exec = promisify(execFile);

async function git(repo: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', ['-C', repo, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(
      `git ${args.join(' ')} failed in ${repo}: ${stderr || (error as Error).message}`,
    );
  }
}

export async function listTags(repo: string): Promise<string[]> {
  return (await git(repo, ['tag', '--list'])).split('\n').filter(Boolean);
}

export async function tagsAtHead(repo: string): Promise<string[]> {
  return (await git(repo, ['tag', '--points-at', 'HEAD'])).split('\n').filter(Boolean);
}

/** The text of `path` as committed in `tag`, or undefined when that tag has no such file. */
export async function fileAtTag(
  repo: string,
  tag: string,
  path: string,
): Promise<string | undefined> {
  try {
    return await git(repo, ['show', `refs/tags/${tag}:${path}`]);
  } catch {
    return undefined;
  }
}

/** Write the files of `tag` into `dir` (no .git): the previous version, ready to deploy. */
export async function exportTag(repo: string, tag: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await exec('bash', [
    '-c',
    'set -o pipefail; git -C "$1" archive --format=tar "refs/tags/$2" | tar -x -C "$3"',
    'export-tag',
    repo,
    tag,
    dir,
  ]);
}
