/**
 * The recipe repository as git sees it: its tags (the published versions), the tag on the
 * checked-out commit (the candidate's version, if it has one), and the files of a published
 * version, exported to a folder so a command backend can deploy it while the checkout stays as
 * it is.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEnd, runProgram, succeeded } from '../process/run-program.ts';

/** git's answers (tag lists, files) are kept whole up to this size. */
const ANSWER_CHARS = 16 * 1024 * 1024;

async function git(repo: string, args: string[]): Promise<string> {
  const result = await runProgram('git', ['-C', repo, ...args], { keepStdoutChars: ANSWER_CHARS });
  if (!succeeded(result)) {
    const why = result.stderr.trim() || describeEnd(result, 'its time limit');
    throw new Error(`git ${args.join(' ')} failed in ${repo}: ${why}`);
  }
  return result.stdout;
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

/**
 * Write the files of `tag` into `dir` (no .git): the previous version, ready to deploy. The
 * archive goes through a file of its own rather than a pipe, so both steps are plain programs.
 */
export async function exportTag(repo: string, tag: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(join(tmpdir(), 'recipe-ci-export-'));
  try {
    const archive = join(scratch, 'tag.tar');
    await git(repo, ['archive', '--format=tar', `--output=${archive}`, `refs/tags/${tag}`]);
    const untar = await runProgram('tar', ['-x', '-f', archive, '-C', dir]);
    if (!succeeded(untar)) {
      const why = untar.stderr.trim() || describeEnd(untar, 'its time limit');
      throw new Error(`tar -x of ${tag} into ${dir} failed: ${why}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Makes `dir` a repository of one commit of its files, for a recipe that lives in a folder of a
 * larger repository: abra reads recipes as git checkouts, and a folder copy has no `.git`.
 */
export async function commitFolder(dir: string): Promise<void> {
  await git(dir, ['init', '-q']);
  await git(dir, ['add', '-A']);
  await git(dir, [
    '-c',
    'user.name=recipe-ci',
    '-c',
    'user.email=recipe-ci@localhost',
    'commit',
    '-q',
    '--no-verify',
    '-m',
    'the candidate, as checked out',
  ]);
}
