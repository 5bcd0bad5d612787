// Fails when dist/ is not what `npm run build` makes from the sources: users run dist/, so a
// stale bundle means they run code nobody reviewed. Builds into a temporary folder and compares
// file by file, so the check itself never changes the working tree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

function files(root, dir = root) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(root, path) : [relative(root, path)];
  });
}

const fresh = mkdtempSync(join(tmpdir(), 'recipe-ci-dist-'));
try {
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', fresh], { stdio: 'inherit' });
  const committed = new Set(files('dist'));
  const built = new Set(files(fresh));
  const problems = [];
  for (const file of built) {
    if (!committed.has(file)) problems.push(`missing from dist/: ${file}`);
    else if (!readFileSync(join(fresh, file)).equals(readFileSync(join('dist', file)))) {
      problems.push(`differs: dist/${file}`);
    }
  }
  for (const file of committed)
    if (!built.has(file)) problems.push(`stale, not built: dist/${file}`);
  if (problems.length > 0) {
    console.error(
      `dist/ is out of date; run \`npm run build\` and commit dist/:\n  ${problems.join('\n  ')}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`dist/ is in sync with the sources (${built.size} files)`);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
