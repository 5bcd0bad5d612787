/**
 * A real git repository of the example notes recipe (test/fixtures/recipe-notes): one tagged
 * commit per published version, release notes where asked, HEAD at the candidate, and an
 * optional untagged change on top (a PR's commit). `addRelease` publishes one more version later
 * (a new upstream release, or a broken one) the way a recipe maintainer would.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURE = join('test', 'fixtures', 'recipe-notes');
const DEFAULT_TAGS = ['1.0.0+1.0', '1.1.0+1.1', '2.0.0+2.0'];

function gitIn(dir: string) {
  return (...args: string[]): string =>
    execFileSync(
      'git',
      ['-C', dir, '-c', 'user.name=ci', '-c', 'user.email=ci@example.test', ...args],
      {
        encoding: 'utf8',
      },
    );
}

/** A git repo of the example recipe with one tagged commit per version; HEAD at `candidate`. */
export function recipeRepo(
  options: {
    candidate?: string;
    notes?: Record<string, string>;
    change?: (dir: string) => void;
    /** The published versions, oldest first (default 1.0.0+1.0, 1.1.0+1.1, 2.0.0+2.0). */
    tags?: string[];
  } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'recipe-ci-recipe-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const git = gitIn(dir);
  git('init', '-q', '-b', 'main');
  for (const tag of options.tags ?? DEFAULT_TAGS) {
    addRelease(dir, tag, { notes: options.notes?.[tag] });
  }
  if ((options.tags ?? DEFAULT_TAGS).length === 0) {
    git('add', '-A');
    git('commit', '-q', '-m', 'unreleased');
  }
  if (options.candidate) git('checkout', '-q', options.candidate);
  if (options.change) {
    options.change(dir);
    git('commit', '-q', '-am', 'candidate change');
  }
  return dir;
}

/**
 * Commit and tag one more version on the current branch. A `broken` release overwrites the
 * notes when it starts (a bad migration) and answers its health check with 500.
 */
export function addRelease(
  dir: string,
  tag: string,
  options: { notes?: string; broken?: boolean } = {},
): void {
  const git = gitIn(dir);
  // Each release starts from the fixture's app, so a broken one does not break those after it.
  let app = readFileSync(join(FIXTURE, 'app.mjs'), 'utf8').replace(
    /const VERSION = '[^']*'/,
    `const VERSION = '${tag}'`,
  );
  if (options.broken) {
    const healthy = app;
    app = app
      .replace(
        'mkdirSync(dataDir, { recursive: true });',
        "mkdirSync(dataDir, { recursive: true });\nwriteFileSync(file, 'damaged by a broken release');",
      )
      .replace(
        "if (request.url === '/health') return response.end(`ok ${VERSION}`);",
        "if (request.url === '/health') return response.writeHead(500).end('broken');",
      );
    if (app === healthy || !app.includes('damaged'))
      throw new Error('the fixture app changed; fix addRelease');
  }
  writeFileSync(join(dir, 'app.mjs'), app);
  if (options.notes !== undefined) {
    mkdirSync(join(dir, 'releaseNotes'), { recursive: true });
    writeFileSync(join(dir, 'releaseNotes', `${tag}.md`), options.notes);
  }
  git('add', '-A');
  git('commit', '-q', '-m', tag);
  git('tag', tag);
}
