/**
 * A real git repository of the example notes recipe (test/fixtures/recipe-notes): one tagged
 * commit per published version, release notes where asked, HEAD at the candidate, and an
 * optional untagged change on top (a PR's commit).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURE = join('test', 'fixtures', 'recipe-notes');

/** A git repo of the example recipe with one tagged commit per version; HEAD at `candidate`. */
export function recipeRepo(
  options: {
    candidate?: string;
    notes?: Record<string, string>;
    change?: (dir: string) => void;
  } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'recipe-ci-recipe-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const git = (...args: string[]): string =>
    execFileSync(
      'git',
      ['-C', dir, '-c', 'user.name=ci', '-c', 'user.email=ci@example.test', ...args],
      {
        encoding: 'utf8',
      },
    );
  git('init', '-q', '-b', 'main');
  for (const tag of ['1.0.0+1.0', '1.1.0+1.1', '2.0.0+2.0']) {
    const app = readFileSync(join(dir, 'app.mjs'), 'utf8').replace(
      /const VERSION = '[^']*'/,
      `const VERSION = '${tag}'`,
    );
    writeFileSync(join(dir, 'app.mjs'), app);
    for (const [version, text] of Object.entries(options.notes ?? {})) {
      if (version === tag) {
        mkdirSync(join(dir, 'releaseNotes'), { recursive: true });
        writeFileSync(join(dir, 'releaseNotes', `${tag}.md`), text);
      }
    }
    git('add', '-A');
    git('commit', '-q', '-m', tag);
    git('tag', tag);
  }
  if (options.candidate) git('checkout', '-q', options.candidate);
  if (options.change) {
    options.change(dir);
    git('commit', '-q', '-am', 'candidate change');
  }
  return dir;
}
