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
import { formatDuration } from '../shared/duration.ts';

/** git's answers (tag lists, files) are kept whole up to this size. */
const ANSWER_CHARS = 16 * 1024 * 1024;

/**
 * How long one git or tar call may take by default. Every call here is local (no fetch, no
 * prompt), so one that takes longer is stuck — on a lock, a hook, a filesystem — not slow.
 */
export const GIT_TIMEOUT_MS = 2 * 60_000;

export interface GitOptions {
  /** Cancels the call: it throws the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Each call's time limit (default GIT_TIMEOUT_MS). */
  timeoutMs?: number | undefined;
}

/** Every git call of the product: with a time limit and the cancel, its answer kept whole. */
async function git(repo: string, args: string[], options: GitOptions): Promise<string> {
  return run('git', ['-C', repo, ...args], options, `git ${args.join(' ')} failed in ${repo}`);
}

/** `file` to its end, or an error that starts with `failure`; a cancel throws its reason. */
async function run(
  file: string,
  args: string[],
  options: GitOptions,
  failure: string,
): Promise<string> {
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? GIT_TIMEOUT_MS;
  const result = await runProgram(file, args, { signal, timeoutMs, keepStdoutChars: ANSWER_CHARS });
  if (result.cancelled) throw signal?.reason ?? new Error(`${failure}: cancelled`);
  if (!succeeded(result)) {
    const why =
      (!result.timedOut && result.stderr.trim()) || describeEnd(result, formatDuration(timeoutMs));
    throw new Error(`${failure}: ${why}`);
  }
  return result.stdout;
}

export async function listTags(repo: string, options: GitOptions = {}): Promise<string[]> {
  return (await git(repo, ['tag', '--list'], options)).split('\n').filter(Boolean);
}

export async function tagsAtHead(repo: string, options: GitOptions = {}): Promise<string[]> {
  return (await git(repo, ['tag', '--points-at', 'HEAD'], options)).split('\n').filter(Boolean);
}

/**
 * The text of `path` as committed in `tag`, or undefined when that tag has no such file. Only
 * "not there" is undefined: a git that fails (a corrupt object, a lock, its time limit) throws,
 * because a caller reading release notes must hold an upgrade it cannot check, not pass it.
 */
export async function fileAtTag(
  repo: string,
  tag: string,
  path: string,
  options: GitOptions = {},
): Promise<string | undefined> {
  // ls-tree names the file when the tag's tree has it, and says nothing when it does not.
  const listed = await git(
    repo,
    ['ls-tree', '--name-only', `refs/tags/${tag}`, '--', path],
    options,
  );
  if (listed.trim() === '') return undefined;
  return git(repo, ['show', `refs/tags/${tag}:${path}`], options);
}

/**
 * Write the files of `tag` into `dir` (no .git): the previous version, ready to deploy. The
 * archive goes through a file of its own rather than a pipe, so both steps are plain programs.
 */
export async function exportTag(
  repo: string,
  tag: string,
  dir: string,
  options: GitOptions = {},
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(join(tmpdir(), 'recipe-ci-export-'));
  try {
    const archive = join(scratch, 'tag.tar');
    const refs = `refs/tags/${tag}`;
    await git(repo, ['archive', '--format=tar', `--output=${archive}`, refs], options);
    await run(
      'tar',
      ['-x', '-f', archive, '-C', dir],
      options,
      `tar -x of ${tag} into ${dir} failed`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Makes `dir` a repository of one commit of its files, for a recipe that lives in a folder of a
 * larger repository: abra reads recipes as git checkouts, and a folder copy has no `.git`.
 */
export async function commitFolder(dir: string, options: GitOptions = {}): Promise<void> {
  await git(dir, ['init', '-q'], options);
  await git(dir, ['add', '-A'], options);
  await git(
    dir,
    [
      '-c',
      'user.name=recipe-ci',
      '-c',
      'user.email=recipe-ci@localhost',
      'commit',
      '-q',
      '--no-verify',
      '-m',
      'the candidate, as checked out',
    ],
    options,
  );
}
