// Builds dist/: one small ESM entry per runs.main / runs.post of every action (found by the
// naming convention actions/<name>/{main,post}.ts) and the CLI, over shared chunks, so the core
// is in dist once and not copied into every action. Targets Node 20 although action.yml says
// node24: Gitea and Forgejo run actions with whatever `node` the job image has.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Buffer } from 'node:buffer';
import { stableChunkNames } from './stable-chunk-names.mjs';

// `--outdir DIR` builds elsewhere, so check-dist can compare a fresh build with the committed one.
const outdirFlag = process.argv.indexOf('--outdir');
const dist = outdirFlag === -1 ? 'dist' : process.argv[outdirFlag + 1];
// `--entry FILE` bundles one other file the same way (tests use it for their fixtures).
const entryFlag = process.argv.indexOf('--entry');
const entryPoints = entryFlag === -1 ? [{ in: 'src/cli.ts', out: 'cli' }] : [];
if (entryFlag !== -1) entryPoints.push({ in: process.argv[entryFlag + 1], out: 'entry' });
for (const action of entryFlag === -1 ? readdirSync('actions').sort() : []) {
  for (const step of ['main', 'post']) {
    const file = join('actions', action, `${step}.ts`);
    if (existsSync(file)) entryPoints.push({ in: file, out: `${action}/${step}` });
  }
}

rmSync(dist, { recursive: true, force: true });
const result = await build({
  entryPoints,
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // ssh2 loads optional native speed-ups inside try/catch; the pure-JS paths are what we ship.
  external: ['cpu-features', '*.node'],
  // Bundled CommonJS dependencies (ssh2) use require, __filename and __dirname; ESM has none.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      "import { dirname as __pathDirname } from 'node:path';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join(' '),
  },
  legalComments: 'linked',
  logLevel: 'warning',
  // Written below, once the chunks carry names that do not change with their contents.
  write: false,
  metafile: true,
});
const files = stableChunkNames(result, dist);
for (const file of files) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.text);
}
// dist/ is ESM whatever package.json around it says (a consumer may vendor dist/ alone).
writeFileSync(join(dist, 'package.json'), '{ "type": "module" }\n');

// What `node` reads when a step starts: the entry and every chunk it imports statically (the
// GitHub issues client is imported only when alerts go out, so it is not counted).
const byPath = new Map(files.map((file) => [file.path, file]));
const loaded = files
  .filter((file) => file.entry)
  .map((file) => {
    const seen = new Set();
    const visit = (path) => {
      if (seen.has(path)) return;
      seen.add(path);
      for (const next of byPath.get(path)?.staticImports ?? []) visit(next);
    };
    visit(file.path);
    const bytes = [...seen].reduce(
      (sum, path) => sum + Buffer.byteLength(byPath.get(path)?.text ?? ''),
      0,
    );
    return [relative(dist, file.path), bytes];
  });
const width = Math.max(...loaded.map(([name]) => name.length));
console.log('loaded at start-up (entry + static chunks):');
for (const [name, bytes] of loaded.sort((a, b) => b[1] - a[1])) {
  console.log(`  ${name.padEnd(width)}  ${(bytes / 1024).toFixed(0).padStart(5)} KiB`);
}
