/**
 * A real git repository of an example recipe (test/fixtures/recipe-notes by default, or the
 * abra recipe test/fixtures/recipe-abra-notes): one tagged commit per published version, release
 * notes where asked, HEAD at the candidate, and an optional untagged change on top (a PR's
 * commit). `addRelease` publishes one more version later (a new upstream release, or a broken
 * one) the way a recipe maintainer would.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.ts';

const FIXTURES = join('test', 'fixtures');
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
    /** A folder of test/fixtures; recipe-notes by default. */
    fixture?: string;
    /** The published versions, oldest first (default 1.0.0+1.0, 1.1.0+1.1, 2.0.0+2.0). */
    tags?: string[];
    /** The data schema each release's start-up migration writes (and needs), by tag. */
    migrations?: Record<string, Migration>;
  } = {},
): string {
  const dir = tempDir('recipe-ci-recipe-');
  cpSync(join(FIXTURES, options.fixture ?? 'recipe-notes'), dir, { recursive: true });
  const git = gitIn(dir);
  git('init', '-q', '-b', 'main');
  const tags = options.tags ?? DEFAULT_TAGS;
  for (const tag of tags) {
    addRelease(dir, tag, { notes: options.notes?.[tag], migration: options.migrations?.[tag] });
  }
  if (tags.length === 0) {
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
 * A release's start-up migration: it writes `schema` into the app's data as it starts and,
 * with `needs`, refuses to start (exit 1, naming both) on data of any schema but that one, its
 * own or none: the migration that only works from the release before it.
 */
export interface Migration {
  schema: number;
  needs?: number;
}

/** The migration as the notes app's start-up code (JavaScript). */
function appMigration({ schema, needs }: Migration): string {
  const accepted = JSON.stringify([
    '',
    String(schema),
    ...(needs === undefined ? [] : [String(needs)]),
  ]);
  const check =
    needs === undefined
      ? ''
      : `if (!${accepted}.includes(found)) {
  console.error(\`migration to schema ${String(schema)} needs schema ${String(needs)}, found \${found}\`);
  process.exit(1);
}
`;
  return `const schemaFile = join(dataDir, 'schema');
let found = '';
try {
  found = readFileSync(schemaFile, 'utf8').trim();
} catch {
  // Fresh data: no schema yet.
}
${check}writeFileSync(schemaFile, '${String(schema)}');`;
}

/** The migration as shell before the abra recipe's web server starts (`$$`: compose's escape). */
function shellMigration({ schema, needs }: Migration): string {
  const check =
    needs === undefined
      ? ''
      : `s=$$(cat /data/schema 2>/dev/null); case "$$s" in ""|${String(needs)}|${String(schema)}) ;; *) echo "migration to schema ${String(schema)} needs schema ${String(needs)}, found $$s" >&2; exit 1;; esac; `;
  return `${check}echo ${String(schema)} > /data/schema; `;
}

/**
 * Commit and tag one more version on the current branch. A `broken` release of the notes app
 * overwrites the notes when it starts (a bad migration) and answers its health check with 500.
 */
export function addRelease(
  dir: string,
  tag: string,
  options: { notes?: string; broken?: boolean; migration?: Migration | undefined } = {},
): void {
  const git = gitIn(dir);
  if (existsSync(join(dir, 'app.mjs'))) {
    // Each release starts from the fixture's app, so a broken one does not break those after it.
    let app = readFileSync(join(FIXTURES, 'recipe-notes', 'app.mjs'), 'utf8').replace(
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
      if (app === healthy || !app.includes('damaged')) {
        throw new Error('the fixture app changed; fix addRelease');
      }
    }
    if (options.migration !== undefined) {
      const start = 'mkdirSync(dataDir, { recursive: true });';
      app = app.replace(start, `${start}\n${appMigration(options.migration)}`);
    }
    writeFileSync(join(dir, 'app.mjs'), app);
  } else {
    // A Co-op Cloud recipe: a release moves the app's image to the app version.
    if (options.broken) throw new Error('a broken abra release is made by the abra stand-in');
    // …and its version label to the release, as a maintainer's release commit does.
    let compose = readFileSync(join(dir, 'compose.yml'), 'utf8')
      .replace(/(image: [^:\s]+):\S+/, `$1:${tag.split('+')[1] ?? tag}`)
      .replace(/(coop-cloud\.\$\{STACK_NAME\}\.version=)[^'\s]+/, `$1${tag}`);
    const migration = options.migration;
    if (migration !== undefined) {
      // Each release starts from the fixture's command, so a migration is not carried to the next.
      const fixture = readFileSync(join(FIXTURES, 'recipe-abra-notes', 'compose.yml'), 'utf8');
      const command = /^ {4}command: \[.*httpd.*\]$/m;
      const original = command.exec(fixture)?.[0];
      if (original === undefined) throw new Error('the abra fixture changed; fix addRelease');
      const migrated = original.replace('TERM; ', () => `TERM; ${shellMigration(migration)}`);
      compose = compose.replace(command, () => migrated);
    }
    writeFileSync(join(dir, 'compose.yml'), compose);
  }
  if (options.notes !== undefined) {
    mkdirSync(join(dir, 'releaseNotes'), { recursive: true });
    writeFileSync(join(dir, 'releaseNotes', `${tag}.md`), options.notes);
  }
  git('add', '-A');
  git('commit', '-q', '-m', tag);
  git('tag', tag);
}
