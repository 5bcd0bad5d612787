/**
 * A real git repository of the example notes recipe (test/fixtures/recipe-notes): one tagged
 * commit per published version, release notes where asked, HEAD at the candidate, and an
 * optional untagged change on top (a PR's commit).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = join('test', 'fixtures');

/** A git repo of the example recipe with one tagged commit per version; HEAD at `candidate`. */
export function recipeRepo(
  options: {
    candidate?: string;
    notes?: Record<string, string>;
    change?: (dir: string) => void;
    /** A folder of test/fixtures; recipe-notes by default. */
    fixture?: string;
  } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'recipe-ci-recipe-'));
  cpSync(join(FIXTURES, options.fixture ?? 'recipe-notes'), dir, { recursive: true });
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
    if (existsSync(join(dir, 'app.mjs'))) {
      const app = readFileSync(join(dir, 'app.mjs'), 'utf8').replace(
        /const VERSION = '[^']*'/,
        `const VERSION = '${tag}'`,
      );
      writeFileSync(join(dir, 'app.mjs'), app);
    } else {
      // A Co-op Cloud recipe: a release moves the app's image to the app version.
      const compose = readFileSync(join(dir, 'compose.yml'), 'utf8').replace(
        /(image: [^:\s]+):\S+/,
        `$1:${tag.split('+')[1] ?? tag}`,
      );
      writeFileSync(join(dir, 'compose.yml'), compose);
    }
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
